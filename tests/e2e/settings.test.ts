// The reader's settings in real browsers: the options page's entity-type checkboxes, the global
// switch, the toolbar badge, and the popup opened as a page.
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Launcher, TestBrowser, TestPage } from './browsers.ts';
import { fixtureUrl, selectedBrowsers, useBrowser } from './harness.ts';
import { readHighlights, waitForPageState, type PageStateResult } from './page-tools.ts';

interface StoredSettings {
  enabled: boolean;
  disabledSites: string[];
  types: string[];
  accessibleMode: boolean;
}

const scanned = (s: PageStateResult) => s.active && s.scans >= 1;
const typeOf = (entityId: string) => entityId.split(':')[0];

type StorageApi = { storage: { local: { get(k: string): Promise<Record<string, unknown>>; set(v: object): Promise<void>; remove(k: string): Promise<void> } } };

/** The stored settings (undefined when never written: the defaults apply). */
function readSettings(ext: TestPage): Promise<StoredSettings | null> {
  return ext.evaluate(async () => {
    const g = globalThis as unknown as { browser?: StorageApi; chrome?: StorageApi };
    const api = (g.browser ?? g.chrome)!;
    return ((await api.storage.local.get('settings')).settings ?? null) as StoredSettings | null;
  });
}

async function writeSettings(ext: TestPage, value: StoredSettings | null): Promise<void> {
  await ext.evaluate(async (v: StoredSettings | null) => {
    const g = globalThis as unknown as { browser?: StorageApi; chrome?: StorageApi };
    const api = (g.browser ?? g.chrome)!;
    if (v === null) await api.storage.local.remove('settings');
    else await api.storage.local.set({ settings: v });
  }, value);
}

const DEFAULTS: StoredSettings = {
  enabled: true,
  disabledSites: [],
  types: ['organization', 'body', 'person', 'country', 'place', 'operation', 'exercise', 'programme', 'group', 'event', 'document'],
  accessibleMode: false,
};

async function patchSettings(ext: TestPage, patch: Partial<StoredSettings>): Promise<void> {
  await writeSettings(ext, { ...((await readSettings(ext)) ?? DEFAULTS), ...patch });
}

/** The toolbar badge of the tab showing `url` (Chromium MV3: chrome.action; Firefox MV2: browserAction). */
function badgeOf(ext: TestPage, url: string): Promise<string | null> {
  return ext.evaluate(async (pageUrl: string) => {
    type Badge = { getBadgeText(d: { tabId: number }): Promise<string> };
    type Api = { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> }; action?: Badge; browserAction?: Badge };
    const g = globalThis as unknown as { browser?: Api; chrome?: Api };
    const api = (g.browser ?? g.chrome)!;
    const tab = (await api.tabs.query({})).find((t) => t.url === pageUrl);
    if (tab?.id === undefined) return null;
    const action = api.action ?? api.browserAction;
    return action ? action.getBadgeText({ tabId: tab.id }) : null;
  }, url);
}

async function waitForBadge(ext: TestPage, url: string, want: string, timeoutMs = 10_000): Promise<string | null> {
  const until = Date.now() + timeoutMs;
  let last: string | null = null;
  while (Date.now() < until) {
    last = await badgeOf(ext, url);
    if (last === want) return last;
    await new Promise((r) => setTimeout(r, 150));
  }
  return last;
}

/**
 * Launches from a private copy of the built extension: other runs may rebuild .output/ while
 * this suite runs, and a browser reads the extension's files lazily (a content script for each new page).
 */
function fromCopy(launch: Launcher): Launcher {
  return async (dir) => {
    if (!dir || !existsSync(join(dir, 'manifest.json'))) return launch(dir);
    const copy = mkdtempSync(join(tmpdir(), 'csto-e2e-ext-'));
    cpSync(dir, copy, { recursive: true });
    let browser: TestBrowser;
    try {
      browser = await launch(copy);
    } catch (e) {
      rmSync(copy, { recursive: true, force: true });
      throw e;
    }
    const close = browser.close.bind(browser);
    return Object.assign(browser, {
      close: async () => {
        await close();
        rmSync(copy, { recursive: true, force: true });
      },
    });
  };
}

