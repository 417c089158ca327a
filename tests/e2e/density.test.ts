// Density, dark pages and visible text (issue 14.5, 14.9, 14.10) in real browsers, on density.html:
// a dark news page whose chrome names entities, with an on-screen headline strip under aria-hidden.
// - the strip is highlighted, its zero-size aria-hidden copy is not;
// - the tints are the dark-page ones while the page is dark (whatever the system's setting: the test
//   browsers run with a light one), and the light-page ones once the page switches to light;
// - "first mention only" draws one mention per entity while every mention still counts;
// - "article body only" draws only in the article's headline and paragraphs.
// (Delete then undo on the page: tests/e2e/notes.test.ts, in the note editor frame.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestPage } from './browsers.ts';
import { fixtureUrl, selectedBrowsers, useBrowser } from './harness.ts';
import { askPageState, openControl, setSettings, waitForPageState, type PageStateResult } from './page-tools.ts';

const EXPECTED = JSON.parse(readFileSync(join(process.cwd(), 'tests/fixtures/pages/expected.json'), 'utf8'))['density.html'] as {
  mentions: string[];
  strip: string[];
  chrome: string[];
  hiddenCopy: string[];
};

interface Drawn {
  style: string;
  text: string;
  /** The id of the nearest element with one (article, strip, comments, ...), and its class. */
  where: string;
  cls: string;
}

