// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { collectText } from '../../../lib/dom/collect';
import { rangeFromOffsets } from '../../../lib/dom/ranges';
import {
  BASE_CSS,
  buildCss,
  HIGHLIGHT_PREFIX,
  highlightName,
  Highlighter,
  MARK_TAG,
  StyleInjector,
  supportsHighlightApi,
  type HighlightItem,
} from '../../../lib/dom/highlighter';
import { ENTITY_TYPES } from '../../../lib/model/types';
import { FakeHighlight, installHighlightApi, uninstallHighlightApi } from '../fake-highlight-api';

function setup(html: string) {
  document.body.innerHTML = html;
  return collectText(document.body);
}

/** Range over the n-th occurrence of phrase in the page text. */
function find(phrase: string, nth = 0): Range {
  const ix = collectText(document.body);
  let at = -1;
  for (let i = 0; i <= nth; i++) at = ix.text.indexOf(phrase, at + 1);
  if (at < 0) throw new Error(`not found: ${phrase}`);
  const r = rangeFromOffsets(ix, at, at + phrase.length);
  if (!r) throw new Error('no range');
  return r;
}

function observeAll() {
  const records: MutationRecord[] = [];
  const mo = new MutationObserver((r) => records.push(...r));
  mo.observe(document.documentElement, { childList: true, subtree: true, characterData: true, attributes: true });
  return () => {
    records.push(...mo.takeRecords());
    mo.disconnect();
    return records;
  };
}

afterEach(() => {
  uninstallHighlightApi();
  document.body.innerHTML = '';
  document.head.innerHTML = '';
  vi.restoreAllMocks();
});

describe('mode selection', () => {
  it('uses the highlight API when CSS.highlights exists', () => {
    installHighlightApi();
    expect(supportsHighlightApi(document)).toBe(true);
    expect(new Highlighter({ styles: false }).mode).toBe('highlight-api');
  });

  it('falls back to wrap mode without it', () => {
    expect(supportsHighlightApi(document)).toBe(false);
    expect(new Highlighter({ styles: false }).mode).toBe('wrap');
  });

  it('refuses highlight-api mode where the API is missing', () => {
    expect(() => new Highlighter({ mode: 'highlight-api', styles: false })).toThrow();
  });
});

