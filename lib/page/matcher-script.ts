import type { CompiledMatcherData } from '../model/knowledge';
import type { CompiledMatcher } from './page-matcher';

// How the content script gets its own matcher without carrying it (Firefox; 6.7 KB gzipped that
// most pages never use): the matcher's code is an unlisted script (entrypoints/page-matcher.ts)
// the content script imports when a big page needs it (Firefox evaluates a content script's
// import() in the content script's own world, and, in MV2 with its default preferences, loads the
// extension's file though it is not web-accessible, so pages cannot load it; a profile that makes
// content scripts obey web_accessible_resources refuses the import, and after two tries the
// background matches every chunk: lib/page/page-matcher.ts); there it leaves its compiler on a global of
// that world, which the page's own scripts cannot see. An import took 11 ms where the background's
// scripting.executeScript took 82-211 on a big page's load.

/** Loads the compiled matcher's snapshot (EntityMatcher, no compiling). */
export type CompileMatcher = (data: CompiledMatcherData) => CompiledMatcher;

const KEY = '__cstoLensMatcher';
const slot = () => globalThis as unknown as Record<typeof KEY, CompileMatcher | undefined>;

/** The imported script (entrypoints/page-matcher.ts): leave the compiler for the content script. */
export function offerCompiler(compile: CompileMatcher): void {
  slot()[KEY] = compile;
}

export interface MatcherSources {
  /** Runs the matcher's script in this world (resolves once it ran). */
  script(): Promise<unknown>;
  /** The matcher, from the background's knowledge base: its snapshot (typed arrays). */
  data(): Promise<CompiledMatcherData>;
}

/** The content script: the script and the snapshot, asked for together, then loaded here. */
export async function loadPageMatcher(sources: MatcherSources): Promise<CompiledMatcher> {
  const [, data] = await Promise.all([slot()[KEY] ? null : sources.script(), sources.data()]);
  const compile = slot()[KEY];
  if (!compile) throw new Error('the page matcher script did not load');
  return compile(data);
}
