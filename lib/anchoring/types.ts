// W3C Web Annotation selector shapes (https://www.w3.org/TR/annotation-model/#selectors)
// and the result of anchoring them in a text. Plain types.

import type { TextPositionSelector, TextQuoteSelector, Selector, SelectorPair } from '../model/annotation';
export type { TextPositionSelector, TextQuoteSelector, Selector, SelectorPair };

/** How an anchor was found: stored offsets still hold the quote, the exact quote elsewhere, or an approximate match. */
export type AnchorMethod = 'position' | 'quote' | 'fuzzy';

export interface Anchor {
  start: number;
  end: number;
  method: AnchorMethod;
  /** Confidence in [0, 1]: 1 for a verified position, else the weighted match score. */
  score: number;
}

export interface AnchorOptions {
  /**
   * Where the fuzzy search looks. 'seeded' (default behaviour of 'auto'): only around the stored
   * position and around occurrences of the quote's rarest words. 'full': the whole text.
   * 'auto': seeded, or full when the quote has no usable word and the text is short.
   */
  fuzzyScan?: 'auto' | 'seeded' | 'full';
  /** Fuzzy matches scoring below this are rejected (orphan). Default 0. */
  minScore?: number;
}

/** Characters of context kept on each side of a quote. */
export const CONTEXT_LENGTH = 32;