describe('highlight-api mode', () => {
  let registry: Map<string, FakeHighlight>;
  beforeEach(() => {
    registry = installHighlightApi();
  });

  const html =
    '<p>Jonas Gardner said the Collective Security <b>Treaty</b> Organization (CSTO) ' +
    'will hold <i>Interaction-2024</i> in Belarus.</p><p>The CSTO summit.</p>';

  it('registers ranges under csto-lens-<style> without touching the DOM', () => {
    setup(html);
    const before = document.body.innerHTML;
    const stop = observeAll();
    const h = new Highlighter({ styles: false });
    const csto = find('Collective Security Treaty Organization');
    const acr = find('CSTO');
    const ex = find('Interaction-2024');
    expect(
      h.add([
        { id: 'm1', range: csto, style: 'organization', entityId: 'csto' },
        { id: 'm2', range: acr, style: 'organization', entityId: 'csto' },
        { id: 'm3', range: ex, style: 'exercise', entityId: 'interaction' },
      ]),
    ).toBe(3);
    expect(stop()).toEqual([]);
    expect(document.body.innerHTML).toBe(before);
    const org = registry.get('csto-lens-organization')!;
    expect([...org]).toEqual([csto, acr]);
    expect([...registry.get('csto-lens-exercise')!]).toEqual([ex]);
    expect(h.entityIdOf(csto)).toBe('csto');
    expect(h.entityIdOf(ex)).toBe('interaction');
    expect(h.rangesFor('organization')).toEqual([csto, acr]);
    expect(h.items().map((i) => i.id)).toEqual(['m1', 'm2', 'm3']);
  });

  it('removes by predicate and clears its registry entries only', () => {
    setup(html);
    registry.set('someone-else', new FakeHighlight());
    const h = new Highlighter({ styles: false });
    h.add([
      { id: 'a', range: find('CSTO'), style: 'organization', entityId: 'csto' },
      { id: 'b', range: find('CSTO', 1), style: 'organization', entityId: 'csto' },
      { id: 'c', range: find('Belarus'), style: 'country', entityId: 'belarus' },
    ]);
    expect(h.removeWhere((i) => i.entityId === 'csto')).toBe(2);
    expect(registry.get('csto-lens-organization')!.size).toBe(0);
    expect(registry.get('csto-lens-country')!.size).toBe(1);
    expect(h.items().map((i) => i.id)).toEqual(['c']);
    h.clear();
    expect([...registry.keys()]).toEqual(['someone-else']);
    expect(h.size).toBe(0);
  });

  it('replaces an item added again with the same id', () => {
    setup(html);
    const h = new Highlighter({ styles: false });
    const r1 = find('CSTO');
    const r2 = find('Belarus');
    h.add([{ id: 'x', range: r1, style: 'organization' }]);
    h.add([{ id: 'x', range: r2, style: 'country' }]);
    expect(registry.get('csto-lens-organization')!.size).toBe(0);
    expect([...registry.get('csto-lens-country')!]).toEqual([r2]);
  });

  it('skips ranges that are collapsed or detached', () => {
    setup(html);
    const h = new Highlighter({ styles: false });
    const gone = find('Belarus');
    document.querySelector('p')!.remove();
    const collapsed = find('CSTO');
    collapsed.collapse(true);
    expect(h.add([{ id: 'g', range: gone, style: 'country' }, { id: 'c', range: collapsed, style: 'organization' }])).toBe(0);
  });

  it('gives notes a higher priority than entities', () => {
    setup(html);
    const h = new Highlighter({ styles: false, priorities: { person: 3 } });
    h.add([
      { id: 'n', range: find('CSTO'), style: 'note-yellow' },
      { id: 'o', range: find('CSTO', 1), style: 'organization' },
      { id: 'p', range: find('Jonas Gardner'), style: 'person' },
    ]);
    expect(registry.get('csto-lens-note-yellow')!.priority).toBeGreaterThan(registry.get('csto-lens-organization')!.priority);
    expect(registry.get('csto-lens-person')!.priority).toBe(3);
  });

  it('prunes items whose text the page removed', () => {
    setup(html);
    const h = new Highlighter({ styles: false });
    h.add([
      { id: 'a', range: find('Belarus'), style: 'country' },
      { id: 'b', range: find('summit'), style: 'event' },
    ]);
    document.querySelector('p')!.remove(); // live range collapses
    expect(h.prune()).toBe(1);
    expect(h.items().map((i) => i.id)).toEqual(['b']);
  });

  it('hit-tests with highlightsFromPoint where present', () => {
    setup(html);
    const h = new Highlighter({ styles: false });
    const csto = find('CSTO');
    const org = find('Collective Security Treaty Organization');
    h.add([
      { id: 'a', range: org, style: 'organization', entityId: 'csto' },
      { id: 'b', range: csto, style: 'organization', entityId: 'csto' },
    ]);
    const hl = registry.get('csto-lens-organization')!;
    (registry as unknown as { highlightsFromPoint: unknown }).highlightsFromPoint = vi.fn(() => [
      { highlight: hl, ranges: [org] },
    ]);
    expect(h.itemsAt(10, 10).map((i) => i.id)).toEqual(['a']);
  });

  it('hit-tests with caret position and client rects otherwise', () => {
    setup(html);
    const h = new Highlighter({ styles: false });
    const acr = find('CSTO');
    const bel = find('Belarus');
    h.add([
      { id: 'a', range: acr, style: 'organization' },
      { id: 'b', range: bel, style: 'country' },
    ]);
    const rect = (l: number) => ({ left: l, right: l + 40, top: 0, bottom: 20 }) as DOMRect;
    Object.assign(document, {
      caretPositionFromPoint: () => ({ offsetNode: acr.startContainer, offset: acr.startOffset + 1 }),
    });
    Object.assign(Range.prototype, {
      getClientRects(this: Range) {
        return this.toString() === 'CSTO' ? [rect(100)] : [rect(300)];
      },
    });
    try {
      expect(h.itemsAt(110, 10).map((i) => i.id)).toEqual(['a']);
      expect(h.itemsAt(10, 10)).toEqual([]); // caret snaps to CSTO but the point is not on it
    } finally {
      delete (document as { caretPositionFromPoint?: unknown }).caretPositionFromPoint;
      delete (Range.prototype as { getClientRects?: unknown }).getClientRects;
    }
  });
});

