// Learning from pages (issue 17): the reader adds a news page from the popup; its statement appears on
// the card of an entity it names (with its outlet and date), in the viewer (stored text, link to the
// original) and in the notebook's Sources view; removing it takes the statement away, undo brings it back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestPage } from './browsers.ts';
import { fixtureUrl, selectedBrowsers, useBrowser } from './harness.ts';
import { askBackground, setSettings, tabIdOf, waitForPageState, type PageStateResult } from './page-tools.ts';

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

  // Learn settings (issue 17.4): in "every page with CSTO entities" mode a page read is learned without
  // asking; it is in the notebook's Sources, and its statements in the Timeline view of an entity.
  it('in "every page" mode, a page with CSTO entities is learned on its own and shows in Sources and the timeline', async () => {
    const url = fixtureUrl('story-v1.html');
    const listed = async () => (await askBackground<{ id: string; url: string; outlet: string }[]>(ext, 'learnedList')).find((d) => d.url === url);
    expect(await listed()).toBeUndefined();
    await setSettings(ext, { learnMode: 'entities' });
    const page = await ctx.browser.newPage();
    try {
      await page.goto(url);
      await waitForPageState(ext, url, (s) => scanned(s) && s.mentions > 0);
      const until = Date.now() + 60_000;
      while (!(await listed()) && Date.now() < until) await new Promise((r) => setTimeout(r, 250));
      expect(await listed()).toMatchObject({ url, title: expect.stringMatching(/Russia uses full potential of SCO, CSTO/) });
    } finally {
      await page.close();
      await setSettings(ext, { learnMode: 'never' });
    }
    const doc = (await listed())!;
    const notebook = await ctx.browser.openExtensionPage('sidepanel.html#sources');
    try {
      await notebook.waitForSelector(`[data-source-id="${doc.id}"]`, { timeout: 30_000 });
      await notebook.screenshot(`learn-auto-sources-${name}.png`);
    } finally {
      await notebook.close();
    }
    // Its statements in the timeline of the entity they name (Lavrov, the "top diplomat"), with one link to the sentence.
    const timeline = await ctx.browser.openExtensionPage(`sidepanel.html#timeline=${encodeURIComponent('person:sergey-lavrov')}`);
    try {
      await timeline.waitForSelector('[data-testid="timeline"] h2', { timeout: 30_000 });
      const hrefs = await timeline.waitForFunction(
        (id: string) => {
          const links = [...document.querySelectorAll('.timeline-items a')].map((a) => a.getAttribute('href') ?? '');
          return links.some((h) => h.includes(`doc=${id}`)) ? links : null;
        },
        doc.id,
        { timeout: 30_000 },
      );
      expect((hrefs as string[]).find((h) => h.includes(`doc=${doc.id}`))).toMatch(/viewer\.html\?doc=[^#]+#statement-/);
      await timeline.screenshot(`learn-timeline-${name}.png`);
    } finally {
      await timeline.close();
    }
  });
});
