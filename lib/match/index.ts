import type { Alias, Span } from '../model/types';
import { Automaton } from './word-trie';

// The alias matcher: build once over the whole knowledge base, scan many texts.

export interface Matcher {
  /** Alias mentions in `text`: sorted by start, non-overlapping, UTF-16 offsets into `text`. */
  scan(text: string): Span[];
  /** How many aliases were compiled (empty ones are skipped). */
  readonly aliasCount: number;
}

export function buildMatcher(aliases: Alias[]): Matcher {
  const automaton = new Automaton(aliases);
  return {
    scan: (text) => automaton.scan(text),
    aliasCount: automaton.aliasCount,
  };
}

export { isAcronym } from './acronym';
export { normalizeText, type NormalizedText } from './normalize';
