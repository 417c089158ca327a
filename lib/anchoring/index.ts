// Public API of the anchoring core (pure, plain text in, offsets out).
export { anchor, anchorMany, describe, type AnchorTarget, type CodePointSpan } from './anchor';
export { codePointsToUtf16, utf16ToCodePoints } from './code-points';
export { maxErrors } from './match-quote';
export { CONTEXT_LENGTH } from './types';
export type {
  Anchor,
  AnchorMethod,
  AnchorOptions,
  Selector,
  SelectorPair,
  TextPositionSelector,
  TextQuoteSelector,
} from './types';
