// Import with a preview in the notebook, in Chromium and Firefox: choose a Hypothesis export, see what
// it would change (rejected items with their paths), cancel (nothing written), then confirm.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestPage } from './browsers.ts';
import { fixtureUrl, selectedBrowsers, useBrowser } from './harness.ts';
import { askBackground, askContent, openControl, waitForPageState } from './page-tools.ts';

const SEARCH = readFileSync(join(__dirname, '../fixtures/hypothesis/search.json'), 'utf8');

async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, what: string, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Puts a file into the notebook's import input, as choosing it in the file dialog does. */
const chooseFile = (nb: TestPage, name: string, text: string) =>
  nb.evaluate(
    ({ name, text }: { name: string; text: string }) => {
      const input = document.querySelector('input[type="file"][aria-label="Import annotations"]') as HTMLInputElement | null;
      if (!input) return false;
      const dt = new DataTransfer();
      dt.items.add(new File([text], name, { type: 'application/json' }));
      input.files = dt.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
      return true;
    },
    { name, text },
  );

const text = (nb: TestPage, selector: string) => nb.evaluate((s: string) => document.querySelector(s)?.textContent ?? null, selector);
const clickButton = (nb: TestPage, label: string) =>
  nb.evaluate((l: string) => {
    const b = [...document.querySelectorAll('button')].find((x) => x.textContent?.trim() === l);
    b?.click();
    return !!b;
  }, label);

interface NotesState {
  source: string;
  anchored: { id: string; quote: string; method: string; color: string }[];
}
interface StoredNote {
  id: string;
  target: { selector: [{ exact: string }, { start: number; end: number }]; codePoints?: { start: number; end: number }; byPosition?: boolean };
}

const QUOTE = 'We are satisfied with the results of the joint meeting of the CSTO and SCO members';

/** Selects the first occurrence of `text` in the article (main world; the content script sees the same selection). */
const select = (page: TestPage, needle: string) =>
  page.evaluate((n: string) => {
    const walker = document.createTreeWalker(document.getElementById('article')!, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const i = (t as Text).data.indexOf(n);
      if (i < 0) continue;
      const r = document.createRange();
      r.setStart(t, i);
      r.setEnd(t, i + n.length);
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(r);
      return true;
    }
    return false;
  }, needle);

const noteTexts = (page: TestPage, color: string) =>
  page.evaluate((hl: string) => {
    const reg = (globalThis as unknown as { CSS: { highlights: Map<string, Set<Range>> } }).CSS.highlights.get(hl);
    return [...(reg ?? [])].map((r) => r.toString());
  }, `csto-lens-note-${color}`);

