// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { collectText } from '../../../lib/dom/collect';
import { Highlighter, MARK_TAG } from '../../../lib/dom/highlighter';
import { marksAt, rangesAt } from '../../../lib/dom/hit-test';
import type { Entry } from '../../../lib/dom/paint';
import { rangeFromOffsets } from '../../../lib/dom/ranges';
import { FakeHighlight, installHighlightApi, uninstallHighlightApi } from '../fake-highlight-api';

// Hit-testing answers which drawn entries lie under a viewport point, in either mode.

afterEach(() => {
  uninstallHighlightApi();
  document.body.innerHTML = '';
  delete (document as { elementFromPoint?: unknown }).elementFromPoint;
  delete (document as { caretRangeFromPoint?: unknown }).caretRangeFromPoint;
});

function rangeOf(phrase: string): Range {
  const ix = collectText(document.body);
  const at = ix.text.indexOf(phrase);
  return rangeFromOffsets(ix, at, at + phrase.length)!;
}
const entryFor = (id: string, range: Range): Entry => ({ item: { id, range, style: 'x' }, marks: [], shard: null });
/** A range that reports one client rect. */
function placed(range: Range, rect: { left: number; top: number; right: number; bottom: number }): Range {
  Object.defineProperty(range, "getClientRects", { value: () => [rect] });
  return range;
}

describe('marksAt (wrap mode)', () => {
  it('finds the entries of the marks around the element under the point, innermost first', () => {
    document.body.innerHTML = '<p>Ministers of the CSTO met.</p>';
    const hl = new Highlighter({ mode: 'wrap', styles: false });
    hl.add([
      { id: 'note', range: rangeOf('of the CSTO met'), style: 'note-yellow' },
      { id: 'csto', range: rangeOf('CSTO'), style: 'organization' },
    ]);
    const inner = [...document.querySelectorAll(MARK_TAG)].find((m) => m.textContent === 'CSTO' && m.querySelector(MARK_TAG) === null)!;
    const outside = document.querySelector('p')!;
    const byMark = (hl as unknown as { wrapPainter: { byMark: WeakMap<Element, Entry> } }).wrapPainter.byMark;
    (document as { elementFromPoint?: unknown }).elementFromPoint = () => inner;
    expect([...marksAt(document, 1, 1, byMark)].map((e) => e.item.id)).toEqual(['csto', 'note']);
    expect(hl.itemsAt(1, 1).map((i) => i.id)).toEqual(['csto', 'note']); // shortest first
    (document as { elementFromPoint?: unknown }).elementFromPoint = () => outside;
    expect(marksAt(document, 1, 1, byMark).size).toBe(0);
  });
});

describe('rangesAt (highlight-api)', () => {
  const cases: [string, (a: Range, b: Range, hl: FakeHighlight) => Record<string, unknown>][] = [
    ['highlightsFromPoint answering ranges', (a, _b, hl) => ({ highlightsFromPoint: () => [{ highlight: hl, ranges: [a] }] })],
    ['highlightsFromPoint answering Highlights (older shape): tested by geometry', (_a, _b, hl) => ({ highlightsFromPoint: () => [hl] })],
    ['no highlightsFromPoint: caret and geometry', () => ({})],
  ];
  it.each(cases)('%s', (_what, api) => {
    document.body.innerHTML = '<p>Ministers of the CSTO met in Moscow.</p>';
    const a = placed(rangeOf('CSTO'), { left: 0, top: 0, right: 10, bottom: 10 });
    const b = placed(rangeOf('Moscow'), { left: 50, top: 0, right: 60, bottom: 10 });
    const hl = new FakeHighlight(a, b);
    const registry = installHighlightApi(api(a, b, hl));
    const text = document.querySelector('p')!.firstChild!;
    (document as { caretRangeFromPoint?: unknown }).caretRangeFromPoint = (x: number) => {
      const r = document.createRange();
      r.setStart(text, x < 20 ? 19 : 33); // inside "CSTO" or inside "Moscow"
      return r;
    };
    const byRange = new Map<AbstractRange, Entry>([
      [a, entryFor('csto', a)],
      [b, entryFor('moscow', b)],
    ]);
    expect([...rangesAt(document, 5, 5, registry as never, byRange)].map((e) => e.item.id)).toEqual(['csto']);
    if (!('highlightsFromPoint' in registry) || _what.includes('older')) {
      expect([...rangesAt(document, 55, 5, registry as never, byRange)].map((e) => e.item.id)).toEqual(['moscow']);
      expect(rangesAt(document, 30, 50, registry as never, byRange).size).toBe(0);
    }
  });
});
