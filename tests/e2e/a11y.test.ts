// Cards that stay in view and follow their word (@floating-ui/dom), and highlights by keyboard and
// screen reader (issue 14.2, 14.3), in Chromium and Firefox with the built extension.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestPage } from './browsers.ts';
import { fixtureUrl, selectedBrowsers, useBrowser } from './harness.ts';
import { askContent, openControl, realPress, setSettings, waitForPageState } from './page-tools.ts';

interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, what: string, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The box of the highlight (Highlight API, or an accessible-mode mark) inside paragraph `#id`. */
function wordBox(page: TestPage, id: string) {
  return page.evaluate((pid: string) => {
    const p = document.getElementById(pid)!;
    const mark = p.querySelector('csto-lens-mark[data-entity-id]');
    let r: DOMRect | null = mark ? mark.getBoundingClientRect() : null;
    const highlights = (globalThis as unknown as { CSS: { highlights?: Map<string, Set<Range>> } }).CSS.highlights;
    for (const [name, hl] of highlights ?? []) {
      if (r || name === 'csto-lens-focus' || !name.startsWith('csto-lens-')) continue;
      for (const range of hl) if (p.contains(range.startContainer)) r = range.getBoundingClientRect();
    }
    return r ? { top: r.top, left: r.left, bottom: r.bottom, right: r.right, x: r.left + r.width / 2, y: r.top + r.height / 2 } : null;
  }, id);
}

/** The card shown now: its box, title, links, and which of its controls has the focus. */
function readCard(page: TestPage) {
  return page.evaluate(() => {
    const root = document.querySelector('csto-lens-ui')?.shadowRoot;
    const card = root?.querySelector('.card');
    if (!card || !card.querySelector('h2')) return null;
    const b = card.getBoundingClientRect();
    const active = root!.activeElement as HTMLElement | null;
    return {
      box: { top: b.top, left: b.left, bottom: b.bottom, right: b.right },
      visible: getComputedStyle(card.parentElement!).visibility,
      title: card.querySelector('h2')!.textContent ?? '',
      links: [...card.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? ''),
      focused: active ? (active.getAttribute('aria-label') ?? active.textContent ?? active.localName) : null,
      focusInCard: !!active && card.contains(active),
      viewport: { width: innerWidth, height: innerHeight },
    };
  });
}

type Raw = {
  keyboard: { press(key: string): Promise<void> };
  mouse: { move(x: number, y: number): Promise<void>; click(x: number, y: number): Promise<void> };
};
/** The card once placed: shown, with the same box on two reads a moment apart (placement runs after layout). */
async function settledCard(page: TestPage, what: string) {
  let last = '';
  return waitFor(async () => {
    const c = await readCard(page);
    const key = c && c.visible === 'visible' ? JSON.stringify(c.box) : '';
    const same = key !== '' && key === last;
    last = key;
    return same ? c : null;
  }, what);
}

const keyboard = (page: TestPage) => (page.raw as unknown as Raw).keyboard;
const mouse = (page: TestPage) => (page.raw as unknown as Raw).mouse;

