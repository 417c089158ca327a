// Learning from pages (issue 17): the reader adds a news page from the popup; its statement appears on
// the card of an entity it names (with its outlet and date), in the viewer (stored text, link to the
// original) and in the notebook's Sources view; removing it takes the statement away, undo brings it back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestPage } from './browsers.ts';
import { fixtureUrl, selectedBrowsers, useBrowser } from './harness.ts';
import { askBackground, tabIdOf, waitForPageState, type PageStateResult } from './page-tools.ts';

const scanned = (s: PageStateResult) => s.active && s.scans >= 1;
const TASMAGAMBETOV = 'person:imangali-tasmagambetov';
const QUOTE = /watching the concentration of armed groups/;

interface CardStatement {
  text: string;
  speakerName: string | null;
  date: string | null;
  source: { documentId: string; outlet: string };
}

const newStatement = async (ext: TestPage) =>
  ((await askBackground<{ statements: CardStatement[] } | null>(ext, 'entityCard', { entityId: TASMAGAMBETOV }))?.statements ?? []).find((s) =>
    QUOTE.test(s.text),
  );

async function clickButton(page: TestPage, label: string): Promise<void> {
  await page.waitForFunction((l: string) => [...document.querySelectorAll('button')].some((b) => b.textContent === l), label, { timeout: 30_000 });
  await page.evaluate((l: string) => [...document.querySelectorAll('button')].find((b) => b.textContent === l)!.click(), label);
}

describe.each(selectedBrowsers())('%s learning from a page', (name, launch) => {
  const ctx = useBrowser(name, launch);
  let ext: TestPage;
  beforeAll(async () => {
    ext = await ctx.browser.openExtensionPage('options.html');
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('adds a page from the popup; its statement reaches the card with outlet and date; remove and undo', async () => {
    expect(await newStatement(ext)).toBeUndefined();
    const page = await ctx.browser.newPage();
    const url = fixtureUrl('learn.html');
    try {
      await page.goto(url);
      await waitForPageState(ext, url, scanned);
      const tab = await tabIdOf(ext, url);
      const popup = await ctx.browser.openExtensionPage(`popup.html?tab=${tab}`);
      try {
        await clickButton(popup, 'Add this page to my knowledge base');
        const outcome = await popup.waitForFunction(
          () => document.querySelector('[data-testid="learned"], [data-testid="learn-error"]')?.textContent ?? null,
          undefined,
          { timeout: 60_000 },
        );
        expect(await popup.evaluate(() => document.querySelector('[data-testid="learn-error"]')?.textContent ?? null), outcome ?? undefined).toBeNull();
        const said = await popup.evaluate(() => document.querySelector('[data-testid="learned"]')!.textContent ?? '');
        expect(said).toMatch(/In your knowledge base: [1-9]\d* statements?, \d+ facts? from Steppe Wire, 14 November 2025/);
        await popup.screenshot(`learn-popup-${name}.png`);
      } finally {
        await popup.close();
      }
    } finally {
      await page.close();
    }

    // The card of the entity it quotes, asked as a card on any page asks: the new statement, sourced.
    const st = await newStatement(ext);
    expect(st).toMatchObject({ speakerName: 'Imangali Tasmagambetov', date: '2025-11-14', source: { outlet: 'Steppe Wire' } });
    const docId = st!.source.documentId;

    // The viewer shows the stored text, offline, with a link to the original page.
    const viewer = await ctx.browser.openExtensionPage(`viewer.html?doc=${encodeURIComponent(docId)}`);
    try {
      await viewer.waitForSelector('[data-testid="original-link"]');
      expect(await viewer.evaluate(() => document.querySelector('[data-testid="original-link"]')!.getAttribute('href'))).toBe(url);
      expect(await viewer.evaluate(() => document.body.innerText)).toMatch(QUOTE);
      await viewer.screenshot(`learn-viewer-${name}.png`);
    } finally {
      await viewer.close();
    }

    // The notebook's Sources view lists it; Remove takes its statement away; Undo brings it back.
    const notebook = await ctx.browser.openExtensionPage('sidepanel.html#sources');
    try {
      await notebook.waitForSelector(`[data-source-id="${docId}"]`);
      const row = await notebook.evaluate((id: string) => document.querySelector(`[data-source-id="${id}"]`)!.textContent ?? '', docId);
      expect(row).toMatch(/Steppe Wire.*[1-9]\d* statements/);
      await notebook.screenshot(`learn-sources-${name}.png`);
      await notebook.evaluate((id: string) => (document.querySelector(`[data-source-id="${id}"] button`) as HTMLButtonElement).click(), docId);
      await notebook.waitForSelector('[data-testid="source-removed"]', { timeout: 60_000 });
      expect(await newStatement(ext)).toBeUndefined();
      await clickButton(notebook, 'Undo');
      // Undone once the knowledge base is rebuilt with it (the notice goes when the background answers).
      await notebook.waitForFunction(() => !document.querySelector('[data-testid="source-removed"]'), undefined, { timeout: 60_000 });
      await notebook.waitForSelector(`[data-source-id="${docId}"]`, { timeout: 60_000 });
      expect(await newStatement(ext)).toMatchObject({ source: { documentId: docId } });
    } finally {
      await notebook.close();
    }
  });

  it('learning the same page again updates it: still one source', async () => {
    const page = await ctx.browser.newPage();
    const url = fixtureUrl('learn.html');
    try {
      await page.goto(`${url}?utm_source=newsletter#comments`);
      await waitForPageState(ext, `${url}?utm_source=newsletter#comments`, scanned);
      const before = await askBackground<{ id: string }[]>(ext, 'learnedList');
      const r = await askBackground<{ ok: boolean; created?: boolean; summary?: { id: string } }>(ext, 'learnPage', {
        tabId: await tabIdOf(ext, `${url}?utm_source=newsletter#comments`),
      });
      expect(r, JSON.stringify(r)).toMatchObject({ ok: true, created: false });
      const after = await askBackground<{ id: string }[]>(ext, 'learnedList');
      expect(after.map((d) => d.id)).toEqual(before.map((d) => d.id));
    } finally {
      await page.close();
    }
  });
});
