import { yieldToMain } from '../dom/schedule';
import type { EntityMatcher } from '../match/entities';
import type { PackedSpans } from '../match/spans';
import type { PageMatcherStats } from '../model/page';

// The page's own entity matcher. It is loaded once per page, while a big page is read (its code is
// a script the content script imports, and its data the compiled matcher's snapshot from the knowledge
// base: lib/page/matcher-script.ts); then each chunk of text is matched here, in a task of its own, so
// no page text crosses a message boundary and no single task holds the main thread for long.

/** What the page matches with: an EntityMatcher, loaded in the page. */
export type CompiledMatcher = Pick<EntityMatcher, 'matchPacked' | 'release'>;

/** Scans shorter than this are matched by the background: a short text is a cheap message, and
 *  loading the matcher (its script and snapshot) costs more than the text itself. */
export const PAGE_MATCH_MIN_CHARS = 200_000;

/** Loads tried per page: a load that keeps failing (a profile where Firefox makes a content
 *  script's import obey web_accessible_resources: lib/page/matcher-script.ts) is not tried again
 *  for every chunk, each with its snapshot's message; the background matches them all instead. */
const MAX_LOADS = 2;

export class PageMatcher {
  private matcher: Promise<CompiledMatcher> | null = null;
  private compiled: CompiledMatcher | null = null;
  private queued = 0;
  private chunks = 0;
  private readyAt: number | null = null;
  private matchMs = 0;
  private failedLoads = 0;
  /** A read this long starts loading the matcher (the controller's PageDeps.pageMatcher). */
  readonly minChars = PAGE_MATCH_MIN_CHARS;

  constructor(private readonly load: () => Promise<CompiledMatcher>) {}

  /** Starts loading, if not started yet (a failure is retried on the next use, once). */
  prefetch(): void {
    if (this.failedLoads >= MAX_LOADS) return;
    this.ready$().catch(() => {});
  }

  stats(): PageMatcherStats {
    return { chunks: this.chunks, readyAt: this.readyAt, matchMs: this.matchMs };
  }

  /** Loaded: match() starts without waiting for the background. */
  get ready(): boolean {
    return this.compiled !== null;
  }

  private ready$(): Promise<CompiledMatcher> {
    if (!this.matcher && this.failedLoads >= MAX_LOADS) return Promise.reject(new Error(`the page matcher did not load (${MAX_LOADS} tries)`));
    this.matcher ??= this.load()
      .then((compiled) => {
        this.readyAt = performance.now();
        return (this.compiled = compiled);
      })
      .catch((err: unknown) => {
        this.matcher = null;
        this.failedLoads++;
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
      const began = performance.now();
      const spans = matcher.matchPacked(text);
      this.matchMs += performance.now() - began;
      this.chunks++;
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
