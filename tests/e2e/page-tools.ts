// What the tests read from a page: the highlights the extension drew (from the page's
// CSS.highlights registry, or the wrappers in accessible mode) and the content
// script's own account of them (asked through an extension page, as the popup does).
import { ENTITY_TYPES } from '../../lib/model/types';
import type { ScanPhases } from '../../lib/model/page';
import type { Page as PwPage } from 'playwright-core';
import type { Page as PpPage } from 'puppeteer-core';
import type { TestBrowser, TestPage } from './browsers.ts';

export interface DrawnHighlight {
  style: string;
  text: string;
  start: number;
}

/** Highlights drawn on the page, in document order: style (entity type) and text. */
export function readHighlights(page: TestPage): Promise<DrawnHighlight[]> {
  return page.evaluate(() => {
    const out: { style: string; text: string; start: number; node: Node; offset: number }[] = [];
    const reg = (globalThis as unknown as { CSS?: { highlights?: Map<string, Set<Range>> } }).CSS?.highlights;
    if (reg) {
      for (const [name, hl] of reg) {
        if (!name.startsWith('csto-lens-') || name === 'csto-lens-flash' || name.startsWith('csto-lens-note-')) continue;
        for (const r of hl) out.push({ style: name.slice('csto-lens-'.length).replace(/--\d+$/, ''), text: r.toString(), start: 0, node: r.startContainer, offset: r.startOffset });
      }
    }
    for (const m of document.querySelectorAll('csto-lens-mark')) {
      out.push({ style: m.getAttribute('data-type') ?? '', text: m.textContent ?? '', start: 0, node: m, offset: 0 });
    }
    out.sort((a, b) => {
      if (a.node === b.node) return a.offset - b.offset;
      return a.node.compareDocumentPosition(b.node) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    });
    return out.map((h, i) => ({ style: h.style, text: h.text.replace(/\s+/g, ' '), start: i }));
  });
}

export interface PageStateEntity {
  entityId: string;
  type: string;
  texts: string[];
  count: number;
}
export interface PageStateResult {
  entities: number;
  mentions: number;
  partial: boolean;
  active: boolean;
  scans: number;
  timing: { started: number; drawn: number | null; phases?: ScanPhases | null };
  mode: string;
  list: PageStateEntity[];
}

/**
 * Asks the content script of the tab showing `url` for its state, from an extension page,
 * with the wire format of @webext-core/messaging ({type, data, timestamp} -> {res, err}).
 */
export async function askPageState(ext: TestPage, url: string): Promise<PageStateResult | null> {
  return askContent<PageStateResult>(ext, url, 'pageState');
}

export interface PageMentionResult {
  entityId: string;
  type: string;
  text: string;
}

/** The content script's mentions, in document order. */
export async function askMentions(ext: TestPage, url: string): Promise<PageMentionResult[]> {
  return (await askContent<PageMentionResult[]>(ext, url, 'pageMentions')) ?? [];
}

/**
 * Sends a message of the extension's protocol to the background from an extension page, in
 * @webext-core/messaging's wire format ({id, type, data, timestamp} → {res, err}); throws its error.
 */
export async function askBackground<R>(ext: TestPage, type: string, data?: unknown): Promise<R> {
  const reply = await ext.evaluate(
    async ({ type, data }: { type: string; data: unknown }) => {
      type Api = { runtime: { sendMessage(m: object): Promise<unknown> } };
      const g = globalThis as unknown as { browser?: Api; chrome?: Api };
      const api = (g.browser ?? g.chrome)!;
      return (await api.runtime.sendMessage({ id: Date.now(), type, data, timestamp: Date.now() })) as { res?: unknown; err?: { message?: string } };
    },
    { type, data },
  );
  if (reply?.err) throw new Error(`${type}: ${reply.err.message ?? JSON.stringify(reply.err)}`);
  return reply?.res as R;
}

/** Sends a message of the extension's protocol to the content script of the tab showing `url`. */
export async function askContent<R>(ext: TestPage, url: string, type: string, data?: unknown): Promise<R | null> {
  return ext.evaluate(async ({ pageUrl, type, data }: { pageUrl: string; type: string; data: unknown }) => {
    type Api = { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]>; sendMessage(id: number, m: object): Promise<unknown> } };
    const g = globalThis as unknown as { browser?: Api; chrome?: Api };
    const api = (g.browser ?? g.chrome)!;
    const tabs = await api.tabs.query({});
    const tab = tabs.find((t) => t.url === pageUrl);
    if (tab?.id === undefined) return null;
    try {
      const reply = (await api.tabs.sendMessage(tab.id, { id: Date.now(), type, data, timestamp: Date.now() })) as {
        res?: unknown;
      };
      return (reply?.res ?? null) as never;
    } catch {
      return null;
    }
  }, { pageUrl: url, type, data });
}

