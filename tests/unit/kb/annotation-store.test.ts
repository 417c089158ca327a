import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { describe as describeSelectors } from '../../../lib/anchoring';
import { decode, encode } from '../../../lib/annotations/hlc';
import { noteOf, tagsOf, type Annotation } from '../../../lib/annotations/model';
import { AnnotationStore } from '../../../lib/kb/annotation-store';
import { LensDb } from '../../../lib/kb/db';

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
