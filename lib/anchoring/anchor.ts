// Entry points: describe a span with both selectors; anchor selectors in a text, trying
// the stored position (verified against the quote), then the quote (exact, then fuzzy).

import { Corpus } from './corpus';
import { anchorPosition, describePosition } from './text-position';
import { anchorQuote, describeQuote } from './text-quote';
import type { Anchor, AnchorOptions, Selector, SelectorPair, TextPositionSelector, TextQuoteSelector } from './types';

export function describe(text: string, start: number, end: number): SelectorPair {
  const position = describePosition(text, start, end);
  return [describeQuote(text, start, end), position];
}

function pick(selectors: readonly Selector[]): { quote?: TextQuoteSelector; position?: TextPositionSelector } {
  let quote: TextQuoteSelector | undefined;
  let position: TextPositionSelector | undefined;
  for (const s of selectors) {
    if (s.type === 'TextQuoteSelector') quote ??= s;
    else if (s.type === 'TextPositionSelector') position ??= s;
  }
  return { quote, position };
}

function anchorIn(corpus: Corpus, selectors: readonly Selector[], opts: AnchorOptions): Anchor | null {
  const { quote, position } = pick(selectors);
  if (position) {
    const hit = anchorPosition(corpus.raw, position, quote?.exact);
    if (hit) return hit;
  }
  if (!quote) return null;
  return anchorQuote(corpus, quote, position?.start, opts);
}

/** Where the selectors point in text, or null (an orphan). */
export function anchor(text: string, selectors: readonly Selector[], opts: AnchorOptions = {}): Anchor | null {
  return anchorIn(new Corpus(text), selectors, opts);
}

export type AnchorTarget = readonly Selector[] | { readonly selector: readonly Selector[] };

/**
 * anchor() for many targets on one text. Verified positions cost O(quote length); the
 * normalized text and its word index are built once, only if some target needs them.
 */
export function anchorMany(text: string, targets: readonly AnchorTarget[], opts: AnchorOptions = {}): (Anchor | null)[] {
  const corpus = new Corpus(text);
  return targets.map((t) => anchorIn(corpus, Array.isArray(t) ? t : (t as { selector: readonly Selector[] }).selector, opts));
}
