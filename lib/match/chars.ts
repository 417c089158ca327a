// Character classes of UTF-16 code units, computed on first use and cached in typed arrays,
// so the scanners never run a regular expression per character.

export const NONWORD = 1;
export const LATIN = 2;
export const CYRILLIC = 3;
export const LETTER = 4; // a letter of any other script
export const DIGIT = 5;
export const MARK = 6; // a combining mark: part of the word it follows

const classes = new Uint8Array(0x10000);
const lowers = new Uint16Array(0x10000);
const lowerKnown = new Uint8Array(0x10000);
const stable = new Uint8Array(0x10000); // 1: NFKC leaves the unit alone, 2: it does not

const RE_LATIN = /\p{Script=Latin}/u;
const RE_CYRILLIC = /\p{Script=Cyrillic}/u;
const RE_LETTER = /\p{L}/u;
const RE_DIGIT = /\p{N}/u;
const RE_MARK = /\p{M}/u;

/** The class of code unit `c`: a table read, small enough to be inlined into the scanners. */
export function charClass(c: number): number {
  const known = classes[c]!;
  return known !== 0 ? known : classify(c);
}

/** First sight of a code unit: classify it with the Unicode property regexes and cache it. */
function classify(c: number): number {
  let k = NONWORD;
  if (c < 0xd800 || c > 0xdfff) {
    const s = String.fromCharCode(c);
    if (RE_LETTER.test(s)) k = RE_LATIN.test(s) ? LATIN : RE_CYRILLIC.test(s) ? CYRILLIC : LETTER;
    else if (RE_DIGIT.test(s)) k = DIGIT;
    else if (RE_MARK.test(s)) k = MARK;
  }
  classes[c] = k;
  return k;
}

/** Letters, digits and combining marks make words; everything else separates them. */
export function isWordUnit(c: number): boolean {
  return charClass(c) >= LATIN;
}

export function isLetterClass(k: number): boolean {
  return k === LATIN || k === CYRILLIC || k === LETTER;
}

/** Lower case of one code unit, only where lowering keeps the length (so offsets survive). */
export function lowerUnit(c: number): number {
  if (c < 0x80) return c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
  if (lowerKnown[c] === 1) return lowers[c]!;
  let l = c;
  if (c < 0xd800 || c > 0xdfff) {
    const s = String.fromCharCode(c).toLowerCase();
    if (s.length === 1) l = s.charCodeAt(0);
  }
  lowers[c] = l;
  lowerKnown[c] = 1;
  return l;
}

/** Russian ё/Ё are written as е/Е about as often as not: treat them as the same letter. */
export function foldYo(c: number): number {
  return c === 0x451 ? 0x435 : c === 0x401 ? 0x415 : c;
}

/** True when NFKC leaves this (non-surrogate) unit unchanged on its own. */
export function isNfkcStable(c: number): boolean {
  if (c < 0xa0) return true;
  const known = stable[c]!;
  if (known !== 0) return known === 1;
  const s = String.fromCharCode(c);
  const ok = c >= 0xd800 && c <= 0xdfff ? false : s.normalize('NFKC') === s;
  stable[c] = ok ? 1 : 2;
  return ok;
}
