// TextQuoteSelector: describe a span by its text and CONTEXT_LENGTH characters of context;
// anchor it by searching for the quote (exact, then approximate) in a normalized text.

import type { Corpus } from './corpus';
import { matchQuote } from './match-quote';
import { normalizeString } from './normalize';
import type { QuoteNeedle } from './score';
import { CONTEXT_LENGTH, type Anchor, type AnchorOptions, type TextQuoteSelector } from './types';

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

export function describeQuote(text: string, start: number, end: number): TextQuoteSelector {
  let from = Math.max(0, start - CONTEXT_LENGTH);
  let to = Math.min(text.length, end + CONTEXT_LENGTH);
  // Never cut a surrogate pair in half at the outer edge of the context.
  if (from > 0 && isLow(text.charCodeAt(from))) from++;
  if (to < text.length && isHigh(text.charCodeAt(to - 1))) to--;
  return {
    type: 'TextQuoteSelector',
    exact: text.slice(start, end),
    prefix: text.slice(Math.min(from, start), start),
    suffix: text.slice(end, Math.max(to, end)),
  };
}

/** The quote and its context in the corpus's normalized form; null for a blank quote. */
export function needle(corpus: Corpus, sel: TextQuoteSelector, hint: number | undefined): QuoteNeedle | null {
  const lead = /^\s*/.exec(sel.exact)?.[0] ?? '';
  const trail = /\s*$/.exec(sel.exact)?.[0] ?? '';
  const exact = normalizeString(sel.exact).trim();
  if (!exact) return null;
  return {
    exact,
    // Context beyond 2 × CONTEXT_LENGTH (from a foreign file) adds cost, not certainty.
    prefix: normalizeString(sel.prefix + lead).slice(-2 * CONTEXT_LENGTH),
    suffix: normalizeString(trail + sel.suffix).slice(0, 2 * CONTEXT_LENGTH),
    hint: hint === undefined ? undefined : corpus.toNormalized(hint),
  };
}

/** Anchors a quote in corpus.raw; hint is the stored start offset, if any. */
export function anchorQuote(corpus: Corpus, sel: TextQuoteSelector, hint?: number, opts: AnchorOptions = {}): Anchor | null {
  const q = needle(corpus, sel, hint);
  if (!q) return null;
  const win = matchQuote(corpus, q, opts);
  if (!win) return null;
  const { start, end } = corpus.toOriginal(win.start, win.end);
  return { start, end, method: win.errors === 0 ? 'quote' : 'fuzzy', score: win.score };
}
