import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { describe as describeSelectors } from '../../../lib/anchoring';
import { decode, encode, stampProblem } from '../../../lib/annotations/hlc';
import { noteOf, tagsOf, type Annotation } from '../../../lib/annotations/model';
import { AnnotationStore } from '../../../lib/annotations/store';
import { LensDb } from '../../../lib/db/database';

const names: string[] = [];
const store = () => {
  const name = `notes-${process.pid}-${names.length}`;
  names.push(name);
  return new AnnotationStore(new LensDb(name));
};
afterEach(async () => {
  for (const n of names.splice(0)) await Dexie.delete(n);
});

const text = 'Russian Foreign Minister Sergey Lavrov said the CSTO should focus on counterterrorism.';
const input = (source = 'https://news.example/a') => ({
  source,
  title: 'A',
  selector: describeSelectors(text, 25, 38),
  note: 'who said it',
  tags: ['lavrov', '#csto'],
  color: 'green' as const,
});

describe('AnnotationStore', () => {
  it('stamps every local change with a rising HLC of this device and queues it for sync', async () => {
    const s = store();
    const a = await s.create(input());
    const b = await s.edit(a.id, { note: 'Lavrov, May 2020' });
    const c = await s.remove(a.id);
    const d = await s.restore(a.id);
    const stamps = [a, b, c, d].map((x) => x.hlc);
    expect([...stamps].sort()).toEqual(stamps);
    expect(new Set(stamps).size).toBe(4);
    expect(new Set([a, b, c, d].map((x) => x.device)).size).toBe(1);
    expect(decode(a.hlc).device).toBe(a.device);
    expect(await s.db.outbox.count()).toBe(1); // one row per record, however many edits
    expect(noteOf(b)).toBe('Lavrov, May 2020');
    expect(tagsOf(b)).toEqual(['lavrov', 'csto']);
    expect(c.deleted).toBe(true);
    expect(d.deleted).toBe(false);
    s.db.close();
  });

  it('never hard-deletes: a deleted annotation is a tombstone, out of the page list', async () => {
    const s = store();
    const a = await s.create(input());
    await s.remove(a.id);
    expect(await s.forPage('https://news.example/a')).toEqual([]);
    expect((await s.db.annotations.get(a.id))?.deleted).toBe(true);
    s.db.close();
  });

  it('keeps the clock across restarts: a new store on the same database stamps after the last one', async () => {
    const s = store();
    const a = await s.create(input());
    const again = new AnnotationStore(new LensDb(s.db.name));
    const b = await again.create(input());
    expect(b.device).toBe(a.device);
    expect(b.hlc > a.hlc).toBe(true);
    s.db.close();
    again.db.close();
  });

  it('applies remote versions by last-writer-wins without queueing them, and advances the clock past them', async () => {
    const s = store();
    const mine = await s.create(input());
    await s.db.outbox.clear();
    const future = encode({ wall: Date.now() + 60_000, counter: 0, device: 'd-remote' });
    const remote: Annotation = { ...mine, hlc: future, device: 'd-remote', color: 'pink' };
    const older: Annotation = { ...mine, hlc: encode({ wall: 1, counter: 0, device: 'd-old' }), device: 'd-old', color: 'blue' };
    expect(await s.applyRemote([older])).toEqual([]);
    expect(await s.applyRemote([remote])).toEqual([mine.id]);
    expect((await s.db.annotations.get(mine.id))?.color).toBe('pink');
    expect(await s.db.outbox.count()).toBe(0);
    const next = await s.edit(mine.id, { color: 'yellow' });
    expect(next.hlc > future).toBe(true);
    s.db.close();
  });

  it('imports in one transaction: newer versions win, older ones are skipped', async () => {
    const s = store();
    const a = await s.create(input());
    const newer: Annotation = { ...a, hlc: encode({ wall: Date.now() + 60_000, counter: 0, device: 'd-x' }), color: 'purple' };
    const fresh: Annotation = { ...a, id: '7f3c2a1e-0000-4000-8000-000000000001' };
    const older: Annotation = { ...a, hlc: encode({ wall: 1, counter: 0, device: 'd-x' }), color: 'blue' };
    expect(await s.importMany([newer, fresh])).toEqual({ added: 1, updated: 1, skipped: 0 });
    expect((await s.db.annotations.get(a.id))?.color).toBe('purple');
    expect((await s.importMany([older])).skipped).toBe(1);
    expect((await s.db.annotations.get(a.id))?.color).toBe('purple');
    s.db.close();
  });
});

