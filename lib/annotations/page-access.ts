import { canonicalUrl, sameSite } from './canonical-url';

// Which notes a message may read or write, from who sent it. Extension pages (the notebook,
// the note editor) see every note; a content script sees only the notes filed under its own
// page's site, whatever source it names: the browser, not the message, says where it runs.

/** The parts of runtime.MessageSender this looks at. */
export interface SenderInfo {
  /** The sending frame's URL (content scripts: the page; extension pages: their own URL). */
  url?: string;
  tab?: { id?: number; url?: string };
}

export class PageAccessError extends Error {
  override name = 'PageAccessError';
}

/** 'extension' for the extension's own pages, else the URL of the web page that sent the message. */
export function senderPage(sender: SenderInfo, extensionBase: string): 'extension' | string | null {
  const url = sender.url ?? sender.tab?.url ?? null;
  if (!url) return null;
  return url.startsWith(extensionBase) ? 'extension' : url;
}

/** Throws a PageAccessError unless the sender may read or write the notes filed under `source`. */
export function assertMayUse(sender: SenderInfo, source: string, extensionBase: string): void {
  const from = senderPage(sender, extensionBase);
  if (from === 'extension') return;
  if (!from) throw new PageAccessError('notes are only shared with a page of their own site (no sender URL)');
  if (!sameSite(source, from)) throw new PageAccessError(`a page of ${siteLabel(from)} may not use the notes of ${siteLabel(source)}`);
}

/** Throws unless the sender is a page of the extension (for messages that touch every site's notes). */
/** Extension pages may act on any tab; a content script only on its own (learning a page). */
export function mayActOnTab(sender: SenderInfo, tabId: number, extensionBase: string): boolean {
  return senderPage(sender, extensionBase) === 'extension' || (sender.tab?.id !== undefined && sender.tab.id === tabId);
}

export function assertExtensionPage(sender: SenderInfo, extensionBase: string): void {
  if (senderPage(sender, extensionBase) !== 'extension') throw new PageAccessError('only the extension’s own pages may do this');
}

/**
 * The source a page's notes are filed under: the page's URL (which must be the sender's own
 * origin) with its rel=canonical when that is on the same registrable domain.
 */
export function resolvePageSource(sender: SenderInfo, url: string, canonical: string | null, extensionBase: string): string {
  const from = senderPage(sender, extensionBase);
  if (from !== 'extension') {
    if (!from || originOf(from) === null || originOf(from) !== originOf(url)) {
      throw new PageAccessError(`a page of ${siteLabel(from ?? '')} asked for the notes of ${siteLabel(url)}`);
    }
  }
  return canonicalUrl(url, canonical);
}

/** Only web pages are opened from a note's source (never data:, javascript:, file: or browser pages). */
export function isOpenableSource(source: string): boolean {
  try {
    const u = new URL(source);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
}

function siteLabel(url: string): string {
  try {
    return new URL(url).host || url.slice(0, 60);
  } catch {
    return url.slice(0, 60) || '(unknown)';
  }
}
