// The reader's notes in both drawing modes, Chromium and Firefox: a note is made, edited (it stays
// drawn), accessible mode is switched on and off (its extent never changes), and in wrap mode its
// marks carry an accessible description (never the note's text).
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestPage } from './browsers.ts';
import { fixtureUrl, selectedBrowsers, useBrowser } from './harness.ts';
import { askBackground, askContent, openControl, realPress, realType, setSettings, waitForEditor, waitForPageState } from './page-tools.ts';

interface NotesState {
  loaded: boolean;
  anchored: { id: string; quote: string; method: string; color: string }[];
  orphans: { id: string; quote: string }[];
}

const QUOTE = 'We are satisfied with the results of the joint meeting of the CSTO and SCO members';
const NOTE = 'private: only in the extension';

async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, what: string, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  let last: unknown;
  for (;;) {
    const v = await probe();
    if (v) return v;
    last = v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Selects the first occurrence of `text` in the article, across text nodes (wrap mode splits
 *  them around entity marks); the content script sees the same selection. */
const select = (page: TestPage, text: string) =>
  page.evaluate((needle: string) => {
    const walker = document.createTreeWalker(document.getElementById('article')!, NodeFilter.SHOW_TEXT);
    const nodes: Text[] = [];
    const starts: number[] = [];
    let all = '';
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      nodes.push(n as Text);
      starts.push(all.length);
      all += (n as Text).data;
    }
    const at = all.indexOf(needle);
    if (at < 0) return false;
    const point = (offset: number, end: boolean) => {
      let i = nodes.length - 1;
      while (i > 0 && (end ? starts[i]! >= offset : starts[i]! > offset)) i--;
      return [nodes[i]!, offset - starts[i]!] as const;
    };
    const r = document.createRange();
    r.setStart(...point(at, false));
    r.setEnd(...point(at + needle.length, true));
    const sel = window.getSelection()!;
    sel.removeAllRanges();
    sel.addRange(r);
    return true;
  }, text);

interface Drawn {
  /** The text of each note drawn in this colour: its highlight's ranges, or its marks joined. */
  texts: string[];
  marks: number;
  /** aria-description of every note mark. */
  labels: string[];
  /** Where the first piece is (to click it). */
  at: { x: number; y: number } | null;
}

/** What the page shows of the notes in `color`, in either drawing mode. */
const drawnNotes = (page: TestPage, color: string) =>
  page.evaluate((c: string): Drawn => {
    const name = `csto-lens-note-${c}`;
    const registry = (globalThis as unknown as { CSS: { highlights?: Map<string, Set<Range>> } }).CSS.highlights;
    const ranges = [...(registry?.get(name) ?? [])];
    const marks = [...document.querySelectorAll(`csto-lens-mark[data-type="note-${c}"]`)];
    const texts = ranges.map((r) => r.toString());
    if (marks.length) texts.push(marks.map((m) => m.textContent).join(''));
    // The first line box of the first piece (a two-line range's bounding box may fall between its lines).
    const rect = (ranges[0] ?? marks[0])?.getClientRects()[0];
    return {
      texts: texts.map((t) => t.replace(/\s+/g, ' ')),
      marks: marks.length,
      labels: [...new Set(marks.map((m) => m.getAttribute('aria-description') ?? ''))],
      at: rect ? { x: rect.left + 8, y: rect.top + rect.height / 2 } : null,
    };
  }, color);

type Mouse = { mouse: { move(x: number, y: number): Promise<void>; click(x: number, y: number): Promise<void> } };

