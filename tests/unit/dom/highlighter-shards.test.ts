// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectText } from '../../../lib/dom/collect';
import { RangeMaker } from '../../../lib/dom/ranges';
import { installHighlightApi, uninstallHighlightApi, type FakeRegistry } from '../fake-highlight-api';
import { buildCss, Highlighter, SHARD_RANGES, shardName, type HighlightItem } from '../../../lib/dom/highlighter';

let registry: FakeRegistry;

beforeEach(() => {
  registry = installHighlightApi();
});
afterEach(() => {
  uninstallHighlightApi();
  document.body.innerHTML = '';
  document.head.innerHTML = '';
  (document as Document & { adoptedStyleSheets: CSSStyleSheet[] }).adoptedStyleSheets = [];
});

/** `n` mentions of "CSTO" and of "Russia", one per paragraph. */
function page(n: number): HighlightItem[] {
  document.body.innerHTML = Array.from({ length: n }, () => '<p>The CSTO and Russia.</p>').join('');
  const ix = collectText(document.body);
  const maker = new RangeMaker(ix);
  const items: HighlightItem[] = [];
  for (let i = 0, at = 0; i < n; i++) {
    const c = ix.text.indexOf('CSTO', at);
    const r = ix.text.indexOf('Russia', at);
    items.push({ id: `c${i}`, range: maker.make(c, c + 4)!, style: 'organization' });
    items.push({ id: `r${i}`, range: maker.make(r, r + 6)!, style: 'country' });
    at = r + 6;
  }
  return items;
}

const total = () => [...registry.values()].reduce((n, h) => n + h.size, 0);

describe('Highlighter: big pages (parts of at most SHARD_RANGES ranges, shown later with defer)', () => {
  it('add() splits a style with many ranges into parts, each registered under its own name with rules', () => {
    const items = page(SHARD_RANGES + 10);
    const h = new Highlighter({ mode: 'highlight-api' });
    expect(h.add(items)).toBe(items.length);
    expect(registry.get('csto-lens-organization')!.size).toBe(SHARD_RANGES);
    expect(registry.get('csto-lens-organization--1')!.size).toBe(10);
    expect(registry.get('csto-lens-country--1')!.size).toBe(10);
    expect(total()).toBe(items.length);
    expect(h.hidden).toBe(0);
    // every part is styled like the first
    const css = buildCss(['organization'], new Map([['organization', 2]]));
    expect(css).toContain('::highlight(csto-lens-organization),::highlight(csto-lens-organization--1)');
    expect(shardName('person', 0)).toBe('csto-lens-person');
    expect(shardName('person', 3)).toBe('csto-lens-person--3');
  });

  it('defer fills the highlights without registering them; showNext() shows one part at a time', () => {
    const items = page(SHARD_RANGES + 1);
    const h = new Highlighter({ mode: 'highlight-api' });
    expect(h.add(items.slice(0, 100), { defer: true })).toBe(100);
    expect(h.add(items.slice(100), { defer: true })).toBe(items.length - 100);
    expect(registry.size).toBe(0);
    expect(h.size).toBe(items.length);
    expect(h.hidden).toBe(4);
    let shown = 0;
    while (h.showNext()) shown++;
    expect(shown).toBe(4);
    expect(h.showNext()).toBe(false);
    expect(total()).toBe(items.length);
  });

  it('a later add without defer shows what is still hidden; removal and clear() reach every part', () => {
    const items = page(SHARD_RANGES + 5);
    const h = new Highlighter({ mode: 'highlight-api' });
    h.add(items, { defer: true });
    expect(registry.size).toBe(0);
    expect(h.remove(['c0', `c${SHARD_RANGES + 4}`])).toBe(2);
    h.add([{ id: 'flash', range: items[2]!.range.cloneRange(), style: 'flash' }]);
    expect(h.hidden).toBe(0);
    expect(total()).toBe(items.length - 2 + 1);
    expect(h.removeWhere((i) => i.style === 'organization')).toBe(SHARD_RANGES + 3);
    expect(registry.get('csto-lens-organization')!.size + registry.get('csto-lens-organization--1')!.size).toBe(0);
    h.clear();
    expect(registry.size).toBe(0);
    expect(h.size).toBe(0);
  });

  it('checked skips the drawable test (the caller vouches); without it a stale range is skipped', () => {
    const items = page(2);
    const h = new Highlighter({ mode: 'highlight-api' });
    items[0]!.range.collapse(true);
    expect(h.add([items[0]!])).toBe(0);
    expect(h.add([items[1]!], { checked: true })).toBe(1);
  });

  it('the same item ids replace earlier items across parts', () => {
    const items = page(10);
    const h = new Highlighter({ mode: 'highlight-api' });
    h.add(items);
    h.add(items.map((i) => ({ ...i, range: i.range.cloneRange() })));
    expect(h.size).toBe(items.length);
    expect(total()).toBe(items.length);
  });
});
