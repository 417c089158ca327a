// The attack suite (issue 11, points 2 to 4), in Chromium and Firefox: a hostile page
// (tests/fixtures/pages/hostile.html, served as http://attacker.dyndns.org) tries to read, change
// and stop the reader's notes. Every test asserts the attack failed: the note's text and tags never
// appear in what the page's script collected, the note is unchanged, highlights survive a forged
// WXT event, a flood of text added after load stays under the cap, and a canonical URL of another
// registrable domain gets no notes.
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_GECKO_ID, type TestBrowser, type TestPage } from './browsers.ts';
import { fixtureUrl, selectedBrowsers, useBrowser } from './harness.ts';
import { askBackground, askContent, askPageState, openControl, readHighlights, realClick, realPress, realType, waitForEditor, waitForStableState } from './page-tools.ts';

interface NotesState {
  source: string;
  loaded: boolean;
  anchored: { id: string; quote: string; method: string; color: string }[];
  orphans: { id: string; quote: string }[];
}
interface Loot {
  keys: string[];
  messages: string[];
  dumps: string[];
  errors: string[];
  clicked: string[];
}
interface StoredNote {
  id: string;
  deleted?: boolean;
  body?: unknown;
  color: string;
}

const QUOTE = 'We are satisfied with the results of the joint meeting of the CSTO and SCO members';
const QUOTE2 = 'the parties plan to focus their efforts on helping to establish an inclusive government';
const NOTE = 'source says the deal is off, call Dilnoza after nine';
const TAG = 'confidential-lead';
/** Pieces of the reader's private text that must never reach the page. */
const SECRETS = ['deal is off', 'Dilnoza', 'confidential', 'after nine'];

const hostUrl = (host: string, page: string) => fixtureUrl(page).replace('//127.0.0.1:', `//${host}:`);
const HOSTILE = () => hostUrl('attacker.dyndns.org', 'hostile.html');
/** The victim's article, where the hostile page's rel=canonical points (another registrable domain under dyndns.org). */
const VICTIM_SOURCE = 'http://victim.dyndns.org/story.html';

async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, what: string, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const loot = (page: TestPage) => page.evaluate(() => (window as unknown as { __loot: Loot }).__loot);
/** Everything the page's script saw, as one text: its DOM dumps, the keys and input it logged, messages. */
async function seen(page: TestPage): Promise<string> {
  const l = await loot(page);
  const typed = l.keys.filter((k) => k.startsWith('keydown:')).map((k) => k.slice('keydown:'.length)).filter((k) => k.length === 1).join('');
  return [typed, l.keys.join('\n'), l.messages.join('\n'), l.dumps.join('\n')].join('\n');
}
const leaked = (text: string) => SECRETS.filter((s) => text.toLowerCase().includes(s.toLowerCase()));

const selectText = (page: TestPage, text: string) =>
  page.evaluate((needle: string) => {
    const walker = document.createTreeWalker(document.getElementById('article')!, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = (n as Text).data.indexOf(needle);
      if (i < 0) continue;
      const r = document.createRange();
      r.setStart(n, i);
      r.setEnd(n, i + needle.length);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(r);
      return true;
    }
    return false;
  }, text);

const notesOn = (ext: TestPage, url: string) => askContent<NotesState>(ext, url, 'pageAnnotations');
const stored = (ext: TestPage, source: string) => askBackground<StoredNote[]>(ext, 'annotationsForPage', { source });
const selector = (quote: string) => [
  { type: 'TextQuoteSelector', exact: quote, prefix: '', suffix: '' },
  { type: 'TextPositionSelector', start: 0, end: quote.length },
];

/** Opens the hostile page and waits until the content script has loaded its notes. */
async function openHostile(b: TestBrowser, ext: TestPage): Promise<{ page: TestPage; notes: NotesState }> {
  const page = await b.newPage();
  await page.goto(HOSTILE());
  const notes = await waitFor(async () => {
    const s = await notesOn(ext, HOSTILE());
    return s?.loaded ? s : null;
  }, 'the notes layer on the hostile page');
  return { page, notes };
}

