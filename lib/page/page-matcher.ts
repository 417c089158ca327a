import { yieldToMain } from '../dom/schedule';
import { EntityMatcher, type MatcherData } from '../match/entities';
import type { PackedSpans } from '../match/spans';

// The page's own entity matcher. Its data (every alias, from the knowledge base) is asked of
// the background once per page, on the first big scan; then each chunk of text is matched here,
// in a task of its own, so no page text crosses a message boundary and no single task holds the
// main thread for long.

/** Scans shorter than this are matched by the background: a short text is a cheap message, and
 *  the matcher's data (~100 KB) and its compilation cost more than the text itself. */
export const PAGE_MATCH_MIN_CHARS = 200_000;

export class PageMatcher {
  private matcher: Promise<EntityMatcher> | null = null;
  private compiled: EntityMatcher | null = null;
  private queued = 0;

  constructor(private readonly load: () => Promise<MatcherData>) {}

  /** Starts loading and compiling, if not started yet (a failure is retried on the next use). */
  prefetch(): void {
    this.ready$().catch(() => {});
  }

  /** Loaded and compiled: match() starts without waiting for the background. */
  get ready(): boolean {
    return this.compiled !== null;
  }

  private ready$(): Promise<EntityMatcher> {
    this.matcher ??= this.load()
      .then((data) => (this.compiled = new EntityMatcher(data)))
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
      const matcher = await this.ready$();
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

/**
 * Routes each chunk of a scan: a big scan is matched in the page once the page matcher is ready
 * (its first chunks go to the background while the data loads), a small one by the background.
 */
export function routeMatching(page: PageMatcher, background: (text: string) => Promise<PackedSpans>) {
  return (text: string, scanChars: number): Promise<PackedSpans> => {
    if (scanChars < PAGE_MATCH_MIN_CHARS) return background(text);
    page.prefetch();
    return page.ready ? page.match(text) : background(text);
  };
}
