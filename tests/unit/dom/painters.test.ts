// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectText } from '../../../lib/dom/collect';
import { Highlighter, MARK_TAG } from '../../../lib/dom/highlighter';
import type { Entry, HighlightItem, Painter } from '../../../lib/dom/paint';
import { highlightEnv, HighlightApiPainter } from '../../../lib/dom/paint-highlight-api';
import { WrapPainter } from '../../../lib/dom/paint-wrap';
import { rangeFromOffsets } from '../../../lib/dom/ranges';
import { installHighlightApi, uninstallHighlightApi, type FakeRegistry } from '../fake-highlight-api';

// Each drawing mode is one painter: it draws the entries the registry made, answers the range an
// entry covers now (the handle: never a Range kept and patched), and erases what it drew.

let registry: FakeRegistry;
beforeEach(() => {
  registry = installHighlightApi();
});
afterEach(() => {
  uninstallHighlightApi();
  document.body.innerHTML = '';
});

const HTML = '<p>Ministers of the <b>CSTO</b> met in Moscow on Monday.</p>';

function rangeOf(phrase: string): Range {
  const ix = collectText(document.body);
  const at = ix.text.indexOf(phrase);
  return rangeFromOffsets(ix, at, at + phrase.length)!;
}

function entry(id: string, phrase: string, extra: Partial<HighlightItem> = {}): Entry {
  return { item: { id, range: rangeOf(phrase), style: 'note-yellow', ...extra }, marks: [], shard: null };
}

const painters: [string, () => Painter][] = [
  ['highlight-api', () => new HighlightApiPainter(highlightEnv(document)!, {}, () => {})],
  ['wrap', () => new WrapPainter(document)],
];

describe.each(painters)('%s painter', (mode, make) => {
  it.each([
    ['inside one text node', 'Ministers'],
    ['across elements', 'of the CSTO met'],
    ['a whole element', 'CSTO'],
  ])('draws %s; rangeOf answers its text; erase leaves the page as it was', (_what, phrase) => {
    document.body.innerHTML = HTML;
    const p = make();
    const e = entry('n1', phrase);
    p.paint([e], {});
    expect(p.rangeOf(e)!.toString()).toBe(phrase);
    if (mode === 'wrap') expect(e.marks.map((m) => m.textContent).join('')).toBe(phrase);
    else expect([...registry.values()].flatMap((h) => [...h].map((r) => r.toString()))).toEqual([phrase]);
    p.erase([e]);
    expect(document.body.innerHTML).toBe(HTML);
    expect(document.querySelector('p')!.childNodes).toHaveLength(3); // split text nodes merged back
    if (mode === 'highlight-api') expect([...registry.values()].every((h) => h.size === 0)).toBe(true);
  });

  it('gone() once the page removed the text', () => {
    document.body.innerHTML = HTML;
    const p = make();
    const e = entry('n1', 'Moscow');
    p.paint([e], {});
    expect(p.gone(e)).toBe(false);
    document.body.innerHTML = '<p>Other news.</p>';
    expect(p.gone(e)).toBe(true);
  });
});

describe('wrap painter', () => {
  it('each mark of an item with a label carries it as its accessible description; others have none', () => {
    document.body.innerHTML = HTML;
    const p = new WrapPainter(document);
    const note = entry('n1', 'of the CSTO met', { label: 'Your highlight: yellow' });
    const entity = entry('e1', 'Moscow', { style: 'place', entityId: 'place:moscow' });
    p.paint([note, entity]);
    expect(note.marks.length).toBe(3);
    for (const m of note.marks) {
      expect(m.getAttribute('role')).toBe('mark');
      expect(m.getAttribute('aria-description')).toBe('Your highlight: yellow');
    }
    expect(entity.marks[0]!.hasAttribute('aria-description')).toBe(false);
    expect(entity.marks[0]!.getAttribute('data-entity-id')).toBe('place:moscow');
  });

  it('rangeOf an item follows its marks when another highlighter wraps and unwraps inside them', () => {
    document.body.innerHTML = HTML;
    const notes = new Highlighter({ mode: 'wrap', styles: false });
    notes.add([{ id: 'n1', range: rangeOf('of the CSTO met'), style: 'note-yellow' }]);
    const entities = new Highlighter({ mode: 'wrap', styles: false });
    for (let i = 0; i < 3; i++) {
      entities.add([
        { id: 'e1', range: rangeOf('CSTO'), style: 'organization' },
        { id: 'e2', range: rangeOf('Ministers'), style: 'person' },
      ]);
      expect(notes.rangeOf('n1')!.toString()).toBe('of the CSTO met');
      expect(document.querySelectorAll(MARK_TAG).length).toBeGreaterThan(3);
      entities.clear();
      expect(notes.rangeOf('n1')!.toString()).toBe('of the CSTO met');
    }
    notes.clear();
    expect(document.body.innerHTML).toBe(HTML);
  });
});

describe('highlight-api painter', () => {
  it('defer fills parts without showing them; showNext shows one at a time', () => {
    document.body.innerHTML = HTML;
    const p = new HighlightApiPainter(highlightEnv(document)!, {}, () => {});
    p.paint([entry('a', 'CSTO'), entry('b', 'Moscow', { style: 'place' })], { defer: true });
    expect(registry.size).toBe(0);
    expect(p.hidden).toBe(2);
    expect(p.showNext()).toBe(true);
    expect(registry.size).toBe(1);
    expect(p.showNext()).toBe(true);
    expect(p.showNext()).toBe(false);
    p.reset();
    expect(registry.size).toBe(0);
  });
});
