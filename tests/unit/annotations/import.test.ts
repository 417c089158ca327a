import { describe, expect, it } from 'vitest';
import { exportJsonLd } from '../../../lib/annotations/export';
import { encode } from '../../../lib/annotations/hlc';
import { formatPath, parseImport, planImport } from '../../../lib/annotations/import';
import { editAnnotation, type Annotation } from '../../../lib/annotations/model';
import { fakeClock, sample } from './fixtures';

const live = () => sample().filter((a) => !a.deleted);
/** A fresh, mutable export of the sample. */
const file = (): Record<string, any> => JSON.parse(JSON.stringify(exportJsonLd(sample()))); // eslint-disable-line @typescript-eslint/no-explicit-any

describe('export → import round trip', () => {
  it('restores every field of every live annotation', () => {
    const r = parseImport(JSON.parse(JSON.stringify(exportJsonLd(sample()))));
    expect(r).toEqual({ ok: true, annotations: live() });
  });

  it('accepts the file text as well', () => {
    const r = parseImport(JSON.stringify(exportJsonLd(sample())));
    expect(r.ok && r.annotations).toEqual(live());
  });

  it('round-trips an empty collection', () => {
    expect(parseImport(exportJsonLd([]))).toEqual({ ok: true, annotations: [] });
  });
});

describe('parseImport: lenient where the W3C model is', () => {
  it('fills in missing extension fields and accepts one body object and selectors in any order', () => {
    const f = file();
    const item = f.first.items[1];
    for (const k of ['csto:color', 'csto:entityIds', 'csto:hlc', 'csto:device']) delete item[k];
    delete item.target['csto:title'];
    item.target.selector.reverse();
    item.body = { type: 'TextualBody', purpose: 'tagging', value: 'imported' };
    delete f.total;
    const r = parseImport(f);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const a = r.annotations[1]!;
    expect(a).toMatchObject({ color: 'yellow', entityIds: [], device: 'import', deleted: false });
    expect(a.target.title).toBe('');
    expect(a.target.selector.map((s) => s.type)).toEqual(['TextQuoteSelector', 'TextPositionSelector']);
    expect(a.hlc).toBe(encode({ wall: Date.parse(a.modified), counter: 0, device: 'import' }));
    expect(a.body).toEqual([{ type: 'TextualBody', purpose: 'tagging', value: 'imported' }]);
  });
});