describe('wrap mode', () => {
  const cases: [string, string, string[]][] = [
    ['one text node', '<p>The CSTO met.</p>', ['CSTO']],
    ['whole text node', '<p><b>CSTO</b> met.</p>', ['CSTO']],
    ['across <b>', '<p>The Collective Security <b>Treaty</b> Organization met.</p>', ['Collective Security Treaty Organization']],
    ['across <a> and <i>', '<p>Said <a href="/x">Jonas <i>Gardner</i></a>, head.</p>', ['Jonas Gardner']],
    ['across blocks', '<p>Alpha beta</p><p>gamma delta</p>', ['beta\ngamma']],
    ['two in one node', '<p>CSTO and CSTO again</p>', ['CSTO', 'and', 'again']],
    ['overlapping', '<p>The Collective Security Treaty Organization</p>', ['Collective Security', 'Security Treaty']],
    ['nested', '<p>The Collective Security Treaty Organization</p>', ['Collective Security Treaty Organization', 'Security']],
    ['adjacent', '<p>CSTOsummit</p>', ['CSTO', 'summit']],
    ['markup-looking text', '<p>&lt;script&gt;alert(1)&lt;/script&gt; and CSTO</p>', ['<script>alert(1)</script>', 'CSTO']],
    ['table', '<table><tbody><tr><td>Tajikistan</td>\n<td>Armenia</td></tr></tbody></table>', ['Tajikistan\nArmenia']],
  ];

  function wrapAll(phrases: string[]) {
    const h = new Highlighter({ mode: 'wrap', styles: false });
    const items: HighlightItem[] = phrases.map((p, i) => ({
      id: `i${i}`,
      range: find(p),
      style: i % 2 ? 'note-yellow' : 'organization',
      entityId: `e${i}`,
    }));
    h.add(items);
    return h;
  }

  it.each(cases)('wraps and restores the exact DOM: %s', (_name, html, phrases) => {
    setup(html);
    const before = document.body.innerHTML;
    const textNodes = collectText(document.body).nodes;
    const datas = textNodes.map((n) => n.data);
    const h = wrapAll(phrases);
    expect(document.body.innerHTML).not.toBe(before);
    // page text is unchanged by wrapping
    expect(document.body.textContent).toBe(new DOMParser().parseFromString(before, 'text/html').body.textContent);
    for (const it of h.items()) {
      const marks = h.marksOf(it.id);
      expect(marks.length).toBeGreaterThan(0);
      const phrase = phrases[Number(it.id.slice(1))]!;
      // block separators are in the index text only, never in the page
      expect(marks.map((m) => m.textContent).join('')).toBe(phrase.replace(/\n/g, ''));
      expect(it.range.toString().replace(/\s+/g, '')).toBe(phrase.replace(/\s+/g, ''));
      for (const m of marks) expect(m.getAttribute('data-entity-id')).toBe(it.entityId);
    }
    h.clear();
    expect(document.body.innerHTML).toBe(before);
    // the very same text nodes are back, with their original data
    const after = collectText(document.body).nodes;
    expect(after).toEqual(textNodes);
    expect(after.map((n) => n.data)).toEqual(datas);
  });

  it.each(cases.filter((c) => c[2].length > 1))('restores when items are removed one by one: %s', (_n, html, phrases) => {
    for (const order of [1, -1]) {
      setup(html);
      const before = document.body.innerHTML;
      const nodes = collectText(document.body).nodes;
      const h = wrapAll(phrases);
      const ids = h.items().map((i) => i.id);
      if (order < 0) ids.reverse();
      for (const id of ids) h.remove([id]);
      expect(document.body.innerHTML).toBe(before);
      expect(collectText(document.body).nodes).toEqual(nodes);
    }
  });

  it('marks carry entity id and type, one mark per text-node piece', () => {
    setup('<p>The Collective Security <b>Treaty</b> Organization met.</p>');
    const h = new Highlighter({ mode: 'wrap', styles: false });
    h.add([{ id: 'a', range: find('Collective Security Treaty Organization'), style: 'organization', entityId: 'csto' }]);
    const marks = [...document.querySelectorAll(MARK_TAG)];
    expect(marks.map((m) => m.textContent)).toEqual(['Collective Security ', 'Treaty', ' Organization']);
    for (const m of marks) {
      expect(m.getAttribute('data-entity-id')).toBe('csto');
      expect(m.getAttribute('data-type')).toBe('organization');
    }
    expect(marks[1]!.parentElement!.tagName).toBe('B');
    expect(h.marksOf('a')).toEqual(marks);
    expect(h.get('a')!.range.toString()).toBe('Collective Security Treaty Organization');
  });

  it('treats markup-looking text as text', () => {
    setup('<p>&lt;img src=x onerror=alert(1)&gt; CSTO</p>');
    const h = new Highlighter({ mode: 'wrap', styles: false });
    h.add([{ id: 'a', range: find('<img src=x onerror=alert(1)>'), style: 'note-yellow' }]);
    expect(document.querySelector('img')).toBeNull();
    expect(document.querySelector(MARK_TAG)!.textContent).toBe('<img src=x onerror=alert(1)>');
  });

  it('never wraps text inside script or style even when a range spans it', () => {
    setup('<p>Alpha <script>var x = 1;</script><style>.a{}</style>Beta</p>');
    const before = document.body.innerHTML;
    const r = document.createRange();
    r.setStart(document.querySelector('p')!.firstChild!, 0);
    r.setEnd(document.querySelector('p')!.lastChild!, 4);
    const h = new Highlighter({ mode: 'wrap', styles: false });
    h.add([{ id: 'a', range: r, style: 'organization' }]);
    expect(document.querySelector(`script ${MARK_TAG}, style ${MARK_TAG}`)).toBeNull();
    expect(h.marksOf('a').map((m) => m.textContent)).toEqual(['Alpha ', 'Beta']);
    h.clear();
    expect(document.body.innerHTML).toBe(before);
  });

  it('keeps earlier items intact when later ones nest inside them', () => {
    setup('<p>The Collective Security Treaty Organization met</p>');
    const before = document.body.innerHTML;
    const h = new Highlighter({ mode: 'wrap', styles: false });
    h.add([{ id: 'outer', range: find('Collective Security Treaty Organization'), style: 'organization' }]);
    h.add([{ id: 'inner', range: find('Security'), style: 'note-yellow' }]);
    expect(h.get('outer')!.range.toString()).toBe('Collective Security Treaty Organization');
    expect(h.get('inner')!.range.toString()).toBe('Security');
    h.remove(['outer']);
    expect(h.get('inner')!.range.toString()).toBe('Security');
    expect(document.querySelectorAll(MARK_TAG).length).toBe(1);
    h.remove(['inner']);
    expect(document.body.innerHTML).toBe(before);
    expect(document.querySelector('p')!.childNodes.length).toBe(1);
  });

  it('hit-tests through nested marks, innermost first', () => {
    setup('<p>The Collective Security Treaty Organization</p>');
    const h = new Highlighter({ mode: 'wrap', styles: false });
    h.add([
      { id: 'outer', range: find('Collective Security Treaty Organization'), style: 'organization' },
      { id: 'inner', range: find('Security'), style: 'note-yellow' },
    ]);
    const innerMark = h.marksOf('inner')[0]!;
    Object.assign(document, { elementFromPoint: () => innerMark });
    try {
      expect(h.itemsAt(1, 1).map((i) => i.id)).toEqual(['inner', 'outer']);
      Object.assign(document, { elementFromPoint: () => document.querySelector('p') });
      expect(h.itemsAt(1, 1)).toEqual([]);
    } finally {
      delete (document as { elementFromPoint?: unknown }).elementFromPoint;
    }
  });

  it('prunes items whose marks the page removed', () => {
    setup('<p>CSTO</p><p>Belarus</p>');
    const h = new Highlighter({ mode: 'wrap', styles: false });
    h.add([
      { id: 'a', range: find('CSTO'), style: 'organization' },
      { id: 'b', range: find('Belarus'), style: 'country' },
    ]);
    document.querySelector('p')!.remove();
    expect(h.prune()).toBe(1);
    expect(h.items().map((i) => i.id)).toEqual(['b']);
  });
});