/** Waits until the content script reports a state that `done` accepts, and returns it. */
export async function waitForPageState(
  ext: TestPage,
  url: string,
  done: (s: PageStateResult) => boolean,
  timeoutMs = 20_000,
): Promise<PageStateResult> {
  const until = Date.now() + timeoutMs;
  let last: PageStateResult | null = null;
  for (;;) {
    last = await askPageState(ext, url);
    if (last && done(last)) return last;
    if (Date.now() > until) throw new Error(`page state never settled for ${url}: ${JSON.stringify(last)?.slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Waits until the state stops changing (same mention count twice, 400 ms apart). */
export async function waitForStableState(ext: TestPage, url: string, timeoutMs = 30_000): Promise<PageStateResult> {
  let prev = -1;
  return waitForPageState(
    ext,
    url,
    (s) => {
      const stable = s.mentions > 0 && s.mentions === prev;
      prev = s.mentions;
      return stable;
    },
    timeoutMs,
  );
}

export async function openControl(browser: TestBrowser): Promise<TestPage> {
  return browser.openExtensionPage('options.html');
}

/**
 * Patches the reader's stored settings from an extension page (the defaults where none are stored yet;
 * their `types` are every entity type of the model, so a new type is never forgotten).
 */
export async function setSettings(ext: TestPage, patch: Record<string, unknown>): Promise<void> {
  await ext.evaluate(
    async ({ p, types }: { p: Record<string, unknown>; types: string[] }) => {
      type Api = { storage: { local: { get(k: string): Promise<Record<string, unknown>>; set(v: object): Promise<void> } } };
      const g = globalThis as unknown as { browser?: Api; chrome?: Api };
      const api = (g.browser ?? g.chrome)!;
      const current = ((await api.storage.local.get('settings')).settings ?? { enabled: true, disabledSites: [], types, accessibleMode: false }) as Record<
        string,
        unknown
      >;
      await api.storage.local.set({ settings: { ...current, ...p } });
    },
    { p: patch, types: [...ENTITY_TYPES] },
  );
}

/** The id of the tab showing `url` (asked from an extension page). */
export function tabIdOf(ext: TestPage, url: string): Promise<number | null> {
  return ext.evaluate(async (pageUrl: string) => {
    type Api = { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } };
    const g = globalThis as unknown as { browser?: Api; chrome?: Api };
    const api = (g.browser ?? g.chrome)!;
    return (await api.tabs.query({})).find((t) => t.url === pageUrl)?.id ?? null;
  }, url);
}

// ---------------------------------------------------------------- real input (sec-page)
// The reader's own (trusted) clicks and keys: the extension ignores a page's synthetic events.

/** A real (trusted) mouse click at the centre of an element of the page UI's open shadow root. */
export async function realClick(page: TestPage, selector: string): Promise<boolean> {
  const at = await page.evaluate((sel: string) => {
    const el = document.querySelector('csto-lens-ui')?.shadowRoot?.querySelector(sel);
    if (!el) return null;
    el.scrollIntoView({ block: 'nearest' }); // inside a scrolled card, too
    const r = el.getBoundingClientRect();
    return r.width ? { x: r.left + r.width / 2, y: r.top + r.height / 2 } : null;
  }, selector);
  if (!at) return false;
  await (page.raw as PwPage | PpPage).mouse.click(at.x, at.y);
  return true;
}

/** Real keyboard input, to whichever document has the focus. */
export async function realType(page: TestPage, text: string): Promise<void> {
  await (page.raw as PwPage | PpPage).keyboard.type(text, { delay: 5 });
}
export async function realPress(page: TestPage, key: 'Tab' | 'Enter' | 'Escape', ctrl = false): Promise<void> {
  const kb = (page.raw as PwPage | PpPage).keyboard;
  if (ctrl) await kb.down('Control');
  await kb.press(key);
  if (ctrl) await kb.up('Control');
}

/** The note editor's frame (an extension page), if the page shows one: its focused element's name. */
export async function editorFocus(page: TestPage): Promise<string | null> {
  const frames = (page.raw as PwPage | PpPage).frames() as { url(): string; evaluate<R>(fn: () => R): Promise<R> }[];
  const frame = frames.find((f) => /note-editor\.html/.test(f.url()));
  if (!frame) return null;
  return frame.evaluate(() => (document.hasFocus() ? ((document.activeElement as HTMLInputElement | null)?.name ?? '') : '')).catch(() => null);
}

/**
 * Waits until the note editor frame has the focus, with its note field focused where the driver
 * can look inside the frame (Playwright); where it cannot (Firefox over BiDi lists no extension
 * frames), until the page's focus is on the editor's host and a moment more for the field.
 */
export async function waitForEditor(page: TestPage, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    if ((await editorFocus(page)) === 'note') return;
    const host = await page.evaluate(() => document.activeElement?.localName ?? '');
    const frames = (page.raw as PwPage | PpPage).frames() as { url(): string }[];
    if (host === 'csto-lens-note' && !frames.some((f) => /note-editor\.html/.test(f.url()))) {
      await new Promise((r) => setTimeout(r, 600));
      return;
    }
    if (Date.now() > until) throw new Error('timed out waiting for the note editor to take the focus');
    await new Promise((r) => setTimeout(r, 100));
  }
}
