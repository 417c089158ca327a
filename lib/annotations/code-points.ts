// The W3C model counts TextPositionSelector offsets in Unicode code points; the extension (DOM strings,
// anchoring) counts UTF-16 code units. These convert at the export / import edge.
//
// Exact conversion needs the page text (lib/anchoring/code-points.ts): a note made in the extension
// keeps its code points as counted on the page (`target.codePoints`), an imported one the file's. These
// estimates from the stored prefix and quote are the fallback for notes made before code points were
// kept: exact whenever the page has no astral character before the prefix; otherwise anchoring falls
// back to the quote, as for any position that no longer reads as the quote. Both directions use the
// same rule, so export → import gives back the same UTF-16 offsets.

/** Code points in s (a surrogate pair counts once; a lone surrogate counts once too). */
export function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** UTF-16 units minus code points: the number of surrogate pairs in s. */
export function surrogatePairs(s: string): number {
  return s.length - codePointLength(s);
}

export interface Offsets {
  start: number;
  end: number;
}

/** UTF-16 offsets of a quote (with its prefix) → code-point offsets. */
export function toCodePointOffsets(start: number, prefix: string, exact: string): Offsets {
  const s = Math.max(0, start - surrogatePairs(prefix));
  return { start: s, end: s + codePointLength(exact) };
}

/** Code-point offsets of a quote (with its prefix) → UTF-16 offsets; the inverse of toCodePointOffsets. */
export function toUtf16Offsets(start: number, prefix: string, exact: string): Offsets {
  const s = start + surrogatePairs(prefix);
  return { start: s, end: s + exact.length };
}
