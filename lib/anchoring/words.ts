// Word tokens (letters and digits, any script) and an index of where each occurs in a text.
// Used to find candidate places for a quote without scanning the whole text.

const WORD = /[\p{L}\p{N}]+/gu;

export interface Token {
  word: string;
  start: number;
  end: number;
}

export function tokenize(s: string): Token[] {
  const out: Token[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(s); m; m = WORD.exec(s)) out.push({ word: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

/** word → start offsets of its occurrences as a whole token, ascending. */
export type WordIndex = Map<string, number[]>;

export function buildWordIndex(text: string): WordIndex {
  const index: WordIndex = new Map();
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    const list = index.get(m[0]);
    if (list) list.push(m.index);
    else index.set(m[0], [m.index]);
  }
  return index;
}

/** Is c (a UTF-16 unit, possibly half of a pair) part of a word? Conservative for surrogates. */
export function isWordChar(ch: string | undefined): boolean {
  if (!ch) return false;
  return /[\p{L}\p{N}\uD800-\uDFFF]/u.test(ch);
}
