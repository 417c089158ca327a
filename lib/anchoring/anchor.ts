// Entry points: describe a span with both selectors; anchor selectors in a text, trying
// the stored position (verified against the quote), then the quote (exact, then fuzzy).
// A target with no quote (an empty `exact`: imported with a TextPositionSelector alone) is anchored
// by its position only, verified against nothing but the text's length.

import { codePointsToUtf16 } from './code-points';
import { Corpus } from './corpus';
import { anchorPosition, describePosition } from './text-position';
import { anchorQuote, describeQuote } from './text-quote';
import type { Anchor, AnchorOptions, Selector, SelectorPair, TextPositionSelector, TextQuoteSelector } from './types';
import type { CodePointSpan } from '../model/annotation';

export function describe(text: string, start: number, end: number): SelectorPair {
  const position = describePosition(text, start, end);
  return [describeQuote(text, start, end), position];
}

function pick(selectors: readonly Selector[]): { quote?: TextQuoteSelector; position?: TextPositionSelector } {
  let quote: TextQuoteSelector | undefined;
  let position: TextPositionSelector | undefined;
  for (const s of selectors) {
    if (s.type === 'TextQuoteSelector') quote ??= s.exact ? s : undefined;
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

/** Where a target is in code points (as the W3C model counts): a plain type of lib/model. */
export type { CodePointSpan };

export type AnchorTarget = readonly Selector[] | { readonly selector: readonly Selector[]; readonly codePoints?: CodePointSpan };

/** The target's selectors, its position taken from its code points (converted against this text) when it has them. */
function selectorsOf(text: string, t: AnchorTarget): readonly Selector[] {
  if (Array.isArray(t)) return t;
  const { selector, codePoints } = t as { selector: readonly Selector[]; codePoints?: CodePointSpan };
  const at = codePoints ? codePointsToUtf16(text, codePoints.start, codePoints.end) : null;
  if (!at) return selector;
  const position: TextPositionSelector = { type: 'TextPositionSelector', start: at.start, end: at.end };
  return [...selector.filter((s) => s.type !== 'TextPositionSelector'), position];
}

/**
 * anchor() for many targets on one text. Verified positions cost O(quote length); the
 * normalized text and its word index are built once, only if some target needs them.
 */
export function anchorMany(text: string, targets: readonly AnchorTarget[], opts: AnchorOptions = {}): (Anchor | null)[] {
  const corpus = new Corpus(text);
  return targets.map((t) => anchorIn(corpus, selectorsOf(text, t), opts));
}
