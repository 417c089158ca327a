// A page text prepared once for anchoring many annotations: the normalized view and
// the word index are built lazily, on the first annotation that needs them.

import { normalizeForAnchoring, toNormalized, toOriginal, type NormalizedText } from './normalize';
import { buildWordIndex, type WordIndex } from './words';

export class Corpus {
  private nt: NormalizedText | null = null;
  private index: WordIndex | null = null;

  constructor(readonly raw: string) {}

  get normalized(): NormalizedText {
    return (this.nt ??= normalizeForAnchoring(this.raw));
  }

  /** The whitespace-normalized text. */
  get text(): string {
    return this.normalized.text;
  }

  get words(): WordIndex {
    return (this.index ??= buildWordIndex(this.text));
  }

  toNormalized(raw: number): number {
    return toNormalized(this.normalized, raw);
  }

  toOriginal(start: number, end: number): { start: number; end: number } {
    return toOriginal(this.normalized, start, end);
  }
}
