// The popup as the page's context view (issue 14, point 11): for the page it was opened for, its
// entities with one-line descriptions and latest statements, the statements related to the whole page,
// the reader's notes there; a page where highlighting is off is read only when the reader says so, and a
// page with no entity says why it is empty. The popup is opened as a page for a tab (`popup.html?tab=ID`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestPage } from './browsers.ts';
import { fixtureUrl, selectedBrowsers, useBrowser } from './harness.ts';
import { setSettings, tabIdOf, waitForPageState, type PageStateResult } from './page-tools.ts';

const scanned = (s: PageStateResult) => s.active && s.scans >= 1;
const inactive = (s: PageStateResult) => !s.active;

interface ContextSeen {
  entities: { id: string; name: string; description: string; latest: string | null }[];
  related: string[];
  empty: string | null;
  ask: boolean;
}

function readContext(popup: TestPage): Promise<ContextSeen> {
  return popup.evaluate(() => {
    const root = document.querySelector('[data-testid="page-context"]');
    return {
      entities: [...(root?.querySelectorAll('.context-entity') ?? [])].map((li) => ({
        id: li.getAttribute('data-entity-id') ?? '',
        name: li.querySelector('summary strong')?.textContent ?? '',
        description: li.querySelector('.context-description')?.textContent ?? '',
        latest: li.querySelector('[data-testid="latest-statement"]')?.textContent ?? null,
      })),
      related: [...document.querySelectorAll('[data-testid="related-statements"] li')].map((li) => li.textContent ?? ''),
      empty: document.querySelector('[data-testid="no-entities"]')?.textContent ?? null,
      ask: [...document.querySelectorAll('button')].some((b) => b.textContent === 'Read this page'),
    };
  });
}

async function popupFor(ctx: { browser: import('./browsers.ts').TestBrowser }, ext: TestPage, url: string): Promise<TestPage> {
  const tab = await tabIdOf(ext, url);
  expect(tab).not.toBeNull();
  return ctx.browser.openExtensionPage(`popup.html?tab=${tab}`);
}

describe.each(selectedBrowsers())('%s popup context', (name, launch) => {
  const ctx = useBrowser(name, launch);
  let ext: TestPage;
  beforeAll(async () => {
    ext = await ctx.browser.openExtensionPage('options.html');
  });
  afterAll(async () => {
    await ext?.close();
  });

  it.each([
    ['seed-001.html', 'a seed page'],
    ['story-v1.html', 'a page of our own'],
  ])('%s (%s): entities with descriptions and latest statements, and related statements with sources', async (file) => {
    const page = await ctx.browser.newPage();
    const url = fixtureUrl(file);
    try {
      await page.goto(url);
      const state = await waitForPageState(ext, url, scanned);
      expect(state.entities).toBeGreaterThan(0);
      const popup = await popupFor(ctx, ext, url);
      try {
        await popup.waitForFunction(() => document.querySelectorAll('.context-entity').length > 0, undefined, { timeout: 30_000 });
        const seen = await readContext(popup);
        expect(seen.entities.length).toBe(state.list.length);
        expect(seen.entities.every((e) => e.description.length > 3)).toBe(true);
        expect(seen.entities.some((e) => e.latest !== null && /Open the sentence/.test(e.latest))).toBe(true);
        expect(seen.related.length).toBeGreaterThan(0);
        expect(seen.related.every((r) => /—.+,.+\d{4}/.test(r))).toBe(true); // speaker, outlet, date
        // The latest statement's link opens the sentence in the source viewer.
        const href = await popup.evaluate(() => document.querySelector('[data-testid="latest-statement"] a')?.getAttribute('href') ?? '');
        expect(href).toMatch(/viewer\.html\?doc=.+#statement-/);
        await popup.screenshot(`popup-context-${file.replace('.html', '')}-${name}.png`);
      } finally {
        await popup.close();
      }
    } finally {
      await page.close();
    }
  });

  it('a page that names no CSTO entity says why the context is empty', async () => {
    const page = await ctx.browser.newPage();
    const url = fixtureUrl('plain.html');
    try {
      await page.goto(url);
      await waitForPageState(ext, url, (s) => s.active && s.scans >= 1);
      const popup = await popupFor(ctx, ext, url);
      try {
        await popup.waitForSelector('[data-testid="no-entities"]', { timeout: 30_000 });
        expect((await readContext(popup)).empty).toMatch(/names no CSTO entity/);
        await popup.screenshot(`popup-context-empty-${name}.png`);
      } finally {
        await popup.close();
      }
    } finally {
      await page.close();
    }
  });

  it('where highlighting is off, asks before reading the page, then shows its context', async () => {
    const page = await ctx.browser.newPage();
    const url = fixtureUrl('seed-003.html');
    try {
      await setSettings(ext, { disabledSites: ['127.0.0.1'] });
      await page.goto(url);
      await waitForPageState(ext, url, inactive);
      const popup = await popupFor(ctx, ext, url);
      try {
        await popup.waitForFunction(() => [...document.querySelectorAll('button')].some((b) => b.textContent === 'Read this page'));
        expect((await readContext(popup)).entities).toEqual([]);
        await popup.screenshot(`popup-context-ask-${name}.png`);
        await popup.evaluate(() => [...document.querySelectorAll('button')].find((b) => b.textContent === 'Read this page')!.click());
        await popup.waitForFunction(() => document.querySelectorAll('.context-entity').length > 0, undefined, { timeout: 30_000 });
        const seen = await readContext(popup);
        expect(seen.entities.some((e) => e.id === 'org:csto')).toBe(true);
        expect(seen.related.length).toBeGreaterThan(0);
      } finally {
        await popup.close();
      }
    } finally {
      await setSettings(ext, { disabledSites: [] });
      await page.close();
    }
  });
});
