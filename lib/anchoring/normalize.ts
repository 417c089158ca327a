// Whitespace-insensitive view of a text: every run of whitespace becomes one space and
// invisible formatting characters (soft hyphen, zero-width space, word joiner) vanish,
// with a map back to the original offsets. Page text collection may break lines or
// collapse spaces differently from when a quote was saved.

export interface NormalizedText {
  text: string;
  /** map[i] is the offset in the original text of normalized character i; map[text.length] = original length. */
  map: Int32Array;
}

function isSpace(c: number): boolean {
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

function isInvisible(c: number): boolean {
  return c === 0xad || c === 0x200b || c === 0x2060;
}

const CHUNK = 8192;

export function normalizeForAnchoring(raw: string): NormalizedText {
  const n = raw.length;
  const out = new Uint16Array(n);
  const map = new Int32Array(n + 1);
  let len = 0;
  let prevSpace = false;
  for (let i = 0; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (isSpace(c)) {
      if (!prevSpace) {
        out[len] = 32;
        map[len++] = i;
      }
      prevSpace = true;
    } else if (!isInvisible(c)) {
      out[len] = c;
      map[len++] = i;
      prevSpace = false;
    }
  }
  map[len] = n;
  const parts: string[] = [];
  for (let i = 0; i < len; i += CHUNK) {
    parts.push(String.fromCharCode.apply(null, out.subarray(i, Math.min(len, i + CHUNK)) as unknown as number[]));
  }
  return { text: parts.join(''), map: map.slice(0, len + 1) };
}

/** Collapsed form of a short string (a quote or its context); no offset map. */
export function normalizeString(s: string): string {
  return s.replace(/[\u00ad\u200b\u2060]/g, '').replace(/[\s\ufeff]+/g, ' ');
}

/** Index in the normalized text of the first character at or after original offset raw. */
export function toNormalized(nt: NormalizedText, raw: number): number {
  const { map } = nt;
  let lo = 0;
  let hi = map.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((map[mid] as number) < raw) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Original offsets of the normalized span [start, end). */
export function toOriginal(nt: NormalizedText, start: number, end: number): { start: number; end: number } {
  const s = nt.map[start] as number;
  const e = end > start ? (nt.map[end - 1] as number) + 1 : s;
  return { start: s, end: e };
}
