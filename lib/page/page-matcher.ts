import { yieldToMain } from '../dom/schedule';
import { EntityMatcher, type MatcherData } from '../match/entities';
import type { PackedSpans } from '../protocol/spans';

// The page's own entity matcher. Its data (every alias, from the knowledge base) is asked of
// the background once per page, while the page is still being read; then each chunk of text is
// matched here, in a task of its own, so no page text crosses a message boundary and no single
// task holds the main thread for long.

export class PageMatcher {
  private matcher: Promise<EntityMatcher> | null = null;
  private queued = 0;

  constructor(private readonly load: () => Promise<MatcherData>) {}

  /** Starts loading and compiling, if not started yet (a failure is retried on the next use). */
  prefetch(): void {
    this.ready().catch(() => {});
  }

  private ready(): Promise<EntityMatcher> {
    this.matcher ??= this.load()
      .then((data) => new EntityMatcher(data))
      .catch((err: unknown) => {
        this.matcher = null;
        throw err;
      });
    return this.matcher;
  }

  /** The entities in `text`, packed; offsets relative to `text`. */
  async match(text: string): Promise<PackedSpans> {
    this.queued++;
    try {
      const matcher = await this.ready();
      await yieldToMain();
      const spans = matcher.matchPacked(text);
      // The last of a burst: the scan's scratch space (~12 bytes a character) is not kept.
      if (this.queued === 1) matcher.release();
      return spans;
    } finally {
      this.queued--;
    }
  }
}
