import type { CompiledMatcherData } from '../model/knowledge';
import type { CompiledMatcher } from './page-matcher';

// How the content script gets its own matcher without carrying it (Firefox; 6.7 KB gzipped that
// most pages never use): the matcher's code is an unlisted script (entrypoints/page-matcher.ts)
// the background injects into the content script's world when a big page asks for it, where it
// leaves its compiler on a global of that world (which the page's own scripts cannot see).

/** Loads the compiled matcher's snapshot (EntityMatcher, no compiling). */
export type CompileMatcher = (data: CompiledMatcherData) => CompiledMatcher;

const KEY = '__cstoLensMatcher';
const slot = () => globalThis as unknown as Record<typeof KEY, CompileMatcher | undefined>;

/** The injected script: leave the compiler for the content script. */
export function offerCompiler(compile: CompileMatcher): void {
  slot()[KEY] = compile;
}

export interface MatcherSources {
  /** Asks the background to inject the matcher's script into this frame (resolves once it ran). */
  inject(): Promise<unknown>;
  /** The matcher, from the background's knowledge base: its snapshot (typed arrays). */
  data(): Promise<CompiledMatcherData>;
}

/** The content script: the script and the snapshot, asked for together, then loaded here. */
export async function loadPageMatcher(sources: MatcherSources): Promise<CompiledMatcher> {
  const [, data] = await Promise.all([slot()[KEY] ? null : sources.inject(), sources.data()]);
  const compile = slot()[KEY];
  if (!compile) throw new Error('the page matcher script did not load');
  return compile(data);
}