// Issue 11, point 1: one record with an impossible stamp or id stopped all note-taking for good.
const UUID = '7f3c2a1e-0000-4000-8000-0000000000aa';
const LARGEST_SAFE = '2gosa7pa2gv-zzzzy-x'; // wall = Number.MAX_SAFE_INTEGER
const OVERLONG = `0lx3k9a1c00-00000-${'d'.repeat(64)}`; // 82 characters
const YEAR_AHEAD = () => encode({ wall: Date.now() + 365 * 86_400_000, counter: 0, device: 'd-future' });

function oldRecord(over: Partial<Annotation>): Annotation {
  const t = new Date().toISOString();
  return {
    id: UUID,
    type: 'Annotation',
    created: t,
    modified: t,
    target: { source: 'https://news.example/a', title: 'A', selector: describeSelectors(text, 25, 38) },
    body: [{ type: 'TextualBody', purpose: 'commenting', value: 'kept through the repair' }],
    color: 'yellow',
    entityIds: [],
    hlc: encode({ wall: Date.now() - 1000, counter: 0, device: 'x' }),
    device: 'x',
    deleted: false,
    ...over,
  };
}

describe('AnnotationStore: a database poisoned by older versions recovers on open', () => {
  const cases: { name: string; clock: string | null; record: Partial<Annotation>; queued?: false }[] = [
    { name: 'clock and record at the largest safe stamp', clock: LARGEST_SAFE, record: { hlc: LARGEST_SAFE } },
    { name: 'clock and record with an 82-character stamp', clock: OVERLONG, record: { hlc: OVERLONG, device: 'd'.repeat(64) } },
    { name: 'a record stamped a year ahead', clock: null, record: { hlc: YEAR_AHEAD(), device: 'd-future' } },
    { name: 'a clock a year ahead, records fine', clock: YEAR_AHEAD(), record: {}, queued: false },
    { name: 'a record whose id is not a UUID', clock: null, record: { id: 'note-1' } },
    { name: 'an upper-case UUID', clock: null, record: { id: UUID.toUpperCase() } },
  ];
  it.each(cases)('$name: create, edit and delete work again, the note is kept (and queued when repaired)', async ({ clock, record, queued }) => {
    const name = `notes-${process.pid}-${names.length}`;
    names.push(name);
    const raw = new LensDb(name);
    const poisoned = oldRecord(record);
    await raw.annotations.put(poisoned);
    if (clock) await raw.meta.put({ key: 'hlcLast', value: clock });
    await raw.meta.put({ key: 'deviceId', value: 'd-0123456789abcdef' });
    raw.close();

    const s = new AnnotationStore(new LensDb(name));
    const fresh = await s.create(input());
    const all = await s.db.annotations.toArray();
    expect(all).toHaveLength(2);
    const kept = all.find((a) => a.id !== fresh.id)!;
    expect(noteOf(kept)).toBe('kept through the repair');
    expect(kept.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    for (const a of all) expect(stampProblem(a.hlc, Date.now())).toBeNull();
    expect(!!(await s.db.outbox.get(kept.id))).toBe(queued ?? true);
    const edited = await s.edit(kept.id, { note: 'edited after the repair' });
    const gone = await s.remove(fresh.id);
    const again = await s.create(input());
    expect([kept.hlc, edited.hlc, gone.hlc, again.hlc].every((h, i, xs) => i === 0 || h > xs[i - 1]!)).toBe(true);
    expect(stampProblem((await s.db.meta.get('hlcLast'))!.value, Date.now())).toBeNull();
    s.db.close();

    // and after a restart
    const t = new AnnotationStore(new LensDb(name));
    await t.edit(kept.id, { note: 'after a restart' });
    await t.create(input());
    t.db.close();
  });

  it('re-keys a bad id to the same UUID on every device', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const name = `notes-${process.pid}-${names.length}`;
      names.push(name);
      const raw = new LensDb(name);
      await raw.annotations.put(oldRecord({ id: 'imported-note-7' }));
      raw.close();
      const s = new AnnotationStore(new LensDb(name));
      await s.clock();
      ids.push((await s.db.annotations.toArray())[0]!.id);
      expect(await s.db.annotations.get('imported-note-7')).toBeUndefined();
      s.db.close();
    }
    expect(ids[0]).toBe(ids[1]);
  });
});

