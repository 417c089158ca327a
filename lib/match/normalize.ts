import { MARK, charClass, foldYo, isLetterClass, isNfkcStable, lowerUnit } from './chars';

// Normalization of a text into the character stream the matcher scans, with a map from every
// stream unit back to the range of the original string it came from.
//
//  - NFKC per base character and its combining marks; leftover combining diacritics
//    (Russian stress marks, ...) are dropped; ё/Ё are read as е/Е.
//  - Runs of whitespace (any kind, NBSP included), hyphens and dashes become one space, so
//    "Collective Security\n  Treaty" and "Interaction-2023" read as "... Security Treaty",
//    "Interaction 2023".
//  - A hyphen (or soft hyphen) at a line break between letters ("Organi-\nzation") becomes HBR, which the
//    scanner may read either as nothing (a hyphenated word) or as a space (a compound).
//  - Soft hyphens and zero-width joiners vanish; curly/straight apostrophes become ',
//    and every double quotation mark (“ ” „ « » ...) becomes ".
//  - `folded` is `cased` lowered unit by unit (same length, same offsets).

export const SPACE = 0x20;
/** Hyphen + line break inside a word: joined or separated, the scanner tries both. */
export const HBR = 0xe000;

export interface NormalizedText {
  readonly length: number;
  readonly cased: Uint16Array;
  readonly folded: Uint16Array;
  /** Original offset where stream unit i begins. */
  readonly starts: Int32Array;
  /** Original offset where stream unit i ends. */
  readonly ends: Int32Array;
}

const NORMAL = 0;
const WS = 1;
const HYPHEN = 2;
const DROP = 3;
const APOS = 4;
const QUOTE = 5;
const PRIVATE = 6; // the code unit we use for HBR, if the input has it: read as U+FFFD

const RAW = new Uint8Array(0x10000);
const set = (kind: number, codes: number[]) => {
  for (const c of codes) RAW[c] = kind;
};
for (let c = 0; c < 0x20; c++) RAW[c] = WS; // controls, tab and line breaks
set(WS, [0x20, 0x7f, 0x85, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0x200b]);
for (let c = 0x2000; c <= 0x200a; c++) RAW[c] = WS;
set(WS, [0x2012, 0x2013, 0x2014, 0x2015, 0x2043, 0x2212, 0xfe58, 0xfe63, 0xff0d]); // dashes
set(HYPHEN, [0x2d, 0x2010, 0x2011]);
set(DROP, [0xad, 0x200c, 0x200d, 0x2060, 0xfeff, 0x180e]);
set(APOS, [0x27, 0x60, 0xb4, 0x2bc, 0x2018, 0x2019, 0x201a, 0x201b, 0x2032, 0xff07]);
RAW[HBR] = PRIVATE;
set(QUOTE, [0x22, 0xab, 0xbb, 0x201c, 0x201d, 0x201e, 0x201f, 0x2033, 0x301d, 0x301e, 0xff02]);

const nfkcCache = new Map<string, string>();
function nfkc(s: string): string {
  let out = nfkcCache.get(s);
  if (out === undefined) {
    out = s.normalize('NFKC');
    if (nfkcCache.size > 20_000) nfkcCache.clear();
    nfkcCache.set(s, out);
  }
  return out;
}

class StreamBuilder {
  cased: Uint16Array;
  folded: Uint16Array;
  starts: Int32Array;
  ends: Int32Array;
  length = 0;

  constructor(capacity: number) {
    this.cased = new Uint16Array(capacity);
    this.folded = new Uint16Array(capacity);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
  }

  push(c: number, start: number, end: number): void {
    if (this.length === this.cased.length) this.grow();
    const i = this.length++;
    const y = foldYo(c);
    this.cased[i] = y;
    this.folded[i] = foldYo(lowerUnit(y));
    this.starts[i] = start;
    this.ends[i] = end;
  }

  /** A space; merged into the previous unit when that is a space already. */
  space(start: number, end: number): void {
    const last = this.length - 1;
    if (last >= 0 && this.cased[last] === SPACE) this.ends[last] = end;
    else this.push(SPACE, start, end);
  }

