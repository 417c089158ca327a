// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { ENTITY_TYPES } from '../../../lib/model/types';
import { PageController } from '../../../lib/page/controller';
import type { PageReport } from '../../../lib/model/page';
import { FakeHighlight, installHighlightApi, uninstallHighlightApi } from '../fake-highlight-api';
import { testMatcher } from './test-matcher';

// Huge pages, visible first: the highlights on and near the viewport are drawn before the rest,
// and what the reader is told (the badge, the popup's list, "n mentions") counts every match
// meanwhile, drawn or not. The viewport is a predicate on ranges (jsdom has no layout).

const aborts: AbortController[] = [];
const restore: (() => void)[] = [];
afterEach(() => {
  for (const a of aborts.splice(0)) a.abort();
  for (const r of restore.splice(0)) r();
  uninstallHighlightApi();
  document.body.innerHTML = '';
});

const N = 120;
const PAGE = Array.from({ length: N }, (_, i) => `<p data-i="${i}">Paragraph ${i}: the CSTO met in Moscow.</p>`).join('');

/** The paragraph a range lies in. */
const paragraphOf = (r: AbstractRange) => Number((r.startContainer.parentElement?.closest('p') as HTMLElement).dataset.i);

/** A viewport over paragraphs [from, to]: -1 above, 0 on it, 1 below. */
const viewportOver = (from: number, to: number) => (r: Range) => {
  const i = paragraphOf(r);
  return i < from ? -1 : i > to ? 1 : 0;
};

/** Records the paragraph of every range, in the order the highlights receive them. */
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

function controller(viewport: (r: Range) => number, match = async (t: string) => testMatcher.match(t)) {
  const abort = new AbortController();
  aborts.push(abort);
  const reports: PageReport[] = [];
  const c = new PageController(
    { match, report: (r) => reports.push(r) },
    { document, signal: abort.signal, mode: 'highlight-api', types: new Set(ENTITY_TYPES), chunkChars: 600, viewport },
  );
  return { c, reports };
}

describe('PageController: visible first', () => {
  it.each([
    ['at the top', 0, 5],
    ['in the middle (the page was scrolled)', 60, 66],
    ['at the bottom', 114, 119],
  ])('the viewport %s: its mentions are drawn before any other, then the nearest first', async (_where, from, to) => {
    installHighlightApi();
    document.body.innerHTML = PAGE;
    const order = recordDrawing();
    const { c } = controller(viewportOver(from, to));
    await c.start();
    expect(order).toHaveLength(N * 2); // CSTO and Moscow in every paragraph
    const near = (to - from + 1) * 2;
    expect(order.slice(0, near).every((i) => i >= from && i <= to)).toBe(true);
    // Then below the viewport before what is far above it.
    const rest = order.slice(near);
    if (to < N - 1 && from > 0) expect(rest.indexOf(to + 1)).toBeLessThan(rest.indexOf(0));
    expect(new Set(order).size).toBe(N);
  });

  it('the counts use the matches: every mention counts (and is found by reveal) before it is drawn', async () => {
    const registry = installHighlightApi();
    document.body.innerHTML = PAGE;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let calls = 0;
    // The last chunk waits: meanwhile the mentions found so far, all below the viewport, wait too.
    const { c } = controller(
      () => 1,
      async (t) => {
        if (++calls === 3) await gate;
        return testMatcher.match(t);
      },
    );
    const done = c.start();
    await new Promise((r) => setTimeout(r, 50));
    const counted = c.report().mentions;
    expect(counted).toBeGreaterThan(0);
    expect(c.drawnCount).toBe(0);
    expect(registry.size).toBe(0);
    expect(c.mentions()).toHaveLength(counted);
    expect(c.mentionCount('org:csto')).toBe(counted / 2);
    Element.prototype.scrollIntoView ??= () => {}; // jsdom has no layout
    const shown = c.reveal('place:moscow', 2);
    expect(shown?.range.toString()).toBe('Moscow');
    expect(shown?.index).toBe(2);
    release();
    await done;
    expect(c.drawnCount).toBe(N * 2 + 1); // and the flash reveal() drew
    expect(c.report()).toEqual({ entities: 2, mentions: N * 2, partial: false });
  });
});
