import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describe as describeSpan } from '../../../lib/anchoring';
import { exportJsonLd } from '../../../lib/annotations/export';
import { encode } from '../../../lib/annotations/hlc';
import { formatPath, openImport, planImport, readImport, uuidFromKey, type ImportDraft } from '../../../lib/annotations/import';
import { HYPOTHESIS_PAGE_NOTE } from '../../../lib/annotations/import-item';
import { createAnnotation, editAnnotation, type Annotation } from '../../../lib/annotations/model';
import { fakeClock, sample } from './fixtures';

const NOW = Date.UTC(2025, 0, 1);
const FIX = join(__dirname, '../../fixtures');
const fixture = (rel: string): unknown => JSON.parse(readFileSync(join(FIX, rel), 'utf8'));
const live = () => sample().filter((a) => !a.deleted);
/** A fresh, mutable export of the sample. */
const file = (): Record<string, any> => JSON.parse(JSON.stringify(exportJsonLd(sample()))); // eslint-disable-line @typescript-eslint/no-explicit-any
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function read(json: unknown) {
  const r = readImport(json, NOW);
  if (!r.ok) throw new Error(r.errors.join('; '));
  return r.read;
}

const asRecord = (d: ImportDraft, a: Annotation) => ({
  id: d.id,
  type: 'Annotation',
  created: d.created,
  modified: d.modified,
  target: { source: d.source, title: d.title, selector: d.selector },
  body: d.body,
  color: d.color,
  entityIds: d.entityIds,
  hlc: d.hlc,
  device: a.device,
  deleted: false,
});

describe('export → import round trip', () => {
  it('restores every field of every live annotation, stamps included', () => {
    const r = read(JSON.parse(JSON.stringify(exportJsonLd(sample()))));
    expect(r.shape).toBe('csto-lens export');
    expect(r.rejected).toEqual([]);
    expect(r.drafts.map((d, i) => asRecord(d, live()[i]!))).toEqual(live());
    expect(r.drafts.every((d) => d.notes.length === 0 && !d.via)).toBe(true);
  });

  it('accepts the file text as well, and an empty collection', () => {
    expect(read(JSON.stringify(exportJsonLd(sample()))).drafts).toHaveLength(3);
    expect(read(exportJsonLd([]))).toEqual({ shape: 'csto-lens export', drafts: [], rejected: [] });
  });

  it('reads the first version of our export (UTF-16 positions, an empty body, no generator)', () => {
    const text = '🇷🇺 The CSTO said';
    const a = createAnnotation({ id: '55555555-5555-4555-8555-555555555555', source: 'https://x.example/', title: 'X', selector: describeSpan(text, 9, 13) }, fakeClock());
    const v1 = {
      '@context': ['http://www.w3.org/ns/anno.jsonld', { csto: 'urn:csto-lens:terms#' }],
      type: 'AnnotationCollection',
      label: 'CSTO Lens highlights',
      total: 1,
      first: {
        type: 'AnnotationPage',
        startIndex: 0,
        items: [{ id: `urn:uuid:${a.id}`, type: 'Annotation', created: a.created, modified: a.modified, target: { source: a.target.source, selector: a.target.selector, 'csto:title': 'X' }, body: [], 'csto:color': 'yellow', 'csto:entityIds': [], 'csto:hlc': a.hlc, 'csto:device': a.device }],
      },
    };
    const [d] = read(v1).drafts;
    expect(d!.selector).toEqual(a.target.selector);
    expect(d!.hlc).toBe(a.hlc);
  });
});