  last(): number {
    return this.length > 0 ? this.cased[this.length - 1]! : -1;
  }

  private grow(): void {
    const n = this.cased.length * 2 + 16;
    const cased = new Uint16Array(n);
    cased.set(this.cased);
    const folded = new Uint16Array(n);
    folded.set(this.folded);
    const starts = new Int32Array(n);
    starts.set(this.starts);
    const ends = new Int32Array(n);
    ends.set(this.ends);
    this.cased = cased;
    this.folded = folded;
    this.starts = starts;
    this.ends = ends;
  }

  finish(): NormalizedText {
    const n = this.length;
    return {
      length: n,
      cased: this.cased.subarray(0, n),
      folded: this.folded.subarray(0, n),
      starts: this.starts.subarray(0, n),
      ends: this.ends.subarray(0, n),
    };
  }
}

/** Where a hyphen at `i` is a line-break hyphenation, the end of the break; else -1. */
function hyphenBreakEnd(input: string, i: number, prev: number): number {
  if (prev < 0 || !isLetterClass(charClass(prev))) return -1;
  let j = i + 1;
  const n = input.length;
  while (j < n && (input.charCodeAt(j) === 0x20 || input.charCodeAt(j) === 0x09)) j++;
  const c = input.charCodeAt(j);
  if (c !== 0x0a && c !== 0x0d && c !== 0x2028) return -1;
  while (j < n && RAW[input.charCodeAt(j)] === WS) j++;
  if (j >= n || !isLetterClass(charClass(input.charCodeAt(j)))) return -1;
  return j;
}

function emitUnit(b: StreamBuilder, c: number, start: number, end: number): void {
  switch (RAW[c]) {
    case WS:
    case HYPHEN:
      b.space(start, end);
      return;
    case DROP:
      return;
    case APOS:
      b.push(0x27, start, end);
      return;
    case QUOTE:
      b.push(0x22, start, end);
      return;
    default:
      if (c >= 0x300 && c <= 0x36f) return; // a diacritic NFKC could not compose
      b.push(c === HBR ? 0xfffd : c, start, end);
  }
}

export function normalizeText(input: string): NormalizedText {
  const n = input.length;
  const b = new StreamBuilder(n + 16);
  let i = 0;
  while (i < n) {
    const c = input.charCodeAt(i);
    const kind = RAW[c]!;
    // Fast path: a character NFKC leaves alone, not followed by a combining mark.
    if (kind === NORMAL && isNfkcStable(c) && (i + 1 === n || input.charCodeAt(i + 1) < 0x300)) {
      b.push(c, i, i + 1);
      i++;
      continue;
    }
    if (kind !== NORMAL) {
      if (kind === HYPHEN || c === 0xad) {
        const j = hyphenBreakEnd(input, i, b.last());
        if (j > 0) {
          b.push(HBR, i, j);
          i = j;
          continue;
        }
      }
      emitUnit(b, c, i, i + 1);
      i++;
      continue;
    }
    // A chunk: one code point and the combining marks that follow it.
    let e = i + 1;
    if (c >= 0xd800 && c <= 0xdbff && e < n) {
      const d = input.charCodeAt(e);
      if (d >= 0xdc00 && d <= 0xdfff) e++;
    }
    while (e < n && charClass(input.charCodeAt(e)) === MARK) e++;
    if (e === i + 1 && isNfkcStable(c)) {
      b.push(c, i, e);
    } else {
      const out = nfkc(input.slice(i, e));
      for (let k = 0; k < out.length; k++) emitUnit(b, out.charCodeAt(k), i, e);
    }
    i = e;
  }
  return b.finish();
}

/** The folded stream of a short string, as a string (for keys and cues). */
export function foldedString(t: NormalizedText, from = 0, to = t.length): string {
  let s = '';
  for (let i = from; i < to; i++) s += String.fromCharCode(t.folded[i]!);
  return s;
}

export function casedString(t: NormalizedText, from = 0, to = t.length): string {
  let s = '';
  for (let i = from; i < to; i++) s += String.fromCharCode(t.cased[i]!);
  return s;
}
