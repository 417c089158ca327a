// The entity card, related statements for a passage, the popup's search and the source viewer,
// in Chromium and Firefox with the built extension.
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestPage } from './browsers.ts';
import { fixtureUrl, selectedBrowsers, useBrowser } from './harness.ts';
import { askContent, openControl, realPress, waitForPageState } from './page-tools.ts';

type Mouse = { mouse: { move(x: number, y: number): Promise<void> } };

/** The centre of the first highlight of `style` whose text is `text`. */
function highlightCentre(page: TestPage, style: string, text: string) {
  return page.evaluate(
    ({ style, text }: { style: string; text: string }) => {
      const hl = (globalThis as unknown as { CSS: { highlights: Map<string, Set<Range>> } }).CSS.highlights.get(`csto-lens-${style}`);
      for (const r of hl ?? []) {
        if (r.toString() !== text) continue;
        const b = r.getClientRects()[0] ?? r.getBoundingClientRect();
        return { x: b.left + b.width / 2, y: b.top + b.height / 2, bottom: b.bottom, top: b.top };
      }
      return null;
    },
    { style, text },
  );
}

/** Reads the page UI's shadow root (open, so the page's main world can read it; text only). */
function readCard(page: TestPage) {
  return page.evaluate(() => {
    const root = document.querySelector('csto-lens-ui')?.shadowRoot;
    const card = root?.querySelector('.card');
    if (!card) return null;
    const box = card.getBoundingClientRect();
    return {
      entityId: card.getAttribute('data-entity-id'),
      title: card.querySelector('h2')?.textContent ?? '',
      description: card.querySelector('.description')?.textContent ?? '',
      facts: [...card.querySelectorAll('.fact')].map((f) => ({
        text: f.textContent ?? '',
        fact: f.querySelector('span')?.textContent ?? '',
        source: f.querySelector('.source')?.textContent ?? '',
      })),
      statements: [...card.querySelectorAll('.statement')].map((s) => ({
        speaker: s.querySelector('.speaker')?.textContent ?? '',
        text: s.querySelector('blockquote')?.textContent ?? '',
        source: s.querySelector('.source')?.textContent ?? '',
      })),
      mentions: card.querySelector('.mentions')?.textContent ?? '',
      chips: [...card.querySelectorAll('.chip')].map((c) => c.getAttribute('data-entity-id')),
      box: { top: box.top, bottom: box.bottom, left: box.left, right: box.right },
    };
  });
}

/** The reader presses a button of the page UI: focus it, then a real Enter (the page UI ignores a
 *  page's synthetic clicks; a key press reaches a button a card has scrolled out of view, too). */
