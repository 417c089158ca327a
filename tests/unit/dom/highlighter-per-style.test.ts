// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectText } from '../../../lib/dom/collect';
import { RangeMaker } from '../../../lib/dom/ranges';
import { installHighlightApi, uninstallHighlightApi, type FakeHighlight, type FakeRegistry } from '../fake-highlight-api';
import { Highlighter, SHARD_RANGES, type HighlightItem } from '../../../lib/dom/highlighter';
import { perStyle } from '../../../lib/dom/paint-per-style';

// Firefox's grouping (lib/dom/paint-per-style.ts): one Highlight a style however many ranges it
// holds; what is drawn at once goes into the registered one, what is deferred waits until
// showNext() registers every style again, whole, the largest first.

let registry: FakeRegistry;
/** Every registry.set, in order: [name, ranges]. */
let sets: [string, number][];

beforeEach(() => {
  registry = installHighlightApi();
  sets = [];
  const set = registry.set.bind(registry);
  registry.set = (name: string, hl: FakeHighlight) => {
    sets.push([name, hl.size]);
    return set(name, hl);
  };
});
afterEach(() => {
  uninstallHighlightApi();
  document.body.innerHTML = '';
  document.head.innerHTML = '';
  (document as Document & { adoptedStyleSheets: CSSStyleSheet[] }).adoptedStyleSheets = [];
});

/** `n` paragraphs, each with one organization, one country, and every third one person. */
function page(n: number): HighlightItem[] {
  document.body.innerHTML = Array.from({ length: n }, () => '<p>The CSTO and Russia, said Lavrov.</p>').join('');
  const ix = collectText(document.body);
  const maker = new RangeMaker(ix);
  const items: HighlightItem[] = [];
  let at = 0;
  for (let i = 0; i < n; i++) {
    for (const [word, style] of [['CSTO', 'organization'], ['Russia', 'country'], ['Lavrov', 'person']] as const) {
      const s = ix.text.indexOf(word, at);
      at = s + word.length;
      if (style === 'person' && i % 3) continue;
      items.push({ id: `${style}${i}`, range: maker.make(s, s + word.length)!, style });
    }
  }
  return items;
}

const texts = (name: string) => [...(registry.get(name) ?? [])].map((r) => (r as Range).toString());

describe('Highlighter grouping per-style (Firefox)', () => {
  it('a style of more than SHARD_RANGES ranges stays one Highlight', () => {
    const items = page(SHARD_RANGES + 20);
    const h = new Highlighter({ mode: 'highlight-api', grouping: perStyle });
    expect(h.add(items)).toBe(items.length);
    expect([...registry.keys()].sort()).toEqual(['csto-lens-country', 'csto-lens-organization', 'csto-lens-person']);
    expect(registry.get('csto-lens-organization')!.size).toBe(SHARD_RANGES + 20);
    expect(h.hidden).toBe(0);
  });

  it('what is drawn at once joins its registered Highlight; deferred ranges wait, then showNext() registers all, largest first', () => {
    const items = page(30);
    const h = new Highlighter({ mode: 'highlight-api', grouping: perStyle });
    // the first screen: shown at once
    h.add(items.slice(0, 7)); // paragraphs 0-2
    const first = registry.get('csto-lens-organization')!;
    expect(first.size).toBe(3);
    // a scroll draws more at once: into the same registered Highlight, no new registration
    const before = sets.length;
    h.add(items.slice(7, 10)); // paragraph 3
    expect(registry.get('csto-lens-organization')).toBe(first);
    expect(first.size).toBe(4);
    expect(sets.length).toBe(before);
    // the rest is deferred: nothing new is registered, and an add without defer does not show it
    h.add(items.slice(10, 60), { defer: true });
    h.add(items.slice(60));
    expect(h.hidden).toBe(1);
    expect(first.size).toBe(4 + items.slice(60).filter((i) => i.style === 'organization').length);
    sets = [];
    expect(h.showNext()).toBe(true);
    expect(h.showNext()).toBe(false);
    expect(h.hidden).toBe(0);
    // each style registered once, whole, the largest first
    expect(sets).toEqual([
      ['csto-lens-organization', 30],
      ['csto-lens-country', 30],
      ['csto-lens-person', 10],
    ]);
    expect(texts('csto-lens-person')).toEqual(Array(10).fill('Lavrov'));
    expect(h.registrations.map(([n]) => n)).toEqual([3, 3, 1, 30, 30, 10]);
  });

  it('erasing reaches waiting and shown ranges alike, before and after showNext(); clear() unregisters', () => {
    const items = page(12);
    const h = new Highlighter({ mode: 'highlight-api', grouping: perStyle });
    h.add(items.slice(0, 3));
    h.add(items.slice(3), { defer: true });
    expect(h.remove(['organization0', 'organization5'])).toBe(2); // one shown, one waiting
    expect(registry.get('csto-lens-organization')!.size).toBe(0);
    h.showNext();
    expect(registry.get('csto-lens-organization')!.size).toBe(10);
    expect(h.removeWhere((i) => i.style === 'country')).toBe(12);
    expect(registry.get('csto-lens-country')!.size).toBe(0);
    expect(h.rangeOf('person3')!.toString()).toBe('Lavrov');
    h.clear();
    expect(registry.size).toBe(0);
    expect(h.registrations).toEqual([]);
  });

  it('priorities carry over to the Highlight registered again', () => {
    const items = page(4);
    const h = new Highlighter({ mode: 'highlight-api', grouping: perStyle, priorities: { person: 5 } });
    h.add(items.slice(0, 3));
    h.add(items.slice(3), { defer: true });
    h.showNext();
    expect(registry.get('csto-lens-person')!.priority).toBe(5);
    expect(registry.get('csto-lens-organization')!.priority).toBe(0);
  });

  it('parts (the default) still splits and shows a part at a time', () => {
    const items = page(SHARD_RANGES + 1);
    const h = new Highlighter({ mode: 'highlight-api' });
    h.add(items, { defer: true });
    expect(h.hidden).toBeGreaterThan(1);
    let shown = 0;
    while (h.showNext()) shown++;
    expect(shown).toBeGreaterThan(2);
    expect(registry.has('csto-lens-organization--1')).toBe(true);
  });
});