const inside = (b: Box, v: { width: number; height: number }) => b.top >= 0 && b.left >= 0 && b.bottom <= v.height && b.right <= v.width;
const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe.each(selectedBrowsers())('%s cards in view, highlights by keyboard', (name, launch) => {
  const ctx = useBrowser(name, launch);
  let ext: TestPage;
  beforeAll(async () => {
    ext = await openControl(ctx.browser);
  });
  afterAll(async () => {
    await setSettings(ext, { accessibleMode: false });
  });

  it('a card opened near each edge stays inside the viewport, off its word, and follows the word on scroll', async () => {
    await setSettings(ext, { accessibleMode: false });
    const page = await ctx.browser.newPage();
    try {
      const url = fixtureUrl('edges.html');
      await page.goto(url);
      await waitForPageState(ext, url, (s) => s.scans >= 1 && s.mentions >= 5);
      for (const edge of ['top-left', 'top-right', 'bottom-left', 'bottom-right']) {
        const word = (await wordBox(page, edge))!;
        expect(word, edge).not.toBeNull();
        await mouse(page).click(word.x, word.y);
        const card = await settledCard(page, `the card at ${edge}`);
        expect(inside(card.box, card.viewport), `${edge}: ${JSON.stringify(card.box)}`).toBe(true);
        expect(overlaps(card.box, word), `${edge}: over its word`).toBe(false);
        await page.screenshot(`a11y-edge-${edge}-${name}.png`, { fullPage: false });
        await realPress(page, 'Escape');
        await waitFor(async () => (await readCard(page)) === null, `the card at ${edge} to close`);
      }

      // Follows its word: after a scroll the gap between word and card is what it was.
      const word = (await wordBox(page, 'middle'))!;
      await mouse(page).click(word.x, word.y);
      const before = await settledCard(page, 'the middle card');
      await page.evaluate(() => window.scrollBy(0, 250));
      const after = await waitFor(async () => {
        const c = await readCard(page);
        return c && Math.abs(c.box.top - (before.box.top - 250)) <= 2 ? c : null;
      }, 'the card to follow its word');
      const moved = (await wordBox(page, 'middle'))!;
      expect(Math.round(moved.top - word.top)).toBe(-250);
      expect(Math.round(after.box.top - moved.bottom)).toBe(Math.round(before.box.top - word.bottom));
      expect(inside(after.box, after.viewport)).toBe(true);
      await page.screenshot(`a11y-follow-scroll-${name}.png`, { fullPage: false });

      // A pinned card's sources are real addresses (the source viewer at the sentence), never "#".
      for (const href of before.links) expect(href).toMatch(/^(chrome-extension|moz-extension):\/\/[^/]+\/viewer\.html\?doc=/);
    } finally {
      await page.close();
    }
  });

  it('a hover card closes when the pointer leaves it and its word', async () => {
    const page = await ctx.browser.newPage();
    try {
      const url = fixtureUrl('edges.html');
      await page.goto(url);
      await waitForPageState(ext, url, (s) => s.scans >= 1 && s.mentions >= 5);
      const word = (await wordBox(page, 'middle'))!;
      await mouse(page).move(word.x, word.y);
      await waitFor(async () => (await readCard(page))?.visible === 'visible', 'the hover card');
      await mouse(page).move(word.x, word.y + 2); // still on the word: it stays
      await new Promise((r) => setTimeout(r, 600));
      expect(await readCard(page)).not.toBeNull();
      await mouse(page).move(40, 300); // away from both
      await waitFor(async () => (await readCard(page)) === null, 'the hover card to close', 3000);
    } finally {
      await page.close();
    }
  });

  it('accessible mode: highlights have a name with their type, one tab stop, arrows between them, Enter opens the card with the focus, Esc gives it back', async () => {
    await setSettings(ext, { accessibleMode: true });
    const page = await ctx.browser.newPage();
    try {
      const url = fixtureUrl('edges.html');
      await page.goto(url);
      await waitForPageState(ext, url, (s) => s.scans >= 1 && s.mode === 'wrap' && s.mentions >= 5);
      const marks = await page.evaluate(() =>
        [...document.querySelectorAll('csto-lens-mark[data-entity-id]')].map((m) => ({
          text: m.textContent,
          role: m.getAttribute('role'),
          description: m.getAttribute('aria-description'),
          tabindex: m.getAttribute('tabindex'),
        })),
      );
      expect(marks.find((m) => m.text === 'CSTO')).toEqual({ text: 'CSTO', role: 'mark', description: 'organization, CSTO Lens', tabindex: '0' });
      expect(marks.find((m) => m.text === 'Sergey Lavrov')?.description).toBe('person, CSTO Lens');
      expect(marks.filter((m) => m.tabindex === '0')).toHaveLength(1);
      expect(marks.every((m) => m.tabindex === '0' || m.tabindex === '-1')).toBe(true);

      // From the top of the page, Tab reaches the highlights' one tab stop.
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await realPress(page, 'Tab');
      const focused = () => page.evaluate(() => document.activeElement?.textContent ?? '');
      expect(await focused()).toBe('CSTO');
      await keyboard(page).press('ArrowRight');
      expect(await focused()).toBe('Sergey Lavrov');
      await page.screenshot(`a11y-mark-focus-${name}.png`, { fullPage: false });

      // Enter opens its card, which takes the focus (its first control); Tab walks through it.
      await realPress(page, 'Enter');
      const card = await waitFor(async () => {
        const c = await readCard(page);
        return c?.focusInCard ? c : null;
      }, 'the card to take the focus');
      expect(card.title).toBe('Sergey Lavrov');
      expect(card.focused).toBe('Close');
      await realPress(page, 'Tab');
      const second = (await readCard(page))!;
      expect(second.focusInCard).toBe(true);
      expect(second.focused).not.toBe('Close');
      await page.screenshot(`a11y-card-focus-${name}.png`, { fullPage: false });

      // Esc closes it and the focus is back on the highlight.
      await realPress(page, 'Escape');
      await waitFor(async () => (await readCard(page)) === null, 'the card to close');
      expect(await focused()).toBe('Sergey Lavrov');
      // Tab from the highlight goes on to what follows on the page (the roving stop is one stop).
      await realPress(page, 'Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('link-after');
    } finally {
      await page.close();
    }
  });

  it('Highlight API mode: "next highlight" draws a focus highlight, opens the card with the focus; Esc closes it', async () => {
    await setSettings(ext, { accessibleMode: false });
    const page = await ctx.browser.newPage();
    try {
      const url = fixtureUrl('edges.html');
      await page.goto(url);
      await waitForPageState(ext, url, (s) => s.scans >= 1 && s.mode === 'highlight-api' && s.mentions >= 5);
      expect(await askContent(ext, url, 'stepHighlight', { delta: 1 })).toBe(true);
      expect(await askContent(ext, url, 'stepHighlight', { delta: 1 })).toBe(true);
      const ring = await page.evaluate(() => {
        const hl = (globalThis as unknown as { CSS: { highlights: Map<string, Set<Range>> } }).CSS.highlights.get('csto-lens-focus');
        return hl ? [...hl].map((r) => r.toString()) : null;
      });
      expect(ring).toEqual(['Sergey Lavrov']);
      const card = await waitFor(async () => {
        const c = await readCard(page);
        return c?.focusInCard && c.title === 'Sergey Lavrov' ? c : null;
      }, 'the card of the second highlight');
      expect(card.focused).toBe('Close');
      await page.screenshot(`a11y-next-highlight-${name}.png`, { fullPage: false });
      await realPress(page, 'Escape');
      await waitFor(async () => (await readCard(page)) === null, 'the card to close');
    } finally {
      await page.close();
    }
  });
});