describe.each(selectedBrowsers())('%s notes in both drawing modes', (name, launch) => {
  const ctx = useBrowser(name, launch);
  let ext: TestPage;
  beforeAll(async () => {
    ext = await openControl(ctx.browser);
  });

  it.each([
    ['highlight-api', false],
    ['wrap', true],
  ] as const)('drawn as %s: made, edited (still drawn), accessible mode switched twice (same extent)', async (mode, accessible) => {
    await setSettings(ext, { accessibleMode: accessible });
    const page = await ctx.browser.newPage();
    let id: string | null = null;
    try {
      const url = fixtureUrl('story-v1.html');
      await page.goto(url);
      await waitForPageState(ext, url, (s) => s.scans >= 1 && s.mode === mode);
      await waitFor(async () => (await askContent<NotesState>(ext, url, 'pageAnnotations'))?.loaded, 'the notes layer');

      // Made (the "highlight selection" command).
      expect(await select(page, QUOTE)).toBe(true);
      expect(await askContent(ext, url, 'highlightSelection', { color: 'yellow' })).toBe(true);
      const made = await waitFor(async () => (await askContent<NotesState>(ext, url, 'pageAnnotations'))?.anchored[0], 'the new note');
      id = made.id;
      const first = await drawnNotes(page, 'yellow');
      expect(first.texts).toEqual([QUOTE]);
      if (mode === 'wrap') {
        expect(first.marks).toBeGreaterThan(1); // split around the entity marks of "CSTO" and "SCO"
        expect(first.labels).toEqual(['Your highlight: yellow']);
      }

      // Edited in the note editor (an extension frame): a note and another colour. It stays drawn,
      // on the same text. The reader clicks the note; in the frame: ×, Edit, Delete.
      const at = (await drawnNotes(page, 'yellow')).at!;
      await (page.raw as unknown as Mouse).mouse.click(at.x, at.y);
      await waitFor(() => page.evaluate(() => document.activeElement?.localName === 'csto-lens-note'), 'the editor, focused').catch(async (err: unknown) => {
        await page.screenshot(`drawing-${mode}-no-editor-${name}.png`, { fullPage: false });
        throw err;
      });
      await new Promise((r) => setTimeout(r, 400));
      for (let i = 0; i < 2; i++) await realPress(page, 'Tab');
      await realPress(page, 'Enter'); // Edit
      await waitForEditor(page);
      await realType(page, NOTE);
      await realPress(page, 'Tab'); // tags
      await realPress(page, 'Tab'); // the colours: yellow,
      await realPress(page, 'Tab'); // green
      await realPress(page, 'Enter'); // pick it
      await realPress(page, 'Enter', true); // Ctrl+Enter saves
      await waitFor(async () => (await askContent<NotesState>(ext, url, 'pageAnnotations'))?.anchored[0]?.color === 'green', 'the edit');
      const edited = await waitFor(async () => {
        const d = await drawnNotes(page, 'green');
        return d.texts.length ? d : null;
      }, 'the edited note drawn');
      expect(edited.texts).toEqual([QUOTE]);
      expect((await drawnNotes(page, 'yellow')).texts).toEqual([]);
      if (mode === 'wrap') expect(edited.labels).toEqual(['Your highlight: green']);
      await realPress(page, 'Escape');
      await page.screenshot(`drawing-${mode}-edited-${name}.png`, { fullPage: false });

      // Accessible mode switched (the other drawing mode) and back: the same extent each time.
      const other = mode === 'wrap' ? 'highlight-api' : 'wrap';
      for (const [next, on] of [[other, !accessible], [mode, accessible]] as const) {
        await setSettings(ext, { accessibleMode: on });
        await waitForPageState(ext, url, (s) => s.mode === next && s.scans >= 1);
        const now = await waitFor(async () => {
          const d = await drawnNotes(page, 'green');
          return (next === 'wrap' ? d.marks > 0 : d.marks === 0 && d.texts.length > 0) ? d : null;
        }, `the note drawn as ${next}`);
        expect(now.texts).toEqual([QUOTE]);
        if (next === 'wrap') expect(now.labels).toEqual(['Your highlight: green']);
        await page.screenshot(`drawing-${mode}-then-${next}-${name}.png`, { fullPage: false });
      }
      // The note's text is never in the page.
      expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain(NOTE);
    } finally {
      if (id) await askBackground(ext, 'annotationDelete', { id }).catch(() => {});
      await setSettings(ext, { accessibleMode: false });
      await page.close();
    }
  });
});
