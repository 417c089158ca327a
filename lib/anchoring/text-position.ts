// TextPositionSelector: describe a span by its offsets; anchor it when the text at those
// offsets still reads as the stored quote (or, with no quote to check, when it is in bounds).

import type { Anchor, TextPositionSelector } from './types';

export function describePosition(text: string, start: number, end: number): TextPositionSelector {
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start < end && end <= text.length)) {
    throw new RangeError(`invalid span [${start}, ${end}) for a text of length ${text.length}`);
  }
  return { type: 'TextPositionSelector', start, end };
}

/** O(quote length): compares the stored quote with the text at the stored offsets. */
export function anchorPosition(text: string, sel: TextPositionSelector, exact?: string): Anchor | null {
  const { start, end } = sel;
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start < end && end <= text.length)) return null;
  if (exact !== undefined) {
    if (end - start !== exact.length || !text.startsWith(exact, start)) return null;
  }
  return { start, end, method: 'position', score: 1 };
}