async function clickInUi(page: TestPage, selector: string): Promise<boolean> {
  const found = await page.evaluate((sel: string) => {
    const el = document.querySelector('csto-lens-ui')?.shadowRoot?.querySelector(sel) as HTMLElement | null;
    el?.focus();
    return !!el;
  }, selector);
  if (found) await realPress(page, 'Enter');
  return found;
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

describe.each(selectedBrowsers())('%s entity context', (name, launch) => {
  const ctx = useBrowser(name, launch);
  let ext: TestPage;
  beforeAll(async () => {
    ext = await openControl(ctx.browser);
  });

  it('hovering a highlight opens its card next to it: description, a fact with its source, statements by the speaker', async () => {
    const page = await ctx.browser.newPage();
    try {
      const url = fixtureUrl('seed-000.html');
      await page.goto(url);
      await waitForPageState(ext, url, (s) => s.scans >= 1);
      const at = (await highlightCentre(page, 'person', 'Sergey Lavrov'))!;
      expect(at).not.toBeNull();
      await (page.raw as unknown as Mouse).mouse.move(at.x, at.y);
      const card = await waitFor(async () => {
        const c = await readCard(page);
        return c && c.statements.length > 0 ? c : null;
      }, 'the card');
      // Placed again once its content is there (@floating-ui/dom's autoUpdate, after layout): read it then.
      await new Promise((r) => setTimeout(r, 250));
      Object.assign(card, await readCard(page));
      expect(card.entityId).toBe('person:sergey-lavrov');
      expect(card.title).toBe('Sergey Lavrov');
      expect(card.description).toMatch(/Foreign Affairs/);
      expect(card.facts.some((f) => /Pakistan Point News \/ Sputnik, 26 May 2020/.test(f.source))).toBe(true);
      // One line per fact (the role stated by three articles is one fact), none that is only his name.
      expect(new Set(card.facts.map((f) => f.fact)).size).toBe(card.facts.length);
      expect(card.facts.some((f) => /Sergey Lavrov|Sergei Lavrov/.test(f.fact))).toBe(false);
      expect(card.statements).toHaveLength(3); // the first three; the rest behind "more"
      expect(card.statements.every((s) => s.speaker === 'Sergey Lavrov')).toBe(true);
      expect(card.mentions).toMatch(/5 mentions on this page \(2 of 5\)/);
      expect(card.chips).toContain('org:csto');
      // Never over the highlight it belongs to.
      expect(card.box.top >= at.bottom || card.box.bottom <= at.top).toBe(true);
      await page.screenshot(`card-${name}.png`, { fullPage: false });

      // "more" shows the rest; the next button walks to the next mention.
      expect(await clickInUi(page, '.more')).toBe(true);
      await waitFor(async () => ((await readCard(page))?.statements.length ?? 0) > 3, 'more statements');
      expect(await clickInUi(page, 'button[aria-label="Next mention"]')).toBe(true);
      await waitFor(async () => /\(3 of 5\)/.test((await readCard(page))?.mentions ?? ''), 'the next mention');

      // Escape dismisses it.
      await (page.raw as unknown as { keyboard: { press(k: string): Promise<void> } }).keyboard.press('Escape');
      await waitFor(async () => (await readCard(page)) === null, 'the card to close');
    } finally {
      await page.close();
    }
  });

  it('the popup\'s entity list opens the card at the first mention (revealEntity with openCard)', async () => {
    const page = await ctx.browser.newPage();
    try {
      const url = fixtureUrl('seed-003.html');
      await page.goto(url);
      await waitForPageState(ext, url, (s) => s.scans >= 1);
      expect(await askContent(ext, url, 'revealEntity', { entityId: 'person:stanislav-zas', openCard: true })).toBe(true);
      const card = await waitFor(async () => {
        const c = await readCard(page);
        return c?.entityId === 'person:stanislav-zas' && c.statements.length ? c : null;
      }, 'the Zas card');
      expect(card.statements[0]!.speaker).toBe('Stanislav Zas');
      expect(card.facts.length).toBeGreaterThan(0);
    } finally {
      await page.close();
    }
  });

  it('selecting a passage offers related statements, ranked, with the expected one first', async () => {
    const page = await ctx.browser.newPage();
    try {
      const url = fixtureUrl('passage.html');
      await page.goto(url);
      await waitForPageState(ext, url, (s) => s.scans >= 1);
      await page.evaluate(() => {
        const p = document.getElementById('passage')!;
        const r = document.createRange();
        r.selectNodeContents(p);
        const sel = window.getSelection()!;
        sel.removeAllRanges();
        sel.addRange(r);
      });
      await waitFor(() => clickInUi(page, '.toolbar .related'), 'the selection toolbar');
      const results = await waitFor(
        () =>
          page.evaluate(() => {
            const items = document.querySelector('csto-lens-ui')?.shadowRoot?.querySelectorAll('ol.statements .statement');
            if (!items?.length) return null;
            return [...items].map((s) => ({
              id: s.getAttribute('data-statement-id'),
              speaker: s.querySelector('.speaker')?.textContent ?? '',
              score: Number(s.getAttribute('data-score') ?? 'NaN'),
              label: s.querySelector('.score')?.textContent ?? '',
              text: s.querySelector('blockquote')?.textContent ?? '',
            }));
          }),
        'related statements',
      );
      // Lavrov's answer on equipment for the Tajik border guards (seed 004).
      expect(results[0]!.id).toBe('004_a203b281c93f1569:st:3333-5938');
      expect(results[0]!.speaker).toBe('Sergey Lavrov');
      const scores = results.map((r) => r.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      // Relevance in words, never a raw score; nothing below the listing threshold.
      for (const r of results) expect(r.label).toMatch(/^(closely related|related|loosely related)$/);
      expect(Math.min(...scores)).toBeGreaterThanOrEqual(0.2);
      await page.screenshot(`related-${name}.png`, { fullPage: false });
    } finally {
      await page.close();
    }
  });

  it('the popup lists the knowledge base state and finds a statement by a word in it', async () => {
    const popup = await ctx.browser.openExtensionPage('popup.html');
    try {
      await popup.waitForSelector('[data-testid="kb-status"]');
      expect(await popup.evaluate(() => document.querySelector('[data-testid="kb-status"]')!.textContent)).toMatch(/5 documents, \d+ entities, \d+ statements/);
      await popup.evaluate(() => {
        const input = document.querySelector('input[type="search"]') as HTMLInputElement;
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
        setter.call(input, 'videoconference');
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
      const hits = await waitFor(
        () => popup.evaluate(() => [...document.querySelectorAll('.search-results li')].map((li) => [li.getAttribute('data-kind'), li.textContent ?? ''])),
        'search results',
      );
      expect(hits.some(([kind, text]) => kind === 'statement' && /videoconference/i.test(text!))).toBe(true);
      await popup.screenshot(`popup-search-${name}.png`);
    } finally {
      await popup.close();
    }
  });

  it('the source viewer shows a document and scrolls to #statement-ID', async () => {
    const id = '004_a203b281c93f1569:st:3333-5938';
    const viewer = await ctx.browser.openExtensionPage(`viewer.html?doc=004_a203b281c93f1569#statement-${encodeURIComponent(id)}`);
    try {
      const seen = await waitFor(
        () =>
          viewer.evaluate((sid: string) => {
            const el = document.getElementById(`statement-${sid}`);
            if (!el) return null;
            const r = el.getBoundingClientRect();
            return {
              target: el.classList.contains('target'),
              speaker: el.querySelector('.speaker-label')?.textContent ?? '',
              inView: r.top >= 0 && r.top < window.innerHeight,
              title: document.querySelector('h1')?.textContent ?? '',
              mentions: document.querySelectorAll('mark.mention').length,
            };
          }, id),
        'the statement',
      );
      expect(seen.title).toMatch(/^Foreign Minister Sergey Lavrov’s remarks/);
      expect(seen.target).toBe(true);
      expect(seen.speaker).toBe('Sergey Lavrov (answer)');
      expect(seen.inView).toBe(true);
      expect(seen.mentions).toBeGreaterThan(20);
      await viewer.screenshot(`viewer-${name}.png`, { fullPage: false });
    } finally {
      await viewer.close();
    }
  });
});
