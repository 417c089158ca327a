// The W3C model counts TextPositionSelector offsets in Unicode code points; anchoring counts UTF-16
// code units (DOM strings). With the page text at hand both directions are exact, whatever astral
// characters (emoji, math letters, rare CJK) the text holds: a surrogate pair is one code point.

/** Is s[i] the high half of a surrogate pair (so s[i..i+2) is one code point)? */
function pairAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff || i + 1 >= s.length) return false;
  const d = s.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff;
}

/** Code points in s[0, end) (a lone surrogate counts once). */
export function codePointsBefore(s: string, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++, n++) if (pairAt(s, i) && i + 1 < end) i++;
  return n;
}

/** UTF-16 span [start, end) of text → the same span in code points. */
export function utf16ToCodePoints(text: string, start: number, end: number): { start: number; end: number } {
  const s = codePointsBefore(text, start);
  return { start: s, end: s + codePointsBefore(text.slice(start, end), end - start) };
}

/** The UTF-16 offset of code point `cp` in text, or null when the text has fewer code points. */
function utf16Of(text: string, cp: number, from = 0, fromCp = 0): number | null {
  let i = from;
  for (let n = fromCp; n < cp; n++) {
    if (i >= text.length) return null;
    i += pairAt(text, i) ? 2 : 1;
  }
  return i;
}

/** Code-point span [start, end) in text → the same span in UTF-16 units; null when out of the text. */
export function codePointsToUtf16(text: string, start: number, end: number): { start: number; end: number } | null {
  if (!(Number.isSafeInteger(start) && Number.isSafeInteger(end) && start >= 0 && end > start)) return null;
  const s = utf16Of(text, start);
  if (s === null) return null;
  const e = utf16Of(text, end, s, start);
  return e === null ? null : { start: s, end: e };
}
