// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { describe as describeSelectors } from '../../../lib/anchoring';
import { HybridClock } from '../../../lib/annotations/hlc';
import { createAnnotation, editAnnotation, withQuote, type Annotation, type AnnotationPatch, type NewAnnotation } from '../../../lib/annotations/model';
import type { CodePointSpan, SelectorPair } from '../../../lib/anchoring';
import { collectText } from '../../../lib/dom/collect';
import { MARK_TAG } from '../../../lib/dom/highlighter';
import { installHighlightApi, textsIn, uninstallHighlightApi, type FakeRegistry } from '../fake-highlight-api';

// The notes layer keeps every note as offsets into the page text and draws it from them:
// editing a note keeps it drawn, a mode switch keeps its exact extent, page edits around it
// leave it on its text, and wrap-mode marks carry an accessible description (never the note).

const store = new Map<string, Annotation>();
const sent: { type: string; data: unknown }[] = [];
const clock = new HybridClock('test-device');

vi.mock('../../../lib/protocol/to-background', () => ({
  sendMessage: vi.fn(async (type: string, data: unknown) => {
    sent.push({ type, data });
    switch (type) {
      case 'annotationsForPage':
        return [...store.values()];
      case 'entitiesIn':
        return [];
      case 'annotationCreate': {
        const a = createAnnotation(data as NewAnnotation, clock);
        store.set(a.id, a);
        return a;
      }
      case 'annotationEdit': {
        const { id, patch } = data as { id: string; patch: AnnotationPatch };
        const a = editAnnotation(store.get(id)!, patch, clock);
        store.set(id, a);
        return a;
      }
      case 'annotationSetQuote': {
        const { id, selector, codePoints } = data as { id: string; selector: SelectorPair; codePoints: CodePointSpan };
        const a = withQuote(store.get(id)!, selector, codePoints, clock);
        store.set(id, a);
        return a;
      }
      default:
        return undefined;
    }
  }),
  onMessage: vi.fn(() => () => {}),
}));

// Imported after the mock is declared (vi.mock is hoisted; this keeps the order readable).
const { AnnotationsLayer, noteLabel } = await import('../../../lib/page/annotations-layer');
const { PageController } = await import('../../../lib/page/controller');
const { testMatcher } = await import('./test-matcher');

const ARTICLE = '<p id="a">Ministers of the CSTO met in Moscow on Monday.</p><p id="b">Belarus and Kazakhstan agreed.</p>';
const QUOTE = 'of the CSTO met';

type Mode = 'highlight-api' | 'wrap';
let registry: FakeRegistry;
const aborts: AbortController[] = [];

beforeEach(() => {
  registry = installHighlightApi();
  store.clear();
  sent.length = 0;
});
afterEach(() => {
  for (const a of aborts.splice(0)) a.abort();
  uninstallHighlightApi();
  document.body.innerHTML = '';
});

/** The layer on ARTICLE, with one note saved on `quote` (before the layer loads). */
async function layerWithNote(mode: Mode, quote = QUOTE, html = ARTICLE) {
  document.body.innerHTML = html;
  const text = collectText(document.body).text;
  const at = text.indexOf(quote);
  const a = createAnnotation({ source: 'http://localhost:3000/', title: '', selector: describeSelectors(text, at, at + quote.length), color: 'yellow' }, clock);
  store.set(a.id, a);
  const abort = new AbortController();
  aborts.push(abort);
  const layer = new AnnotationsLayer({ document, signal: abort.signal, mode });
  await layer.start();
  return { layer, id: a.id, abort };
}

/** The text of the note as drawn now: its registered ranges (highlight-api) or its marks (wrap). */
function drawn(mode: Mode, color = 'yellow'): string[] {
  if (mode === 'highlight-api') return textsIn(registry, `csto-lens-note-${color}`);
  const marks = [...document.querySelectorAll(`${MARK_TAG}[data-type="note-${color}"]`)];
  return marks.length ? [marks.map((m) => m.textContent).join('')] : [];
}

