import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { LensDb } from '../../../lib/db/database';
import { buildTimeline, compareNewestFirst, dateSortKey, timelineCount, timelineFor } from '../../../lib/kb/timeline';
import type { DatePrecision, SourceDocument, Statement } from '../../../lib/model/types';

// The statement timeline (issue 17.5): newest first with partial and missing dates, filters by speaker and source.

const doc = (id: string, date: string | null, datePrecision: DatePrecision, over: Partial<SourceDocument> = {}): SourceDocument => ({
  id, file: `${id}.txt`, title: `Title ${id}`, outlet: 'TASS', date, datePrecision, text: '', hash: '', ...over,
});
const st = (id: string, documentId: string, speakerId: string | null, over: Partial<Statement> = {}): Statement => ({
  id, documentId, kind: 'quote', text: `said ${id}`, start: 0, end: 1, speakerId, speakerName: speakerId ? speakerId.replace('person:', '') : null, speakerMention: null, date: null, entityIds: [], ...over,
});
const ZAS = { id: 'person:zas', type: 'person' as const, name: 'Stanislav Zas' };

describe('dateSortKey', () => {
  it.each([
    ['2021-05-12', 'day', '2021-05-12'],
    ['2021-05-12T10:00:00Z', 'day', '2021-05-12'],
    ['2021-05', 'day', '2021-05-00'],
    ['2021', 'year-inferred', '2021-00-00'],
    ['--05-12', 'day-no-year', null],
    [null, 'unknown', null],
    ['2021-05-12', 'unknown', null],
    ['sometime', 'day', null],
  ] as const)('%s (%s) → %s', (date, precision, key) => {
    expect(dateSortKey(date, precision)).toBe(key);
  });
});

describe('timeline order and filters', () => {
  const docs = new Map(
    [
      doc('a', '2016-11-14', 'day'),
      doc('b', '2021-09-16', 'day'),
      doc('c', '2021', 'year-inferred', { outlet: 'kremlin.ru' }),
      doc('d', '--05-12', 'day-no-year'),
      doc('e', null, 'unknown'),
      doc('f', '--11-01', 'day-no-year'),
      doc('l-1', '2025-03-04', 'day', { origin: 'learned', url: 'https://example.org/x', outlet: 'Example Wire' }),
    ].map((d) => [d.id, d]),
  );
  const statements = [
    st('a:st:1', 'a', 'person:zas'),
    st('b:st:1', 'b', 'person:lavrov', { entityIds: ['person:zas'], date: '2021-09-16' }),
    st('c:st:1', 'c', 'person:zas'),
    st('d:st:1', 'd', 'person:zas'),
    st('e:st:1', 'e', null, { speakerName: 'a spokesman' }),
    st('f:st:1', 'f', 'person:zas'),
    st('l-1:st:5', 'l-1', 'person:zas', { date: '2025-03-04' }),
    st('l-1:st:40', 'l-1', 'person:zas', { date: '2025-03-04' }),
    st('gone:st:1', 'gone', 'person:zas'), // its document is not stored: left out
  ];

  it('newest first; a year only after that year\'s days; no year and no date last, by month and day', () => {
    const t = buildTimeline(ZAS, [...statements].reverse(), docs);
    expect(t.items.map((i) => i.id)).toEqual(['l-1:st:5', 'l-1:st:40', 'b:st:1', 'c:st:1', 'a:st:1', 'f:st:1', 'd:st:1', 'e:st:1']);
    expect(t.total).toBe(8);
    expect(t.items.find((i) => i.id === 'b:st:1')).toMatchObject({ relation: 'names', speakerName: 'lavrov' });
    expect(t.items[0]).toMatchObject({ relation: 'spoken', source: { origin: 'learned', outlet: 'Example Wire', url: 'https://example.org/x' } });
  });

  it('filters by speaker (by id, or by name when the registry lacks them) and by source (shipped, learned, an outlet), with counts', () => {
    const t = buildTimeline(ZAS, statements, docs);
    expect(t.speakers).toEqual([
      { key: 'person:zas', label: 'zas', count: 6 },
      { key: 'name:a spokesman', label: 'a spokesman', count: 1 },
      { key: 'person:lavrov', label: 'lavrov', count: 1 },
    ]);
    expect(t.sources.find((s) => s.key === 'learned')).toMatchObject({ count: 2 });
    expect(t.sources.find((s) => s.key === 'outlet:kremlin.ru')).toMatchObject({ count: 1 });
    expect(buildTimeline(ZAS, statements, docs, { speaker: 'person:lavrov' }).items.map((i) => i.id)).toEqual(['b:st:1']);
    expect(buildTimeline(ZAS, statements, docs, { speaker: 'name:a spokesman' }).items.map((i) => i.id)).toEqual(['e:st:1']);
    expect(buildTimeline(ZAS, statements, docs, { source: 'learned' }).items.map((i) => i.id)).toEqual(['l-1:st:5', 'l-1:st:40']);
    expect(buildTimeline(ZAS, statements, docs, { source: 'seed', speaker: 'person:zas' }).items).toHaveLength(4);
    expect(buildTimeline(ZAS, statements, docs, { source: 'outlet:kremlin.ru' }).items.map((i) => i.id)).toEqual(['c:st:1']);
    expect(buildTimeline(ZAS, statements, docs, { source: 'outlet:kremlin.ru' }).total).toBe(8);
  });

  it('compareNewestFirst is a total order (antisymmetric on every pair)', () => {
    const items = buildTimeline(ZAS, statements, docs).items;
    for (const a of items) for (const b of items) expect(Math.sign(compareNewestFirst(a, b)) + Math.sign(compareNewestFirst(b, a))).toBe(0);
  });
});

describe('timelineFor', () => {
  it('reads an entity\'s spoken and naming statements once each from the database', async () => {
    const db = new LensDb(`timeline-${process.pid}`);
    await db.entities.put({ ...ZAS, description: '', origin: 'registry' });
    await db.documents.bulkPut([...new Map([['a', doc('a', '2016-11-14', 'day')], ['b', doc('b', '2021-09-16', 'day')]]).values()]);
    await db.statements.bulkPut([st('a:st:1', 'a', 'person:zas', { entityIds: ['person:zas'] }), st('b:st:1', 'b', 'person:lavrov', { entityIds: ['person:zas'] }), st('b:st:2', 'b', 'person:lavrov')]);
    const t = await timelineFor(db, 'person:zas');
    expect(t?.items.map((i) => i.id)).toEqual(['b:st:1', 'a:st:1']);
    expect(await timelineCount(db, 'person:zas')).toBe(2);
    expect(await timelineFor(db, 'person:nobody')).toBeNull();
    db.close();
    await Dexie.delete(db.name);
  });
});