describe.each(selectedBrowsers())('%s settings', (name, launch) => {
  const ctx = useBrowser(name, fromCopy(launch));
  let options: TestPage;
  let original: StoredSettings | null = null;

  beforeAll(async () => {
    options = await ctx.browser.openExtensionPage('options.html');
    original = await readSettings(options);
  });
  afterAll(async () => {
    await writeSettings(options, original).catch(() => {});
  });

  it('the options page\'s entity-type checkboxes choose what is highlighted', async () => {
    const page = await ctx.browser.newPage();
    try {
      const url = fixtureUrl('seed-002.html');
      await page.goto(url);
      const before = await waitForPageState(options, url, scanned);
      expect(before.list.some((e) => e.type === 'person')).toBe(true);

      await options.goto(ctx.browser.extensionUrl('options.html'));
      const box = 'input[name=type][value=person]';
      await options.waitForSelector(box);
      expect(await options.evaluate((sel: string) => (document.querySelector(sel) as HTMLInputElement).checked, box)).toBe(true);
      await options.click(box);
      await options.waitForFunction((sel: string) => !(document.querySelector(sel) as HTMLInputElement).checked, box);
      expect((await readSettings(options))?.types).not.toContain('person');
      await options.screenshot(`options-${name}.png`, { fullPage: true });

      // The open page follows: no person highlighted, the other types still are.
      const without = await waitForPageState(options, url, (s) => scanned(s) && !s.list.some((e) => e.type === 'person'));
      expect(without.list.length).toBeGreaterThan(0);
      expect(without.mentions).toBeLessThan(before.mentions);
      const drawn = await readHighlights(page);
      expect(drawn.length).toBe(without.mentions);
      expect(drawn.filter((h) => h.style === 'person')).toEqual([]);
      expect(new Set(drawn.map((h) => h.style))).toEqual(new Set(without.list.map((e) => e.type)));

      // Re-checking restores them.
      await options.click(box);
      await options.waitForFunction((sel: string) => (document.querySelector(sel) as HTMLInputElement).checked, box);
      expect((await readSettings(options))?.types).toContain('person');
      const again = await waitForPageState(options, url, (s) => scanned(s) && s.mentions === before.mentions);
      expect(again.list.map((e) => [e.entityId, e.count])).toEqual(before.list.map((e) => [e.entityId, e.count]));
      expect((await readHighlights(page)).filter((h) => h.style === 'person').length).toBeGreaterThan(0);
      // Only person entities were ever off.
      expect(before.list.filter((e) => typeOf(e.entityId) !== 'person').map((e) => e.entityId).sort()).toEqual(
        without.list.map((e) => e.entityId).sort(),
      );
    } finally {
      await writeSettings(options, original);
      await page.close();
    }
  });

  it('the toolbar badge shows the number of entities on the page', async () => {
    const page = await ctx.browser.newPage();
    try {
      const url = fixtureUrl('seed-000.html');
      await page.goto(url);
      const state = await waitForPageState(options, url, scanned);
      expect(state.entities).toBeGreaterThan(0);
      expect(state.entities).toBe(new Set(state.list.map((e) => e.entityId)).size);
      expect(await waitForBadge(options, url, String(state.entities))).toBe(String(state.entities));

      // A page without CSTO entities has an empty badge.
      const plain = fixtureUrl('plain.html');
      const other = await ctx.browser.newPage();
      try {
        await other.goto(plain);
        await waitForPageState(options, plain, scanned);
        expect(await waitForBadge(options, plain, '')).toBe('');
      } finally {
        await other.close();
      }
    } finally {
      await page.close();
    }
  });

  it('global off: no highlights anywhere and an empty badge; on again draws them', async () => {
    const page = await ctx.browser.newPage();
    try {
      const url = fixtureUrl('seed-001.html');
      await page.goto(url);
      const before = await waitForPageState(options, url, scanned);
      await patchSettings(options, { enabled: false });
      const off = await waitForPageState(options, url, (s) => !s.active);
      expect(off).toMatchObject({ entities: 0, mentions: 0, list: [] });
      expect(await readHighlights(page)).toEqual([]);
      expect(await waitForBadge(options, url, '')).toBe('');

      // A page opened while off is not highlighted either.
      const url2 = fixtureUrl('seed-003.html');
      const second = await ctx.browser.newPage();
      try {
        await second.goto(url2);
        const s2 = await waitForPageState(options, url2, (s) => !s.active);
        expect(s2.mentions).toBe(0);
        // Give a (wrong) scan time to show up before checking nothing was drawn.
        await new Promise((r) => setTimeout(r, 500));
        expect(await readHighlights(second)).toEqual([]);
      } finally {
        await second.close();
      }

      await patchSettings(options, { enabled: true });
      const on = await waitForPageState(options, url, (s) => scanned(s) && s.mentions === before.mentions);
      expect(on.entities).toBe(before.entities);
      expect(await waitForBadge(options, url, String(before.entities))).toBe(String(before.entities));
    } finally {
      await writeSettings(options, original);
      await page.close();
    }
  });

  it('the popup opened as a page says it cannot read itself', async () => {
    // The popup asks the active tab of its window; opened as a tab, that is the popup itself,
    // where no content script runs.
    const popup = await ctx.browser.openExtensionPage('popup.html');
    try {
      await popup.waitForFunction(() => document.body.innerText.includes('CSTO Lens cannot read this page.'), undefined, { timeout: 10_000 });
      const text = await popup.evaluate(() => document.body.innerText);
      expect(text).toContain('CSTO Lens');
      expect(text).not.toMatch(/\bmentions? on this page/);
      expect(popup.consoleMessages.filter((m) => /^pageerror/.test(m))).toEqual([]);
      await popup.screenshot(`popup-self-${name}.png`);
    } finally {
      await popup.close();
    }
  });
});