describe('AnnotationStore: refuses records the rules refuse, writes nothing', () => {
  const future = () => ({ ...oldRecord({}), hlc: YEAR_AHEAD(), device: 'd-future' });
  const cases: { name: string; write: (s: AnnotationStore) => Promise<unknown>; error: RegExp }[] = [
    { name: 'create with a non-UUID id', write: (s) => s.create({ ...input(), id: 'not-a-uuid' }), error: /id: record id must be a lowercase UUID/ },
    { name: 'create with an upper-case UUID', write: (s) => s.create({ ...input(), id: UUID.toUpperCase() }), error: /lowercase UUID/ },
    { name: 'remote version a year ahead', write: (s) => s.applyRemote([future()]), error: /more than a day ahead/ },
    { name: 'remote version at the largest safe stamp', write: (s) => s.applyRemote([{ ...oldRecord({}), hlc: LARGEST_SAFE }]), error: /more than a day ahead/ },
    { name: 'remote version with a non-UUID id', write: (s) => s.applyRemote([{ ...oldRecord({}), id: 'x' }]), error: /lowercase UUID/ },
    { name: 'remote version without a body list', write: (s) => s.applyRemote([{ ...oldRecord({}), body: 'x' } as unknown as Annotation]), error: /body/ },
  ];
  it.each(cases)('$name', async ({ write, error }) => {
    const s = store();
    await s.create(input());
    const before = await s.db.annotations.toArray();
    const clockBefore = (await s.db.meta.get('hlcLast'))!.value;
    await expect(write(s)).rejects.toThrow(error);
    expect(await s.db.annotations.toArray()).toEqual(before);
    expect((await s.db.meta.get('hlcLast'))!.value).toBe(clockBefore);
    await s.edit(before[0]!.id, { note: 'still works' });
    s.db.close();
  });
});

describe('anchoring outcomes (reportAnchoring)', () => {
  it('records orphans and anchored notes of a page, and a later report overwrites the earlier', async () => {
    const s = store();
    const a = await s.create(input());
    const b = await s.create(input());
    await s.reportAnchoring('https://news.example/a', [a.id], [b.id], 10);
    expect(await s.db.anchorState.get(a.id)).toEqual({ id: a.id, source: 'https://news.example/a', orphan: true, checkedAt: 10 });
    expect((await s.db.anchorState.get(b.id))?.orphan).toBe(false);
    await s.reportAnchoring('https://news.example/a', [], [a.id], 20);
    expect(await s.db.anchorState.get(a.id)).toMatchObject({ orphan: false, checkedAt: 20 });
    // Device-local: nothing queued for sync beyond the two creations.
    expect(await s.db.outbox.count()).toBe(2);
    expect((await s.get(a.id))?.id).toBe(a.id);
    expect(await s.get('missing')).toBeUndefined();
  });
});