describe('parseImport: errors name what is wrong and where', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const cases: [string, (f: Record<string, any>) => unknown, string][] = [
    ['not an object', () => 42, '(root): expected object, received number'],
    ['wrong collection type', (f) => ({ ...f, type: 'AnnotationPage' }), 'type: expected "AnnotationCollection"'],
    ['missing context', (f) => ({ ...f, '@context': undefined }), '@context: expected the W3C annotation context'],
    ['foreign context', (f) => ({ ...f, '@context': 'https://schema.org' }), '@context: expected the W3C annotation context'],
    ['no first page', (f) => ({ ...f, first: undefined }), 'first: required'],
    ['items not a list', (f) => ({ ...f, first: { items: {} } }), 'first.items: expected array, received object'],
    ['total disagrees', (f) => ({ ...f, total: 5 }), 'total: expected 3 (the number of items), got 5'],
    ['item not an Annotation', (f) => (f.first.items[2].type = 'Note', f), 'first.items[2].type: expected "Annotation"'],
    ['missing id', (f) => (delete f.first.items[0].id, f), 'first.items[0].id: required'],
    ['bad created date', (f) => ((f.first.items[1].created = 'yesterday'), f), 'first.items[1].created: expected an ISO 8601 date-time'],
    ['relative source', (f) => ((f.first.items[0].target.source = '/news/1'), f), 'first.items[0].target.source: expected an absolute URL'],
    ['no quote selector', (f) => ((f.first.items[2].target.selector = [f.first.items[2].target.selector[1]]), f), 'first.items[2].target.selector: expected a TextQuoteSelector'],
    ['no position selector', (f) => (f.first.items[0].target.selector.pop(), f), 'first.items[0].target.selector: expected a TextPositionSelector'],
    ['quote not a string', (f) => ((f.first.items[1].target.selector[0].exact = 7), f), 'first.items[1].target.selector[0].exact: expected string, received number'],
    ['empty quote', (f) => ((f.first.items[1].target.selector[0].exact = ''), f), 'first.items[1].target.selector[0].exact: expected a non-empty quote'],
    ['negative start', (f) => ((f.first.items[0].target.selector[1].start = -4), f), 'first.items[0].target.selector[1].start: Number must be greater than or equal to 0'],
    ['end before start', (f) => ((f.first.items[0].target.selector[1].end = 0), f), 'first.items[0].target.selector[1].end: expected end > start'],
    ['unknown colour', (f) => ((f.first.items[0]['csto:color'] = 'red'), f), 'first.items[0].csto:color: expected one of "yellow", "green", "blue", "pink", "purple", received "red"'],
    ['bad body purpose', (f) => ((f.first.items[0].body[0].purpose = 'replying'), f), 'first.items[0].body[0].purpose: expected one of "commenting", "tagging", received "replying"'],
    ['body value missing', (f) => (delete f.first.items[0].body[1].value, f), 'first.items[0].body[1].value: required (expected string)'],
    ['bad HLC stamp', (f) => ((f.first.items[0]['csto:hlc'] = '2024-05-01'), f), 'first.items[0].csto:hlc: expected an HLC stamp'],
    ['bad device', (f) => ((f.first.items[0]['csto:device'] = 'my laptop'), f), 'first.items[0].csto:device: expected a device id'],
    ['entity id not a string', (f) => ((f.first.items[1]['csto:entityIds'] = [3]), f), 'first.items[1].csto:entityIds[0]: expected string, received number'],
  ];

  it.each(cases)('%s', (_name, mutate, fragment) => {
    const r = parseImport(mutate(file()));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.join('\n')).toContain(fragment);
  });

  it('reports invalid JSON text', () => {
    const r = parseImport('{"type": ');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0]).toMatch(/^not valid JSON: /);
  });

  it('lists several errors and caps the list', () => {
    const f = file();
    f.first.items = Array.from({ length: 30 }, () => ({ type: 'Annotation' }));
    f.total = 30;
    const r = parseImport(f);
    expect(!r.ok && r.errors.length).toBe(21);
    expect(!r.ok && r.errors[20]).toMatch(/^… and \d+ more errors$/);
  });

  it.each([
    [[], '(root)'],
    [['first', 'items', 3, 'target', 'selector'], 'first.items[3].target.selector'],
    [[0, 'a'], '[0].a'],
  ])('formatPath(%j) = %j', (path, want) => {
    expect(formatPath(path)).toBe(want);
  });
});

describe('planImport', () => {
  const [a, b, c] = live() as [Annotation, Annotation, Annotation];
  const clock = fakeClock('dev-b', Date.UTC(2025, 0, 1));
  const aNewer = editAnnotation(a, { note: 'edited later' }, clock);
  const sameHlcLaterModified = { ...b, modified: '2030-01-01T00:00:00.000Z' };

  it.each<[string, Annotation[], Annotation[], Annotation[], number]>([
    ['everything new', [], [a, b], [a, b], 0],
    ['identical records skipped', [a, b], [a, b], [], 2],
    ['newer incoming version written', [a], [aNewer], [aNewer], 0],
    ['older incoming version skipped', [aNewer], [a], [], 1],
    ['equal hlc: later modified wins', [b], [sameHlcLaterModified], [sameHlcLaterModified], 0],
    ['duplicates in the file: newest kept', [], [a, aNewer, a], [aNewer], 2],
    ['a stored tombstone newer than the import wins', [{ ...aNewer, deleted: true }], [a], [], 1],
    ['mixed', [a, c], [aNewer, b, c], [aNewer, b], 1],
  ])('%s', (_n, existing, incoming, toPut, skipped) => {
    expect(planImport(existing, incoming)).toEqual({ toPut, skipped });
  });
});
