import type { ArticleRead } from '../model/types';
import { isActiveOn, isLearnSite, type Settings } from '../settings';

// Learning without asking (issue 17): in "on sites I choose" or "on every page with CSTO entities"
// mode, a page whose content script found CSTO entities (its reportPage with mentions > 0) is read
// and learned as the popup's "Add this page" would, with the same checks (size, empty, language).
// A page is tried once per tab and address while the worker runs; reading it again on a later visit
// costs the read only: an unchanged article (same text hash and metadata) is not learned again.

/** Why a reported page is not learned without asking, or null when it is. */
export function autoLearnSkip(settings: Settings, url: string | undefined, mentions: number, extensionBase: string): string | null {
  const mode = settings.learnMode ?? 'never';
  if (mode === 'never') return 'learning without asking is off';
  if (mentions <= 0) return 'no CSTO entities on the page';
  if (!url || url.startsWith(extensionBase)) return 'an extension page';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'not an address';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'not a web page';
  if (!isActiveOn(settings, parsed.hostname)) return 'highlighting is off on this site';
  if (mode === 'sites' && !isLearnSite(settings, parsed.hostname)) return 'not one of the sites to learn from';
  return null;
}

export type AutoLearnOutcome = { ok: true; unchanged?: boolean } | { ok: false; error: string };

export interface AutoLearnDeps<R extends AutoLearnOutcome> {
  settings(): Promise<Settings>;
  /** Reads the tab's article (learn-reader.js injected, as the popup's path does). */
  read(tabId: number): Promise<{ ok: true; read: ArticleRead } | { ok: false; error: string }>;
  learn(read: ArticleRead): Promise<R>;
  extensionBase: string;
}

/** What the background runs on each page report; one try per tab and address at a time. */
export class AutoLearner<R extends AutoLearnOutcome> {
  private readonly tried = new Map<number, string>();

  constructor(private readonly deps: AutoLearnDeps<R>) {}

  /** A tab's top frame reported `mentions` entities at `url`: learns it if the settings say so. */
  async onReport(tabId: number, url: string | undefined, mentions: number): Promise<R | { ok: false; error: string } | null> {
    const settings = await this.deps.settings();
    if (autoLearnSkip(settings, url, mentions, this.deps.extensionBase)) return null;
    if (this.tried.get(tabId) === url) return null; // the same page reporting again (mutations, more text)
    this.tried.set(tabId, url!);
    const page = await this.deps.read(tabId);
    if (!page.ok) return page;
    // The page may have moved on while it was read: learn only what is still at the reported address.
    if (page.read.location.split('#')[0] !== url!.split('#')[0]) return { ok: false, error: 'the page changed while it was read' };
    return this.deps.learn(page.read);
  }

  /** The tab closed or went elsewhere: its next report is tried again. */
  forget(tabId: number): void {
    this.tried.delete(tabId);
  }
}