const settle = () => new Promise((r) => setTimeout(r, 500)); // the layer's observer waits 400 ms

describe.each(['highlight-api', 'wrap'] as const)('AnnotationsLayer (%s)', (mode) => {
  it('draws a stored note on its text', async () => {
    await layerWithNote(mode);
    expect(drawn(mode)).toEqual([QUOTE]);
  });

  it('editing a note (its colour) keeps it drawn, on the same text', async () => {
    const { layer, id } = await layerWithNote(mode);
    await layer.edit(id, { color: 'green' });
    expect(drawn(mode, 'yellow')).toEqual([]);
    expect(drawn(mode, 'green')).toEqual([QUOTE]);
    await layer.edit(id, { note: 'a second thought' });
    expect(drawn(mode, 'green')).toEqual([QUOTE]);
    expect(document.body.innerHTML).not.toContain('a second thought');
  });

  // Where the note starts in one text node and ends in another (<b>CSTO</b> between them).
  const SPLIT = '<p id="a">Ministers of the <b>CSTO</b> met in Moscow on Monday.</p><p id="b">Belarus and Kazakhstan agreed.</p>';
  it.each([
    ['a paragraph inserted before it', ARTICLE, () => document.body.insertAdjacentHTML('afterbegin', '<p>Breaking: the CSTO met again.</p>')],
    ['its text node rewritten with words added before it', ARTICLE, () => {
      const p = document.getElementById('a')!;
      p.textContent = 'Yesterday the Ministers of the CSTO met in Moscow on Monday.';
    }],
    ['the paragraph after it removed', ARTICLE, () => document.body.lastElementChild!.remove()],
    // A live Range whose start node moves keeps only its end: it would shrink to "CSTO met".
    ['the text node it starts in moved into a <span> (a script enhancing the page)', SPLIT, () => {
      const p = document.getElementById('a')!;
      const span = document.createElement('span');
      p.insertBefore(span, p.firstChild);
      while (span.nextSibling && span.nextSibling.nodeName !== 'B') span.appendChild(span.nextSibling);
    }],
    ['the paragraph moved into a new section', SPLIT, () => {
      const section = document.createElement('section');
      document.body.prepend(section);
      section.append(document.getElementById('a')!);
    }],
  ])('stays on its text after %s', async (_what, html, edit) => {
    await layerWithNote(mode, QUOTE, html);
    edit();
    await settle();
    await vi.waitFor(() => expect(drawn(mode)).toEqual([QUOTE]));
  });

  it('a note whose text is gone is an orphan; reported once, not again after every later page change', async () => {
    const { layer } = await layerWithNote(mode, 'Kazakhstan agreed');
    document.getElementById('b')!.remove();
    await settle();
    await vi.waitFor(() => expect(layer.state().orphans).toHaveLength(1));
    const reports = () => sent.filter((m) => m.type === 'reportOrphans').length;
    const before = reports();
    for (let i = 0; i < 3; i++) {
      document.body.insertAdjacentHTML('beforeend', `<p>Late paragraph ${i}.</p>`);
      await settle();
    }
    expect(reports()).toBe(before);
    // ...and reported again when it changes: its text comes back.
    document.body.insertAdjacentHTML('beforeend', '<p>Belarus and Kazakhstan agreed.</p>');
    await settle();
    await vi.waitFor(() => expect(layer.state().orphans).toHaveLength(0));
    expect(reports()).toBe(before + 1);
    expect(drawn(mode)).toEqual(['Kazakhstan agreed']);
  });
});

