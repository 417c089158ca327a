import type { Alias, Span } from '../model/types';
import { WordTrie } from './word-trie';

// The alias matcher: build once over the whole knowledge base, scan many texts.

export interface Matcher {
  /** Alias mentions in `text`: sorted by start, non-overlapping, UTF-16 offsets into `text`. */
  scan(text: string): Span[];
  /** How many aliases were compiled (empty ones are skipped). */
  readonly aliasCount: number;
}

export function buildMatcher(aliases: Alias[]): Matcher {
  const trie = new WordTrie(aliases);
  return {
    scan: (text) => trie.scan(text),
    aliasCount: trie.aliasCount,
  };
}

export { isAcronym } from './acronym';
export { foldForMatching, type NormalizedText } from './normalize';
