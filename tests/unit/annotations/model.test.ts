import { describe, expect, it } from 'vitest';
import { decode } from '../../../lib/annotations/hlc';
import { describe as describeSpan } from '../../../lib/anchoring';
import {
  createAnnotation, deleteAnnotation, editAnnotation, merge, normalizeTags, noteOf, tagsOf, withQuote,
} from '../../../lib/annotations/model';
import { fakeClock, span } from './fixtures';

const base = { source: 'https://tass.com/a', title: 'T', selector: span('Sergey Lavrov') };

describe('createAnnotation', () => {
  it('builds a W3C-shaped record stamped by the clock', () => {
    const clock = fakeClock('dev-a');
    const a = createAnnotation({ ...base, note: '  note  ', tags: ['CSTO', ' csto ', '#Lavrov', ''], entityIds: ['x', 'x', 'y'] }, clock);
    expect(a).toMatchObject({ type: 'Annotation', color: 'yellow', device: 'dev-a', deleted: false, entityIds: ['x', 'y'] });
    expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.created).toBe('2024-05-01T10:00:01.000Z');
    expect(a.modified).toBe(a.created);
    expect(a.body).toEqual([
      { type: 'TextualBody', purpose: 'commenting', value: 'note' },
      { type: 'TextualBody', purpose: 'tagging', value: 'CSTO' },
      { type: 'TextualBody', purpose: 'tagging', value: 'Lavrov' },
    ]);
    expect(decode(a.hlc).device).toBe('dev-a');
  });
});

describe('editAnnotation / deleteAnnotation', () => {
  it('changes only what the patch names, with a newer stamp', () => {
    const clock = fakeClock();
    const a = createAnnotation({ ...base, note: 'n', tags: ['a'] }, clock);
    const b = editAnnotation(a, { color: 'blue' }, clock);
    expect(noteOf(b)).toBe('n');
    expect(tagsOf(b)).toEqual(['a']);
    expect(b.color).toBe('blue');
    expect(b.hlc > a.hlc).toBe(true);
    expect(b.modified > a.modified).toBe(true);
    expect(b.created).toBe(a.created);
    const c = editAnnotation(b, { note: '  ', tags: ['x y', 'z'], entityIds: ['e'] }, clock);
    expect(noteOf(c)).toBe('');
    expect(tagsOf(c)).toEqual(['x y', 'z']);
    expect(c.entityIds).toEqual(['e']);
  });

  it('deletes by tombstone and refuses to edit one', () => {
    const clock = fakeClock();
    const a = createAnnotation(base, clock);
    const d = deleteAnnotation(a, clock);
    expect(d).toMatchObject({ id: a.id, deleted: true, target: a.target });
    expect(d.hlc > a.hlc).toBe(true);
    expect(() => editAnnotation(d, { note: 'x' }, clock)).toThrow(/deleted/);
  });
});

describe('merge', () => {
  const clockA = fakeClock('dev-a');
  const clockB = fakeClock('dev-b', Date.UTC(2024, 4, 1, 10, 0, 1)); // one second behind clockA's next reading
  const a0 = createAnnotation({ ...base, id: '11111111-1111-4111-8111-111111111111' }, clockA);
  const onA = editAnnotation(a0, { note: 'from A' }, clockA);
  const onB = editAnnotation(a0, { note: 'from B' }, clockB); // same wall and counter: device breaks the tie
  const tomb = deleteAnnotation(onB, clockB);

  it.each([
    ['the greater stamp wins', a0, onA, onA],
    ['equal wall and counter: the greater device wins', onA, onB, onB],
    ['a later tombstone wins', onA, tomb, tomb],
    ['identical versions', onA, { ...onA }, onA],
  ])('%s, in either order', (_n, x, y, want) => {
    expect(merge(x, y)).toEqual(want);
    expect(merge(y, x)).toEqual(want);
  });

  it('breaks a tie on equal stamps deterministically', () => {
    const x = { ...onA, color: 'pink' as const };
    expect(merge(onA, x)).toBe(merge(x, onA));
  });

  it('refuses two different annotations', () => {
    const other = createAnnotation(base, clockA);
    expect(() => merge(a0, other)).toThrow(/cannot merge/);
  });
});

describe('normalizeTags', () => {
  it.each([
    [['a', 'A', ' a '], ['a']],
    [['#x', '##y', '#'], ['x', 'y']],
    [['two  words'], ['two words']],
  ])('%j → %j', (input, want) => {
    expect(normalizeTags(input)).toEqual(want);
  });
});

describe('withQuote (a position-only note, its quote read from the page)', () => {
  const page = 'The CSTO 🛡 met in Minsk.';
  const start = page.indexOf('met');
  const imported = () => {
    const a = createAnnotation({ source: 'https://tass.com/a', title: 'T', selector: [{ type: 'TextQuoteSelector', exact: '', prefix: '', suffix: '' }, { type: 'TextPositionSelector', start: start - 1, end: start + 2 }] }, fakeClock());
    return { ...a, target: { ...a.target, codePoints: { start: start - 1, end: start + 2 }, byPosition: true as const } };
  };

  it('stores the quote at exactly that position, as a new version', () => {
    const a = imported();
    const q = withQuote(a, describeSpan(page, start, start + 3), { start: start - 1, end: start + 2 }, fakeClock('dev-a', Date.UTC(2024, 4, 2)));
    expect(q.target.selector[0]).toMatchObject({ exact: 'met', prefix: 'The CSTO 🛡 ' });
    expect(q.target.byPosition).toBe(true);
    expect(q.hlc > a.hlc).toBe(true);
  });

  it('refuses a quote from another place, or a second time', () => {
    const a = imported();
    expect(() => withQuote(a, describeSpan(page, 0, 3), { start: 0, end: 3 }, fakeClock())).toThrow(/not the text at its position/);
    const q = withQuote(a, describeSpan(page, start, start + 3), { start: start - 1, end: start + 2 }, fakeClock());
    expect(() => withQuote(q, describeSpan(page, start, start + 3), { start: start - 1, end: start + 2 }, fakeClock())).toThrow(/has its quote/);
  });
});