describe('AnnotationsLayer: mode switches (accessible mode on and off)', () => {
  it.each(['highlight-api', 'wrap'] as const)('from %s and back, with entity marks drawn and removed in between: the note keeps its exact extent', async (start) => {
    const { layer } = await layerWithNote(start);
    const other: Mode = start === 'wrap' ? 'highlight-api' : 'wrap';
    const html = document.body.innerHTML;
    // As the session does: the entity highlights start again in the new mode, the notes follow.
    const entities = (mode: Mode) => {
      const abort = new AbortController();
      aborts.push(abort);
      const c = new PageController({ match: async (t) => testMatcher.match(t), report: () => {} }, { document, signal: abort.signal, mode, types: new Set(['organization', 'place', 'country']) });
      return { c, abort };
    };
    let e = entities(start);
    await e.c.start();
    for (const mode of [other, start, other, start]) {
      // In the order the session calls them: the notes hear of the settings change first.
      layer.setMode(mode);
      e.abort.abort();
      e = entities(mode);
      await e.c.start();
      await new Promise((r) => setTimeout(r, 0));
      expect(layer.mode).toBe(mode);
      expect(drawn(mode)).toEqual([QUOTE]);
      expect(e.c.mentions().map((m) => m.text)).toEqual(['CSTO', 'Moscow', 'Belarus', 'Kazakhstan']);
    }
    layer.setMode('highlight-api');
    e.abort.abort();
    await new Promise((r) => setTimeout(r, 0));
    expect(drawn('highlight-api')).toEqual([QUOTE]);
    if (start === 'highlight-api') expect(document.body.innerHTML).toBe(html); // every mark removed, text nodes merged back
  });
});

describe('AnnotationsLayer: accessible name in wrap mode', () => {
  it('each mark of a note says it is the reader\'s highlight and its colour, never its note or tags', async () => {
    const { layer, id } = await layerWithNote('wrap');
    await layer.edit(id, { note: 'private thought', tags: ['secret-tag'], color: 'blue' });
    const marks = [...document.querySelectorAll(MARK_TAG)];
    expect(marks.length).toBeGreaterThan(0);
    for (const m of marks) {
      expect(m.getAttribute('role')).toBe('mark');
      expect(m.getAttribute('aria-description')).toBe(noteLabel('blue'));
    }
    expect(noteLabel('blue')).toBe('Your highlight: blue');
    expect(document.documentElement.outerHTML).not.toMatch(/private thought|secret-tag/);
  });
});

describe('a note imported by position only', () => {
  it('is drawn on the text at its code points, and its quote is read there and stored once', async () => {
    const html = '<p id="a">😀 Ministers of the 𝐂𝐒𝐓𝐎 met in Moscow on Monday.</p>';
    document.body.innerHTML = html;
    const text = collectText(document.body).text;
    const at = text.indexOf('met in Moscow');
    const cp = [...text.slice(0, at)].length;
    const a = createAnnotation({ source: 'http://localhost:3000/', title: '', selector: [{ type: 'TextQuoteSelector', exact: '', prefix: '', suffix: '' }, { type: 'TextPositionSelector', start: cp, end: cp + 13 }] }, clock);
    const imported: Annotation = { ...a, target: { ...a.target, codePoints: { start: cp, end: cp + 13 }, byPosition: true } };
    store.set(a.id, imported);
    const abort = new AbortController();
    aborts.push(abort);
    const layer = new AnnotationsLayer({ document, signal: abort.signal, mode: 'highlight-api' });
    await layer.start();
    expect(textsIn(registry, 'csto-lens-note-yellow')).toEqual(['met in Moscow']);
    await vi.waitFor(() => expect(store.get(a.id)!.target.selector[0].exact).toBe('met in Moscow'));
    expect(sent.filter((m) => m.type === 'annotationSetQuote')).toHaveLength(1);
    expect(layer.state().anchored).toEqual([expect.objectContaining({ id: a.id, quote: 'met in Moscow', method: 'position' })]);
    // Read again (another visit): found by its quote now, and no second quote is sent.
    await layer.reload();
    expect(textsIn(registry, 'csto-lens-note-yellow')).toEqual(['met in Moscow']);
    expect(sent.filter((m) => m.type === 'annotationSetQuote')).toHaveLength(1);
  });
});