describe('styles', () => {
  it('defines ::highlight and mark rules for every entity type, for the page\'s theme and not the system\'s', () => {
    const css = buildCss();
    for (const t of ENTITY_TYPES) {
      expect(css).toContain(`::highlight(${HIGHLIGHT_PREFIX}${t})`);
      expect(css).toContain(`${MARK_TAG}[data-type="${t}"]`);
    }
    expect(css).not.toContain('prefers-color-scheme');
    const organization = (c: string) => /::highlight\(csto-lens-organization\)\{background-color:([^;]+);/.exec(c)?.[1];
    expect(organization(css)).toBe('rgb(37 99 235 / 0.22)');
    expect(organization(buildCss(undefined, undefined, 'dark'))).toBe('rgb(96 165 250 / 0.3)');
    expect(css).toContain('@media (forced-colors: active)');
    expect(css).toContain('::highlight(csto-lens-note-yellow)');
    expect(css.startsWith(BASE_CSS)).toBe(true);
  });

  it('writes the tints for the page\'s background, and again when the page switches theme (14.9)', async () => {
    const page = document.createElement('style');
    page.textContent = 'html.night body{background-color:rgb(16, 16, 16)}';
    document.head.append(page);
    const inj = new StyleInjector(document);
    try {
      expect(inj.attachment).toBe('element');
      const sheet = () => document.querySelector('style[data-csto-lens]')!.textContent!;
      expect(inj.theme).toBe('light');
      expect(sheet()).toContain('rgb(37 99 235 / 0.22)');
      document.documentElement.classList.add('night');
      await new Promise((r) => setTimeout(r, 60));
      expect(inj.theme).toBe('dark');
      expect(sheet()).toContain('rgb(96 165 250 / 0.3)');
      expect(sheet()).not.toContain('rgb(37 99 235 / 0.22)');
    } finally {
      inj.remove();
      page.remove();
      document.documentElement.classList.remove('night');
    }
  });

  it('adopts a constructed stylesheet when possible (no DOM mutation)', () => {
    class FakeSheet {
      text = '';
      replaceSync(t: string) {
        this.text = t;
      }
    }
    const realSheet = window.CSSStyleSheet;
    Object.assign(window, { CSSStyleSheet: FakeSheet });
    Object.assign(document, { adoptedStyleSheets: [] });
    try {
      const stop = observeAll();
      const inj = new StyleInjector(document);
      expect(inj.attachment).toBe('adopted');
      const sheets = (document as unknown as { adoptedStyleSheets: FakeSheet[] }).adoptedStyleSheets;
      expect(sheets.length).toBe(1);
      inj.ensure('custom-key');
      expect(sheets[0]!.text).toContain('::highlight(csto-lens-custom-key)');
      expect(stop()).toEqual([]);
      inj.remove();
      expect((document as unknown as { adoptedStyleSheets: FakeSheet[] }).adoptedStyleSheets.length).toBe(0);
    } finally {
      Object.assign(window, { CSSStyleSheet: realSheet });
      delete (document as { adoptedStyleSheets?: unknown }).adoptedStyleSheets;
    }
  });

  it('::highlight() rules paint no text-decoration (Firefox repaints every highlighted line for one); marks keep their underline', () => {
    const css = buildCss();
    const rules = [...css.matchAll(/([^{}]+)\{([^{}]*)\}/g)].map((m) => ({ sel: m[1]!.trim(), body: m[2]! }));
    const highlightRules = rules.filter((r) => r.sel.includes('::highlight('));
    const markRules = rules.filter((r) => r.sel.includes(`${MARK_TAG}[data-type="person"]`));
    expect(highlightRules.length).toBeGreaterThan(ENTITY_TYPES.length);
    for (const r of highlightRules) {
      expect(r.sel).not.toContain(MARK_TAG);
      expect(r.body).not.toMatch(/text-decoration/);
      expect(r.body).toMatch(/background-color/);
    }
    expect(markRules.length).toBe(1);
    for (const r of markRules) expect(r.body).toContain('text-decoration-line:underline');
  });

  it('adds rules for highlight parts in doubling steps, so a growing page rewrites its sheet a few times, not once a part', () => {
    const h = new Highlighter({ mode: 'wrap' });
    const el = document.querySelector('style[data-csto-lens]')!;
    const inj = (h as unknown as { styles: StyleInjector }).styles;
    const texts = new Set<string>();
    const obs = new MutationObserver(() => texts.add(el.textContent ?? ''));
    obs.observe(el, { childList: true, characterData: true, subtree: true });
    for (let n = 2; n <= 40; n++) {
      inj.ensureShards('organization', n);
      obs.takeRecords().forEach(() => texts.add(el.textContent ?? ''));
    }
    obs.disconnect();
    // 1 -> 2 -> 4 -> 8 -> 16 -> 32 -> 64: six rewrites for forty parts
    expect(texts.size).toBe(6);
    expect(el.textContent).toContain('::highlight(csto-lens-organization--39)');
    expect(el.textContent).toContain('::highlight(csto-lens-organization--63)');
    expect(el.textContent).not.toContain('::highlight(csto-lens-organization--64)');
    h.destroy();
  });

  it("styles: 'on-first-add' installs no stylesheet until something is drawn (a page without notes never restyles for them)", () => {
    setup('<p>Sergei Lavrov spoke.</p>');
    const h = new Highlighter({ mode: 'wrap', styles: 'on-first-add' });
    expect(document.querySelectorAll('style[data-csto-lens]').length).toBe(0);
    h.add([{ id: 'a', range: find('Sergei Lavrov'), style: 'note-yellow' }]);
    h.add([{ id: 'b', range: find('spoke'), style: 'person' }]);
    expect(document.querySelectorAll('style[data-csto-lens]').length).toBe(1);
    expect(document.querySelector('style[data-csto-lens]')!.textContent).toContain('::highlight(csto-lens-note-yellow)');
    h.destroy();
    expect(document.querySelectorAll('style[data-csto-lens]').length).toBe(0);
    expect(new Highlighter({ mode: 'wrap', styles: false }).add([{ id: 'c', range: find('spoke'), style: 'person' }])).toBe(1);
    expect(document.querySelectorAll('style[data-csto-lens]').length).toBe(0);
  });

  it('falls back to one <style data-csto-lens> element', () => {
    const h = new Highlighter({ mode: 'wrap' });
    const els = document.querySelectorAll('style[data-csto-lens]');
    expect(els.length).toBe(1);
    expect(els[0]!.textContent).toContain('::highlight(csto-lens-person)');
    h.destroy();
    expect(document.querySelectorAll('style[data-csto-lens]').length).toBe(0);
  });

  it('sanitises style keys into highlight names', () => {
    expect(highlightName('person')).toBe('csto-lens-person');
    expect(highlightName('Note Yellow!')).toBe('csto-lens-note-yellow');
    expect(highlightName('}{::x')).toBe('csto-lens-x');
  });
});