describe.each(selectedBrowsers())('%s import', (name, launch) => {
  const ctx = useBrowser(name, launch);
  let ext: TestPage;
  beforeAll(async () => {
    ext = await openControl(ctx.browser);
  });

  it('imports a position-only annotation: drawn on its text when the page opens, its quote read there and kept', async () => {
    // Where the passage is on this page, in code points, as another tool counted it: taken from a
    // note made here (then deleted), so the offsets are the page text's own.
    const url = fixtureUrl('story-v1.html');
    let page = await ctx.browser.newPage();
    let source = '';
    let at: { start: number; end: number };
    try {
      await page.goto(url);
      await waitForPageState(ext, url, (s) => s.scans >= 1);
      expect(await select(page, QUOTE)).toBe(true);
      expect(await askContent<boolean>(ext, url, 'highlightSelection', { color: 'blue' })).toBe(true);
      const s = await waitFor(async () => {
        const st = await askContent<NotesState>(ext, url, 'pageAnnotations');
        return st?.anchored.some((a) => a.quote === QUOTE) ? st : null;
      }, 'the note made to measure');
      source = s.source;
      const [made] = (await askBackground<StoredNote[]>(ext, 'annotationsForPage', { source })).filter((a) => a.target.selector[0].exact === QUOTE);
      at = made!.target.codePoints!;
      expect(at.end - at.start).toBe([...QUOTE].length);
      await askBackground(ext, 'annotationDelete', { id: made!.id });
    } finally {
      await page.close();
    }

    const file = JSON.stringify({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: 'https://other-tool.example/anno/position-only-1',
      type: 'Annotation',
      bodyValue: 'Lavrov on the joint meeting (position only)',
      target: { source, selector: { type: 'TextPositionSelector', start: at.start, end: at.end } },
    });
    const nb = await ctx.browser.openExtensionPage('sidepanel.html');
    try {
      await nb.waitForSelector('[data-testid="nb-count"]');
      expect(await chooseFile(nb, 'position-only.json', file)).toBe(true);
      expect(await waitFor(() => text(nb, '[data-testid="import-headline"]'), 'the import preview')).toBe('1 annotation: 1 new, 0 updated, 0 rejected');
      expect(await text(nb, 'main')).toContain('anchored by position only');
      expect(await clickButton(nb, 'Import 1')).toBe(true);
      await waitFor(async () => (await text(nb, '.nb-message'))?.startsWith('Imported'), 'the import to finish');
      await waitFor(async () => (await text(nb, 'main'))?.includes('Anchored by position only: the quote is read from the page when you next open it.'), 'the notebook to say how it anchors');
      await nb.screenshot(`import-position-only-notebook-${name}.png`);

      page = await ctx.browser.newPage();
      await page.goto(url);
      const drawn = await waitFor(async () => {
        const st = await askContent<NotesState>(ext, url, 'pageAnnotations');
        return st?.anchored.find((a) => a.color === 'yellow' && a.method === 'position') ?? null;
      }, 'the imported note anchored');
      expect(await waitFor(async () => (await noteTexts(page, 'yellow')).find((t) => t.replace(/\s+/g, ' ') === QUOTE), 'the note drawn on its text')).toBe(QUOTE);
      // Its quote, read from the page there, is kept: later visits find it by the quote too.
      const kept = await waitFor(async () => (await askBackground<StoredNote[]>(ext, 'annotationsForPage', { source })).find((a) => a.id === drawn.id && a.target.selector[0].exact), 'the quote kept');
      expect(kept.target).toMatchObject({ byPosition: true, codePoints: at, selector: [{ exact: QUOTE }, {}] });
      await page.screenshot(`import-position-only-page-${name}.png`);
      await waitFor(async () => (await text(nb, 'main'))?.includes('this quote was read from the page'), 'the notebook to show the quote read');
      expect(await text(nb, 'main')).toContain(QUOTE);
      await page.close();
    } finally {
      await nb.close();
    }
  });

  it('previews a Hypothesis export, writes nothing on cancel, writes the accepted notes on confirm', async () => {
    const nb = await ctx.browser.openExtensionPage('sidepanel.html');
    try {
      await nb.waitForSelector('[data-testid="nb-count"]');
      const before = await text(nb, '[data-testid="nb-count"]');
      expect(await chooseFile(nb, 'search.json', SEARCH)).toBe(true);
      const headline = await waitFor(() => text(nb, '[data-testid="import-headline"]'), 'the import preview');
      expect(headline).toBe('4 annotations: 2 new, 0 updated, 2 rejected');
      expect(await text(nb, '.import-rejected')).toContain('rows[2].target[0].selector: a Hypothesis page note');
      await nb.screenshot(`import-preview-${name}.png`);
      expect(await clickButton(nb, 'Cancel')).toBe(true);
      await waitFor(async () => (await text(nb, '.nb-message'))?.includes('nothing was written'), 'the cancel message');
      expect(await text(nb, '[data-testid="nb-count"]')).toBe(before);

      expect(await chooseFile(nb, 'search.json', SEARCH)).toBe(true);
      await waitFor(() => text(nb, '[data-testid="import-headline"]'), 'the import preview again');
      expect(await clickButton(nb, 'Import 2')).toBe(true);
      const done = await waitFor(async () => {
        const m = await text(nb, '.nb-message');
        return m?.startsWith('Imported') ? m : null;
      }, 'the import to finish');
      expect(done).toContain('2 new');
      await waitFor(async () => (await text(nb, '[data-testid="nb-count"]')) !== before, 'the notebook to list the imported notes');
      expect(await text(nb, 'main')).toContain('Armenia has frozen its participation');
      await nb.screenshot(`import-done-${name}.png`);
    } finally {
      await nb.close();
    }
  });
});