describe.each(selectedBrowsers())('%s attacks from a hostile page', (name, launch) => {
  const ctx = useBrowser(name, launch);
  let ext: TestPage;
  beforeAll(async () => {
    ext = await openControl(ctx.browser);
  });

  it('the reader types a note through real input: it is saved, and the page sees none of it', async () => {
    const { page } = await openHostile(ctx.browser, ext);
    try {
      await waitForStableState(ext, HOSTILE());
      expect(await selectText(page, QUOTE)).toBe(true);
      await waitFor(() => realClick(page, '.toolbar .annotate'), 'the selection toolbar');
      // The editor takes the focus (an extension frame), or, without one, whatever has it gets the keys.
      await waitForEditor(page, 5_000).catch(() => sleep(500));
      await realType(page, NOTE);
      await realPress(page, 'Tab');
      await realType(page, TAG);
      await page.screenshot(`attack-editor-${name}.png`);
      await realPress(page, 'Enter', true); // Ctrl+Enter saves
      const source = (await notesOn(ext, HOSTILE()))!.source;
      const saved = await waitFor(async () => {
        const list = await stored(ext, source);
        return list.find((a) => JSON.stringify(a.body).includes('deal is off')) ?? null;
      }, 'the typed note, saved', 8_000).catch(() => null);
      await sleep(500);
      expect(leaked(await seen(page))).toEqual([]);
      expect(saved, 'the note typed after "Note…" was saved with its text').not.toBeNull();
      expect(JSON.stringify(saved!.body)).toContain(TAG);
    } finally {
      await page.close();
    }
  });

  it('synthetic events from the page cannot open, read, edit or delete a note, nor press the toolbar', async () => {
    let { page, notes } = await openHostile(ctx.browser, ext);
    try {
      const made = await askBackground<StoredNote>(ext, 'annotationCreate', {
        source: notes.source,
        title: 'Hostile page',
        selector: selector(QUOTE2),
        color: 'green',
        note: NOTE,
        tags: [TAG],
      });
      await page.close();
      ({ page, notes } = await openHostile(ctx.browser, ext));
      await waitFor(async () => ((await notesOn(ext, HOSTILE()))?.anchored.some((a) => a.id === made.id) ? true : null), 'the note drawn');
      const before = (await stored(ext, notes.source)).length;

      const found = await page.evaluate(() => (window as unknown as { __attack: { notes(): Promise<number> } }).__attack.notes());
      expect(found, 'the page found the note’s highlight (the attack ran)').toBeGreaterThan(0);
      const pressed = await page.evaluate((q: string) => (window as unknown as { __attack: { toolbar(q: string): Promise<number> } }).__attack.toolbar(q), QUOTE.slice(0, 40));
      expect(pressed, 'the page pressed the toolbar’s buttons (the attack ran)').toBeGreaterThan(0);
      await sleep(800);

      expect(leaked(await seen(page))).toEqual([]);
      const after = await askBackground<StoredNote[]>(ext, 'annotationsForPage', { source: notes.source });
      const note = after.find((a) => a.id === made.id);
      expect(note, 'the note is not deleted').toBeDefined();
      expect(JSON.stringify(note!.body)).toContain('deal is off');
      expect(JSON.stringify(note!.body)).not.toContain('PWNED');
      expect(after.length, 'the toolbar made no highlight for the page').toBe(before);
    } finally {
      await page.close();
    }
  });

  it("a page cannot load the scripts the content script loads on demand (the page matcher's compiler, the page UI), even knowing the extension's URL", async () => {
    const { page } = await openHostile(ctx.browser, ext);
    try {
      await waitForStableState(ext, HOSTILE());
      const files = name === 'firefox' ? ['page-matcher.js', 'page-ui.js'] : ['page-ui.js'];
      for (const file of files) {
        const url = ctx.browser.extensionUrl(file);
        const loaded = await page.evaluate(async (u: string) => {
          // (An import() written here would be rewritten by vitest's transform: the page's own, by eval.)
          const pageImport = (0, eval)('(url) => import(url)') as (url: string) => Promise<unknown>;
          const tries = await Promise.allSettled([pageImport(u), fetch(u).then((r) => r.text())]);
          return { settled: tries.map((t) => t.status), slot: typeof (window as unknown as Record<string, unknown>).__cstoLensMatcher };
        }, url);
        expect(loaded, file).toEqual({ settled: ['rejected', 'rejected'], slot: 'undefined' });
      }
    } finally {
      await page.close();
    }
  });

  it('a forged WXT "content script started" event does not stop the extension', async () => {
    const { page } = await openHostile(ctx.browser, ext);
    try {
      const state = await waitForStableState(ext, HOSTILE());
      const drawn = (await readHighlights(page)).length;
      expect(drawn).toBeGreaterThan(10);
      const id = name === 'firefox' ? DEFAULT_GECKO_ID : ctx.browser.extensionId;
      await page.evaluate((extId: string) => (window as unknown as { __attack: { forgeStarted(id: string): string } }).__attack.forgeStarted(extId), id);
      await sleep(1500);
      expect((await readHighlights(page)).length).toBe(drawn);
      expect((await askPageState(ext, HOSTILE()))?.mentions).toBe(state.mentions);
    } finally {
      await page.close();
    }
  });

  it('20 MB of text added after load is matched only up to the cap', async () => {
    const { page } = await openHostile(ctx.browser, ext);
    try {
      const first = await waitForStableState(ext, HOSTILE());
      const added = await page.evaluate(() => (window as unknown as { __attack: { flood(mb: number, every: number): { chars: number; mentions: number } } }).__attack.flood(20, 10_000));
      expect(added.mentions).toBeGreaterThan(1900);
      // Until the count holds still for 2 s.
      let last = -1;
      let state = first;
      for (let i = 0; i < 60; i++) {
        await sleep(1000);
        state = (await askPageState(ext, HOSTILE())) ?? state;
        if (state.mentions === last && state.mentions > first.mentions) break;
        last = state.mentions;
      }
      // 3,000,000 characters in all: at most one CSTO every 10,000 of them beyond the first scan.
      expect(state.mentions - first.mentions).toBeLessThanOrEqual(300);
      expect(state.partial).toBe(true);
    } finally {
      await page.close();
    }
  }, 120_000);

  it('a canonical URL of another registrable domain gets none of its notes', async () => {
    const victim = await askBackground<StoredNote>(ext, 'annotationCreate', {
      source: VICTIM_SOURCE,
      title: 'The victim’s article',
      selector: selector(QUOTE),
      color: 'purple',
      note: `${NOTE} (victim)`,
      tags: [TAG],
    });
    const { page, notes } = await openHostile(ctx.browser, ext);
    try {
      await sleep(800);
      const now = (await notesOn(ext, HOSTILE()))!;
      expect(notes.source).toBe(new URL('/hostile.html', HOSTILE()).href);
      expect([...now.anchored, ...now.orphans].map((a) => a.id)).not.toContain(victim.id);
      expect(leaked(await seen(page))).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