/** Entity highlights drawn on the page, in document order, with where each one is. */
function drawn(page: TestPage): Promise<Drawn[]> {
  return page.evaluate(() => {
    const out: { style: string; text: string; node: Node; offset: number }[] = [];
    const reg = (globalThis as unknown as { CSS?: { highlights?: Map<string, Set<Range>> } }).CSS?.highlights;
    for (const [name, hl] of reg ?? []) {
      if (!name.startsWith('csto-lens-') || name === 'csto-lens-flash' || name.startsWith('csto-lens-note-')) continue;
      for (const r of hl) out.push({ style: name.slice('csto-lens-'.length).replace(/--\d+$/, ''), text: r.toString(), node: r.startContainer, offset: r.startOffset });
    }
    for (const m of document.querySelectorAll('csto-lens-mark')) out.push({ style: m.getAttribute('data-type') ?? '', text: m.textContent ?? '', node: m, offset: 0 });
    out.sort((a, b) => (a.node === b.node ? a.offset - b.offset : a.node.compareDocumentPosition(b.node) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    return out.map((h) => {
      const el = h.node.nodeType === 1 ? (h.node as Element) : h.node.parentElement;
      const box = el?.closest('[id]');
      return { style: h.style, text: h.text, where: box?.id ?? '', cls: el?.closest('[class]')?.className ?? '' };
    });
  });
}

/**
 * What a person sees behind a highlight of `style`: the commonest pixel of a screenshot inside its
 * first range on screen (the tint over the page, between the glyphs), and the page's own background
 * there. (Not the stylesheet's rules: Firefox 140.12 does not let the page read the sheet a content
 * script adopted, and what counts is what is painted.)
 */
async function shownTint(page: TestPage, style: string, file: string): Promise<{ seen: number[]; background: number[] } | null> {
  const where = await page.evaluate((name: string) => {
    const reg = (globalThis as unknown as { CSS?: { highlights?: Map<string, Set<Range>> } }).CSS?.highlights;
    for (const [key, hl] of reg ?? []) {
      if (key !== name && !key.startsWith(`${name}--`)) continue;
      for (const r of hl) {
        const box = r.getBoundingClientRect();
        if (box.width < 8 || box.top < 0 || box.bottom > innerHeight || box.left < 0 || box.right > innerWidth) continue;
        let el: Element | null = r.startContainer.parentElement;
        let bg = 'rgb(255, 255, 255)';
        for (; el; el = el.parentElement) {
          const c = getComputedStyle(el).backgroundColor;
          if (c !== 'transparent' && !/rgba\(.*, 0\)$/.test(c)) {
            bg = c;
            break;
          }
        }
        return { x: box.left, y: box.top, w: box.width, h: box.height, bg, dpr: devicePixelRatio };
      }
    }
    return null;
  }, `csto-lens-${style}`);
  if (!where) return null;
  const png = PNG.sync.read(readFileSync(await page.screenshot(file)));
  const counts = new Map<string, number>();
  const k = where.dpr;
  for (let y = Math.ceil((where.y + 1) * k); y < Math.floor((where.y + where.h - 1) * k); y++) {
    for (let x = Math.ceil((where.x + 1) * k); x < Math.floor((where.x + where.w - 1) * k); x++) {
      const i = (y * png.width + x) * 4;
      const key = `${png.data[i]},${png.data[i + 1]},${png.data[i + 2]}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const top = [...counts].sort((p, q) => q[1] - p[1])[0];
  if (!top) return null;
  return { seen: top[0].split(',').map(Number), background: where.bg.match(/[\d.]+/g)!.slice(0, 3).map(Number) };
}

/** The tint [r, g, b, alpha] over the background, as painted; within a few levels (rounding). */
function expectTint(shown: { seen: number[]; background: number[] } | null, tint: [number, number, number, number]): void {
  expect(shown).not.toBeNull();
  const want = shown!.background.map((b, i) => b * (1 - tint[3]) + tint[i]! * tint[3]);
  shown!.seen.forEach((v, i) => expect(Math.abs(v - want[i]!), `channel ${i}: seen ${shown!.seen}, want ${want.map(Math.round)} (${tint} over ${shown!.background})`).toBeLessThanOrEqual(4));
}

const near = (shown: { seen: number[]; background: number[] } | null, tint: [number, number, number, number]) =>
  !!shown && shown.background.every((b, i) => Math.abs(shown.seen[i]! - (b * (1 - tint[3]) + tint[i]! * tint[3])) <= 4);

/** The stylesheet's tints for countries: on a dark page, and on a light one. */
const DARK_COUNTRY: [number, number, number, number] = [74, 222, 128, 0.3];
const LIGHT_COUNTRY: [number, number, number, number] = [22, 163, 74, 0.22];

const scanned = (s: PageStateResult) => s.active && s.scans >= 1;

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, what: string, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  let last: T = await fn();
  while (!ok(last)) {
    if (Date.now() > end) throw new Error(`${what}: never; last ${JSON.stringify(last).slice(0, 600)}`);
    await new Promise((r) => setTimeout(r, 200));
    last = await fn();
  }
  return last;
}

describe.each(selectedBrowsers())('%s density and dark pages', (name, launch) => {
  const ctx = useBrowser(name, launch);
  let ext: TestPage;
  const url = fixtureUrl('density.html');

  beforeAll(async () => {
    ext = await openControl(ctx.browser);
  });
  afterAll(async () => {
    await setSettings(ext, { firstMentionOnly: false, articleBodyOnly: false }).catch(() => {});
  });

  it('the aria-hidden strip on screen is highlighted, its zero-size copy is not; dark tints on the dark page, light ones after it switches', async () => {
    await setSettings(ext, { firstMentionOnly: false, articleBodyOnly: false });
    const page = await ctx.browser.newPage();
    try {
      await page.goto(url);
      const state = await waitForPageState(ext, url, scanned);
      const all = await until(() => drawn(page), (d) => d.length === state.mentions, 'every mention drawn');
      expect(all.filter((h) => h.where === 'strip').map((h) => h.text)).toEqual(EXPECTED.strip);
      expect(all.filter((h) => h.where === 'copy')).toEqual([]);
      expect(all.filter((h) => h.text === 'Tajikistan').map((h) => h.cls)).toEqual(['wrap']); // the side column's only

      // The system is light; the page is dark: the dark-page tints.
      expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(false);
      const mode = (await askPageState(ext, url))!.mode;
      if (mode === 'highlight-api') {
        expectTint(await shownTint(page, 'country', `density-dark-${name}.png`), DARK_COUNTRY);
        expectTint(await shownTint(page, 'organization', `density-dark-${name}.png`), [96, 165, 250, 0.3]);
      }
      await page.screenshot(`density-dark-${name}.png`);

      await page.click('#theme');
      expect(await page.evaluate(() => document.documentElement.className)).toBe('');
      if (mode === 'highlight-api') {
        const light = await until(() => shownTint(page, 'country', `density-light-${name}.png`), (t) => near(t, LIGHT_COUNTRY), 'light-page tints after the switch');
        expectTint(light, LIGHT_COUNTRY);
        expect(near(light, DARK_COUNTRY)).toBe(false);
      }
      await page.screenshot(`density-light-${name}.png`);
    } finally {
      await page.close();
    }
  });

  it('the card on the dark page is dark, with text at the page\'s reading size (16 px here, never below 14)', async () => {
    await setSettings(ext, { firstMentionOnly: false, articleBodyOnly: false });
    const page = await ctx.browser.newPage();
    try {
      await page.goto(url);
      await waitForPageState(ext, url, scanned);
      const at = await until(
        () =>
          page.evaluate(() => {
            const hl = (globalThis as unknown as { CSS: { highlights: Map<string, Set<Range>> } }).CSS.highlights.get('csto-lens-person');
            for (const r of hl ?? []) {
              if (r.toString() !== 'Sergey Lavrov') continue;
              const b = r.getClientRects()[0]!;
              return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
            }
            return null;
          }),
        (v) => v !== null,
        'Sergey Lavrov drawn',
      );
      await (page.raw as unknown as { mouse: { move(x: number, y: number): Promise<void> } }).mouse.move(at!.x, at!.y);
      const card = await until(
        () =>
          page.evaluate(() => {
            const root = document.querySelector('csto-lens-ui')?.shadowRoot;
            const card = root?.querySelector<HTMLElement>('.card');
            if (!card || !card.querySelector('.description')) return null;
            const cs = getComputedStyle(card);
            const small = [...card.querySelectorAll<HTMLElement>('.source, .type, h3')].map((e) => parseFloat(getComputedStyle(e).fontSize));
            return {
              theme: root!.querySelector<HTMLElement>('.root')?.dataset.theme,
              background: cs.backgroundColor,
              fontSize: parseFloat(cs.fontSize),
              smallest: Math.min(...small),
            };
          }),
        (v) => v !== null,
        'the card',
      );
      expect(card).toMatchObject({ theme: 'dark', background: 'rgb(27, 32, 40)', fontSize: 16 });
      expect(card!.smallest).toBeGreaterThanOrEqual(12);
      await page.screenshot(`density-dark-card-${name}.png`);
    } finally {
      await page.close();
    }
  });

  it('first mention only: one highlight per entity, every mention still counted', async () => {
    const page = await ctx.browser.newPage();
    try {
      await page.goto(url);
      const full = await waitForPageState(ext, url, scanned);
      await setSettings(ext, { firstMentionOnly: true, articleBodyOnly: false });
      const d = await until(() => drawn(page), (x) => x.length === full.entities, 'one highlight per entity');
      const after = await waitForPageState(ext, url, scanned);
      expect(after.mentions).toBe(full.mentions);
      expect(after.list.map((e) => [e.entityId, e.count])).toEqual(full.list.map((e) => [e.entityId, e.count]));
      expect(d.length).toBeLessThan(after.mentions);
      expect(new Set(d.map((h) => h.text)).size).toBe(d.length); // here no two aliases of one entity come first
      // The first CSTO is the banner's navigation's; the strip's and the article's are counted, not drawn.
      expect(d.find((h) => h.text === 'CSTO')?.cls).toBe('main');
      expect(d.filter((h) => h.where === 'article').map((h) => h.text)).not.toContain('CSTO');
      expect(full.list.find((e) => e.entityId.endsWith(':csto'))!.count).toBeGreaterThan(5);
      await page.screenshot(`density-first-mention-${name}.png`);
    } finally {
      await setSettings(ext, { firstMentionOnly: false });
      await page.close();
    }
  });

  it('article body only: the headline and paragraphs are highlighted, the chrome around them is not', async () => {
    const page = await ctx.browser.newPage();
    try {
      await setSettings(ext, { firstMentionOnly: false, articleBodyOnly: true });
      await page.goto(url);
      const state = await waitForPageState(ext, url, scanned);
      const d = await until(() => drawn(page), (x) => x.length === state.mentions, 'every mention drawn');
      expect(d.length).toBeGreaterThan(0);
      for (const h of d) {
        expect(h.where, h.text).toBe('article');
        expect(h.cls, h.text).not.toMatch(/meta|byline|share/);
      }
      // Every mention of the article's text is drawn, in order (the knowledge base may draw a longer
      // name around one, "CSTO secretariat"), and nothing of the chrome's.
      let found = 0;
      for (const h of d) if (found < EXPECTED.mentions.length && h.text.includes(EXPECTED.mentions[found]!)) found++;
      expect(found).toBe(EXPECTED.mentions.length);
      await page.screenshot(`density-article-body-${name}.png`, { fullPage: true });
    } finally {
      await setSettings(ext, { articleBodyOnly: false });
      await page.close();
    }
  });
});
