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

// Everything the scanner needs to know about one code unit, computed on first sight and cached:
// INFO[c] is 0 while unknown, else KNOWN plus the flags below; FOLD[c] is its folded form.
const KNOWN = 1;
/** NFKC leaves it alone and it is no whitespace, dash, quote or other special unit. */
const PLAIN = 2;
/** A combining mark: it joins the chunk of the character before it. */
const IS_MARK = 4;
const INFO = new Uint8Array(0x10000);
const FOLD = new Uint16Array(0x10000);

function classify(c: number): number {
  let f = KNOWN;
  if (RAW[c] === NORMAL && isNfkcStable(c)) f |= PLAIN;
  if (charClass(c) === MARK) f |= IS_MARK;
  FOLD[c] = foldYo(lowerUnit(foldYo(c)));
  INFO[c] = f;
  return f;
}

/** The normalized streams under construction: typed arrays grown on demand, reusable. */
export class StreamBuilder {
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

  get capacity(): number {
    return this.cased.length;
  }

  push(c: number, start: number, end: number): void {
    if (this.length === this.cased.length) this.grow();
    const i = this.length++;
    if (INFO[c] === 0) classify(c);
    this.cased[i] = foldYo(c);
    this.folded[i] = FOLD[c]!;
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

  grow(): void {
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

  /** Views of the built streams: valid until the builder is reused. */
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

/** The general case at `i` (anything but a plain unit without marks): emits it, returns where to go on. */
function slowStep(input: string, i: number, b: StreamBuilder): number {
  const n = input.length;
  const c = input.charCodeAt(i);
  const kind = RAW[c]!;
  if (kind !== NORMAL) {
    if (kind === HYPHEN || c === 0xad) {
      const j = hyphenBreakEnd(input, i, b.last());
      if (j > 0) {
        b.push(HBR, i, j);
        return j;
      }
    }
    emitUnit(b, c, i, i + 1);
    return i + 1;
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
  return e;
}

/**
 * Normalizes `input` into `b` (from empty). The hot loop handles plain units (NFKC-stable, not
 * followed by a combining mark: nearly all of Latin, Cyrillic and punctuation) and whitespace
 * inline on code units, with the fold read from a table; everything else goes to `slowStep`.
 */
export function normalizeInto(input: string, b: StreamBuilder): void {
  const n = input.length;
  b.length = 0;
  let cased = b.cased;
  let folded = b.folded;
  let starts = b.starts;
  let ends = b.ends;
  let cap = cased.length;
  let len = 0;
  let i = 0;
  while (i < n) {
    const c = input.charCodeAt(i);
    let f = INFO[c]!;
    if (f === 0) f = classify(c);
    if ((f & PLAIN) !== 0) {
      const j = i + 1;
      let plain = true;
      if (j < n) {
        const d = input.charCodeAt(j);
        if (d >= 0x300) {
          let g = INFO[d]!;
          if (g === 0) g = classify(d);
          plain = (g & IS_MARK) === 0;
        }
      }
      if (plain) {
        if (len === cap) {
          b.length = len;
          b.grow();
          cased = b.cased;
          folded = b.folded;
          starts = b.starts;
          ends = b.ends;
          cap = cased.length;
        }
        cased[len] = c === 0x451 ? 0x435 : c === 0x401 ? 0x415 : c;
        folded[len] = FOLD[c]!;
        starts[len] = i;
        ends[len] = j;
        len++;
        i = j;
        continue;
      }
    } else if (RAW[c] === WS) {
      if (len > 0 && cased[len - 1] === SPACE) {
        ends[len - 1] = i + 1;
        i++;
        continue;
      }
      if (len < cap) {
        cased[len] = SPACE;
        folded[len] = SPACE;
        starts[len] = i;
        ends[len] = i + 1;
        len++;
        i++;
        continue;
      }
    }
    b.length = len;
    i = slowStep(input, i, b);
    len = b.length;
    if (b.cased !== cased) {
      cased = b.cased;
      folded = b.folded;
      starts = b.starts;
      ends = b.ends;
      cap = cased.length;
    }
  }
  b.length = len;
}

/** The matcher's streams of a text: case-folded and exact-case units with an offset map (not the anchoring's normalization). */
export function foldForMatching(input: string): NormalizedText {
  const b = new StreamBuilder(input.length + 16);
  normalizeInto(input, b);
  return b.finish();
}

