// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { ENTITY_TYPES } from '../../../lib/model/types';
import { PageController } from '../../../lib/page/controller';
import { FakeHighlight, installHighlightApi, uninstallHighlightApi } from '../fake-highlight-api';
import { testMatcher } from './test-matcher';

// speed (issue 13): the first screen of a long page is matched and drawn from the first part of
// its text while the rest is still being read; the full pass reuses that match and draws every
// other mention once (none twice, none missed).

const aborts: AbortController[] = [];
const restore: (() => void)[] = [];
afterEach(() => {
  for (const a of aborts.splice(0)) a.abort();
  for (const r of restore.splice(0)) r();
  uninstallHighlightApi();
  document.body.innerHTML = '';
});

const N = 800; // ~32,000 characters: several chunks, and a read that takes more than one slice
const PAGE = Array.from({ length: N }, (_, i) => `<p data-i="${i}">Paragraph ${i}: the CSTO met in Moscow.</p>`).join('');
const paragraphOf = (r: AbstractRange) => Number((r.startContainer.parentElement?.closest('p') as HTMLElement).dataset.i);

function recordDrawing(): number[] {
  const order: number[] = [];
  const add = FakeHighlight.prototype.add;
  FakeHighlight.prototype.add = function (this: FakeHighlight, r: AbstractRange) {
    order.push(paragraphOf(r));
    return add.call(this, r);
  };
  restore.push(() => (FakeHighlight.prototype.add = add));
  return order;
}

function start(viewport: (r: Range) => number, extra: { firstMentionOnly?: boolean } = {}) {
  const abort = new AbortController();
  aborts.push(abort);
  const sent: string[] = [];
  const match = async (t: string) => {
    sent.push(t);
    return testMatcher.match(t);
  };
  const c = new PageController({ match, report: () => {} }, { document, signal: abort.signal, mode: 'highlight-api', types: new Set(ENTITY_TYPES), viewport, ...extra });
  return { c, sent };
}

describe('PageController: the first screen before the whole page is read', () => {
  it('draws the viewport from the first chunk, then every other mention exactly once, matching each part once', async () => {
    installHighlightApi();
    document.body.innerHTML = PAGE;
    const order = recordDrawing();
    const { c, sent } = start((r) => (paragraphOf(r) < 4 ? 0 : 1));
    await c.start();
    // Every mention drawn once: CSTO and Moscow in each paragraph.
    expect(order).toHaveLength(N * 2);
    expect(new Set(order).size).toBe(N);
    const perParagraph = new Map<number, number>();
    for (const i of order) perParagraph.set(i, (perParagraph.get(i) ?? 0) + 1);
    expect([...perParagraph.values()].every((n) => n === 2)).toBe(true);
    // The viewport first.
    expect(order.slice(0, 8).every((i) => i < 4)).toBe(true);
    // The first chunk was matched once (the full pass reused the preview's reply).
    expect(sent.filter((t) => t.startsWith('Paragraph 0:'))).toHaveLength(1);
    const state = c.state(true);
    expect(state.mentions).toBe(N * 2);
    const p = state.timing.phases!;
    // Shown before the last of the page was read.
    expect(p.firstScreen).toBeDefined();
    expect(p.firstScreen!).toBeLessThan(p.read);
  });

  it('a page whose first chunk holds no mention below the viewport finishes its first screen in the full pass', async () => {
    installHighlightApi();
    document.body.innerHTML = PAGE;
    const order = recordDrawing();
    const { c } = start((r) => (paragraphOf(r) < 300 ? 0 : 1)); // the viewport reaches past the first chunk
    await c.start();
    expect(order).toHaveLength(N * 2);
    expect(order.slice(0, 600).every((i) => i < 300)).toBe(true);
    const p = c.state(true).timing.phases!;
    expect(p.firstScreen!).toBeGreaterThanOrEqual(p.read);
  });

  it('with "first mention only" the early screen does not draw second mentions: one drawn per entity on a long page', async () => {
    installHighlightApi();
    document.body.innerHTML = PAGE;
    const order = recordDrawing();
    const { c } = start((r) => (paragraphOf(r) < 4 ? 0 : 1), { firstMentionOnly: true });
    await c.start();
    // CSTO and Moscow: one mention each drawn, both in the first paragraph; every mention still counted.
    expect(order).toEqual([0, 0]);
    expect(c.state(true).mentions).toBe(N * 2);
  });

  it('a failed preview still starts the page matcher loading, and leaves no unhandled rejection behind', async () => {
    installHighlightApi();
    document.body.innerHTML = PAGE;
    const abort = new AbortController();
    aborts.push(abort);
    let calls = 0;
    const match = async (t: string) => {
      if (calls++ === 0) throw new Error('the background is restarting'); // the preview's request
      return testMatcher.match(t);
    };
    const prefetched: number[] = [];
    const pageMatcher = { minChars: 20_000, prefetch: () => prefetched.push(calls), stats: () => ({ chunks: 0, readyAt: null, matchMs: 0 }) };
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    restore.push(() => process.off('unhandledRejection', onUnhandled));
    const c = new PageController({ match, report: () => {}, pageMatcher }, { document, signal: abort.signal, mode: 'highlight-api', types: new Set(ENTITY_TYPES), viewport: (r) => (paragraphOf(r) < 4 ? 0 : 1) });
    await c.start();
    await new Promise((r) => setTimeout(r, 0)); // where an unhandled rejection is reported
    expect(prefetched).toHaveLength(1);
    expect(prefetched[0]).toBeGreaterThanOrEqual(1); // after the preview's reply (its failure)
    expect(unhandled).toEqual([]);
    // The full pass matched the whole page anyway.
    expect(c.state(true).mentions).toBe(N * 2);
  });
});