describe('import: every shape, detected by its shape', () => {
  const search = fixture('hypothesis/search.json');
  const row = fixture('hypothesis/row.json');
  const anno23 = fixture('w3c/model-examples/anno23.json');
  it.each<[string, () => unknown, string, number, number]>([
    ['a single W3C Annotation', () => anno23, 'W3C Annotation', 1, 0],
    ['a W3C AnnotationCollection (the spec\'s example)', () => fixture('w3c/model-examples/collection1.json'), 'W3C AnnotationCollection', 4, 39],
    ['an AnnotationPage', () => ({ type: 'AnnotationPage', items: [anno23, anno23] }), 'W3C AnnotationPage', 2, 0],
    ['a collection with pages linked by next', () => ({ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationCollection', first: { type: 'AnnotationPage', items: [anno23], next: { type: 'AnnotationPage', items: [row, 7] } } }), 'W3C AnnotationCollection', 2, 1],
    ['a plain array (Recogito)', () => [anno23, { ...(anno23 as object), id: 'http://example.org/anno23b' }], 'array of annotations', 2, 0],
    ['Hypothesis API search result', () => search, 'Hypothesis search result', 2, 2],
    ['one Hypothesis row', () => row, 'Hypothesis annotation', 1, 0],
    ['Hypothesis rows in an array', () => fixture('hypothesis/rows.json'), 'Hypothesis rows', 2, 0],
    ['Hypothesis client export file', () => fixture('hypothesis/client-export.json'), 'Hypothesis client export', 2, 0],
    ['Hypothesis JSON-LD form', () => fixture('hypothesis/annotation.jsonld'), 'W3C Annotation', 1, 0],
    ['our own export', () => exportJsonLd(sample()), 'csto-lens export', 3, 0],
  ])('%s', (_n, make, shape, drafts, rejected) => {
    const r = read(make());
    expect(r.shape).toBe(shape);
    expect(r.drafts).toHaveLength(drafts);
    expect(r.rejected).toHaveLength(rejected);
    for (const d of r.drafts) expect(d.id).toMatch(UUID);
  });

  it('reads a Hypothesis row: note from text, tags, title, canonical page address, quote and position, its link as via', () => {
    const [d] = read(row).drafts as [ImportDraft];
    expect(d).toMatchObject({
      via: 'https://hypothes.is/a/J9f6mFdLEe2TtO9kBkBr9A',
      source: 'https://www.reuters.com/world/asia-pacific/armenia-csto-2024-02-23/',
      title: 'Armenia freezes CSTO participation | Reuters',
      created: '2024-02-23T10:12:33.801Z',
      modified: '2024-02-23T10:13:02.027Z',
      body: [
        { type: 'TextualBody', purpose: 'commenting', value: 'Pashinyan, **Feb 2024**: first public statement.\n\nSee also <https://example.org/thread>.' },
        { type: 'TextualBody', purpose: 'tagging', value: 'CSTO' },
        { type: 'TextualBody', purpose: 'tagging', value: 'Armenia' },
      ],
      notes: [],
    });
    expect(d.selector[0]).toMatchObject({ exact: 'Armenia has frozen its participation in the Collective Security Treaty Organization', prefix: 'Prime Minister Nikol Pashinyan said ' });
    expect(d.selector[1]).toEqual({ type: 'TextPositionSelector', start: 1204, end: 1204 + d.selector[0].exact.length });
  });

  it('gives the row and its JSON-LD form the same id, so either imports the annotation once', () => {
    const [a] = read(row).drafts;
    const [b] = read(fixture('hypothesis/annotation.jsonld')).drafts;
    expect(b!.id).toBe(a!.id);
    expect(b!.body).toEqual(a!.body);
    expect(b!.source).toBe(a!.source);
  });

  it('refuses page notes and replies with a reason (nothing to anchor)', () => {
    expect(read(search).rejected).toEqual([
      { path: 'rows[2].target[0].selector', reason: HYPOTHESIS_PAGE_NOTE },
      { path: 'rows[3].target[0].selector', reason: HYPOTHESIS_PAGE_NOTE },
    ]);
  });

  it('a quote-only target anchors by its quote; missing dates are filled from the import time and said so', () => {
    const [d] = read(anno23).drafts as [ImportDraft];
    expect(d.selector).toEqual([
      { type: 'TextQuoteSelector', exact: 'anotation', prefix: 'this is an ', suffix: ' that has some' },
      { type: 'TextPositionSelector', start: 11, end: 20 },
    ]);
    expect(d.notes).toEqual(expect.arrayContaining(['no position', 'dates filled']));
    expect(d.created).toBe(new Date(NOW).toISOString());
    expect(d.body).toEqual([{ type: 'TextualBody', purpose: 'commenting', value: 'http://example.org/comment1' }]);
    expect(d.via).toBe('http://example.org/anno23');
  });

  it.each<[string, unknown, { note?: string; tags?: string[] }]>([
    ['bodyValue', { bodyValue: 'Comment text' }, { note: 'Comment text' }],
    ['a body without purpose', { body: { type: 'TextualBody', value: 'plain' } }, { note: 'plain' }],
    ['an IRI body', { body: 'http://example.org/post1' }, { note: 'http://example.org/post1' }],
    ['an external body object', { body: { id: 'http://example.org/analysis1.mp3', format: 'audio/mpeg' } }, { note: 'http://example.org/analysis1.mp3' }],
    ['tagging and describing bodies', { body: [{ type: 'TextualBody', value: 'readme', purpose: 'tagging' }, { type: 'TextualBody', value: 'A good description', purpose: 'describing' }] }, { note: 'A good description', tags: ['readme'] }],
    ['a Choice', { body: { type: 'Choice', items: [{ type: 'TextualBody', value: 'first' }, { type: 'TextualBody', value: 'second' }] } }, { note: 'first' }],
    ['a SpecificResource tag', { body: { type: 'SpecificResource', purpose: 'tagging', source: 'http://example.org/city1' } }, { tags: ['http://example.org/city1'] }],
  ])('reads %s as a note or tags', (_n, bodyPart, want) => {
    const { body: _b, ...rest } = anno23 as Record<string, unknown>;
    const [d] = read({ ...rest, ...(bodyPart as object) }).drafts as [ImportDraft];
    expect(d.body.find((b) => b.purpose === 'commenting')?.value).toBe(want.note);
    expect(d.body.filter((b) => b.purpose === 'tagging').map((b) => b.value)).toEqual(want.tags ?? []);
  });
});

describe('import: the 43 annotation examples of the W3C model', () => {
  const dir = join(FIX, 'w3c/model-examples');
  const files = readdirSync(dir).filter((f) => /^anno\d+\.json$/.test(f)).sort((a, b) => parseInt(a.slice(4)) - parseInt(b.slice(4)));
  const whole = 'a note on the whole resource';
  /** Each example's outcome: imported (how it anchors), or the start of the reason it is refused. */
  const want: Record<string, string> = {
    anno1: whole, anno2: 'an application/pdf resource, not a text page', anno3: whole, anno4: 'an Image, not a text page',
    anno5: whole, anno6: whole, anno7: whole, anno8: whole, anno9: whole, anno10: whole, anno11: whole, anno12: whole,
    anno13: whole, anno14: 'a Video, not a text page', anno15: whole, anno16: whole, anno17: whole,
    anno18: 'an Image, not a text page', anno19: 'a selector given only by its IRI', anno20: whole,
    anno21: 'CssSelector: a page element', anno22: 'XPathSelector: a page element', anno23: 'imported: quote',
    anno24: 'imported: position only', anno25: 'DataPositionSelector: byte offsets', anno26: 'SvgSelector: a region of an image',
    anno27: 'SvgSelector: a region of an image', anno28: 'XPathSelector: a page element', anno29: 'imported: quote',
    anno30: whole, anno31: whole, anno32: whole, anno33: whole, anno34: whole, anno35: whole,
    anno36: 'a selector given only by its IRI', anno37: whole, anno38: 'imported: position only',
    anno39: 'a Composite of several resources', anno40: 'a List of several resources', anno41: 'an Independents of several resources',
    anno42: whole, anno43: whole,
  };

  it('imports those with a text quote or position and refuses every other with the right reason, naming its path', () => {
    expect(files).toHaveLength(43);
    const got: Record<string, string> = {};
    const lines: string[] = [];
    for (const f of files) {
      const r = read(fixture(`w3c/model-examples/${f}`));
      expect(r.drafts.length + r.rejected.length).toBe(1);
      const name = f.replace('.json', '');
      if (r.drafts.length) {
        const d = r.drafts[0]!;
        got[name] = d.byPosition ? 'imported: position only' : 'imported: quote';
        lines.push(`${f}: ${got[name]}`);
      } else {
        expect(r.rejected[0]!.path).toMatch(/^target/);
        const reason = r.rejected[0]!.reason;
        got[name] = want[name] && reason.startsWith(want[name]) ? want[name] : reason;
        lines.push(`${f}: ${r.rejected[0]!.path}: ${reason}`);
      }
    }
    expect(got).toEqual(want);
    const imported = Object.values(got).filter((g) => g.startsWith('imported')).length;
    expect(readFileSync(join(__dirname, '../../../docs/interop.md'), 'utf8'), 'docs/interop.md gives the count').toContain(`43 annotation examples, **${imported} import**`);
    console.log(`W3C examples: ${Object.values(got).filter((g) => g.startsWith('imported')).length} of ${files.length} imported:\n${lines.join('\n')}`);
  });

  it('reads a position-only example by position, in code points, with no quote until the page is opened', () => {
    const [d] = read(fixture('w3c/model-examples/anno24.json')).drafts as [ImportDraft];
    expect(d).toMatchObject({ byPosition: true, codePoints: { start: 412, end: 795 }, selector: [{ exact: '' }, { start: 412, end: 795 }] });
    expect(d.notes).toContain('position only');
  });
});

describe('import: ids, stamps and addresses that sync and the notebook accept', () => {
  it('gives foreign ids our own UUIDs, the same each time, and keeps them as via', () => {
    const a = read(fixture('hypothesis/rows.json'));
    const b = read(fixture('hypothesis/rows.json'));
    expect(a.drafts.map((d) => d.id)).toEqual(b.drafts.map((d) => d.id));
    expect(a.drafts[0]!.id).toBe(uuidFromKey('via:https://hypothes.is/a/J9f6mFdLEe2TtO9kBkBr9A'));
    expect(new Set(a.drafts.map((d) => d.id)).size).toBe(2);
  });

  it.each<[string, (f: Record<string, any>) => void, Partial<ImportDraft>, string[]]>([ // eslint-disable-line @typescript-eslint/no-explicit-any
    ['the largest stamp (stops every later edit)', (i) => (i['csto:hlc'] = '2gosa7pa2gv-zzzzy-x', delete i['csto:device']), {}, ['stamp refused']],
    ['an 82-character stamp', (i) => (i['csto:hlc'] = `0lx3k9a1c00-00000-${'d'.repeat(64)}`), {}, ['stamp refused']],
    ['a stamp a week ahead', (i) => (i['csto:hlc'] = encode({ wall: NOW + 7 * 864e5, counter: 0, device: 'dev-a' })), {}, ['stamp refused']],
    ['a device that is not the stamp\'s', (i) => (i['csto:device'] = 'someone-else'), {}, ['stamp refused']],
    ['a non-UUID id', (i) => (i.id = 'not-a-uuid'), { id: uuidFromKey('via:urn:csto-lens:foreign:not-a-uuid'), via: 'urn:csto-lens:foreign:not-a-uuid' }, ['stamp refused']],
    ['an upper-case urn:uuid', (i) => (i.id = 'urn:uuid:11111111-1111-4111-8111-11111111111A'), { id: '11111111-1111-4111-8111-11111111111a' }, []],
    ['a page address with utm_ parameters and a fragment', (i) => (i.target.source = 'https://www.pakistanpoint.com/en/world/news/csto-should-focus-1000000.html?utm_source=x&utm_medium=y#top'), { source: 'https://www.pakistanpoint.com/en/world/news/csto-should-focus-1000000.html' }, []],
  ])('%s', (_n, mutate, want, notes) => {
    const f = file();
    mutate(f.first.items[0]);
    const [d] = read(f).drafts as [ImportDraft];
    expect(d).toMatchObject(want);
    if (notes.includes('stamp refused')) expect(d.hlc).toBeUndefined();
    expect(d.notes).toEqual(notes);
    expect(d.id).toMatch(UUID);
  });
});

describe('import: what is wrong is named by its path, and the other items still import', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const cases: [string, (f: Record<string, any>) => unknown, string][] = [
    ['item not an object', (f) => ((f.first.items[1] = 42), f), 'first.items[1]: expected object, received number'],
    ['item not an Annotation', (f) => ((f.first.items[1].type = 'Note'), f), 'first.items[1].type: expected "Annotation"'],
    ['id not a string', (f) => ((f.first.items[1].id = 7), f), 'first.items[1].id: expected the id as a string'],
    ['id too long', (f) => ((f.first.items[1].id = 'x'.repeat(400)), f), 'first.items[1].id: id longer than 300 characters'],
    ['bad created date', (f) => ((f.first.items[1].created = 'yesterday'), f), 'first.items[1].created: expected an ISO 8601 date-time'],
    ['relative source', (f) => ((f.first.items[1].target.source = '/news/1'), f), 'first.items[1].target.source: expected an absolute URL'],
    ['data: source', (f) => ((f.first.items[1].target.source = 'data:text/html,<script>alert(1)</script>'), f), 'first.items[1].target.source: only http(s) pages can be imported, not data:'],
    ['chrome:// source', (f) => ((f.first.items[1].target.source = 'chrome://settings'), f), 'first.items[1].target.source: only http(s) pages can be imported, not chrome:'],
    ['javascript: source', (f) => ((f.first.items[1].target.source = 'javascript:alert(1)'), f), 'first.items[1].target.source: only http(s) pages can be imported, not javascript:'],
    ['no target', (f) => (delete f.first.items[1].target, f), 'first.items[1].target: required'],
    ['no text selector', (f) => ((f.first.items[1].target.selector = [{ type: 'FragmentSelector', value: 'p1' }]), f), 'first.items[1].target.selector: FragmentSelector: a part of the resource by its fragment'],
    ['only a CSS selector', (f) => ((f.first.items[1].target.selector = { type: 'CssSelector', value: 'p' }), f), 'first.items[1].target.selector: CssSelector: a page element, not a passage of its text'],
    ['quote not a string', (f) => ((f.first.items[1].target.selector[0].exact = 7), f), 'first.items[1].target.selector[0].exact: expected string, received number'],
    ['empty quote', (f) => ((f.first.items[1].target.selector[0].exact = ''), f), 'first.items[1].target.selector[0].exact: expected a non-empty quote'],
    ['negative start', (f) => ((f.first.items[1].target.selector[1].start = -4), f), 'first.items[1].target.selector[1].start: Number must be greater than or equal to 0'],
    ['end before start', (f) => ((f.first.items[1].target.selector[1].end = 0), f), 'first.items[1].target.selector[1].end: expected end > start'],
    ['unknown colour', (f) => ((f.first.items[1]['csto:color'] = 'red'), f), 'first.items[1].csto:color: expected one of "yellow", "green", "blue", "pink", "purple", received "red"'],
    ['body value not a string', (f) => ((f.first.items[1].body = [{ type: 'TextualBody', value: 3 }]), f), 'first.items[1].body[0].value: expected string, received number'],
    ['entity id not a string', (f) => ((f.first.items[1]['csto:entityIds'] = [3]), f), 'first.items[1].csto:entityIds[0]: expected string, received number'],
    ['a note too long', (f) => ((f.first.items[1].body = [{ type: 'TextualBody', value: 'x'.repeat(100_001) }]), f), 'first.items[1].body[0].value: longer than 100000 characters'],
  ];

  it.each(cases)('%s', (_name, mutate, fragment) => {
    const r = read(mutate(file()));
    expect(r.rejected).toHaveLength(1);
    expect(`${r.rejected[0]!.path}: ${r.rejected[0]!.reason}`).toContain(fragment);
    expect(r.drafts.map((d) => d.id)).toEqual([live()[0]!.id, live()[2]!.id]);
  });

  it.each<[string, unknown, string]>([
    ['invalid JSON text', '{"type": ', 'not valid JSON: '],
    ['a number', 42, '(root): expected a JSON object or array'],
    ['an unknown object', { hello: 'world' }, '(root): not an annotation'],
    ['a page without items', { type: 'AnnotationPage', items: {} }, '(root).items: expected the page\'s list of annotations'],
    ['a collection whose pages are elsewhere', { type: 'AnnotationCollection', total: 3, first: 'http://example.org/page1' }, 'first: the collection\'s pages are not in the file'],
  ])('refuses a file that is %s as a whole', (_n, json, fragment) => {
    const r = openImport(json);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0]).toContain(fragment);
  });

  it.each([
    [[], '(root)'],
    [['first', 'items', 3, 'target', 'selector'], 'first.items[3].target.selector'],
    [[0, 'a'], '[0].a'],
  ])('formatPath(%j) = %j', (path, want) => {
    expect(formatPath(path)).toBe(want);
  });
});

describe('planImport (records already stamped, e.g. a sync replay)', () => {
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
