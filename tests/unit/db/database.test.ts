import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { LensDb, declareVersions } from '../../../lib/db/database';
import { KB_TABLES } from '../../../lib/db/knowledge';
import { USER_TABLES } from '../../../lib/db/user-data';
import { deleteMeta, getMeta, setMeta } from '../../../lib/db/meta';
import type { KbData } from '../../../lib/kb/build';
import { readStats, storeKnowledgeBase, storedBuildKey } from '../../../lib/kb/store';

let n = 0;
const names: string[] = [];
const freshName = () => {
  const name = `test-db-${process.pid}-${n++}`;
  names.push(name);
  return name;
};
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

function data(buildKey: string, extra = 0): KbData {
  const doc = { id: 'd1', file: 'd1.txt', title: 'T', outlet: 'O', date: null, datePrecision: 'unknown' as const, text: 'CSTO met.', hash: 'h' };
  return {
    buildKey,
    documents: [doc],
    entities: Array.from({ length: 1 + extra }, (_, i) => ({
      id: `org:e${i}`,
      type: 'organization' as const,
      name: `E${i}`,
      description: 'd',
      origin: 'registry' as const,
    })),
    aliases: [{ id: 'org:e0|CSTO', entityId: 'org:e0', text: 'CSTO', caseSensitive: true }],
    mentions: [{ id: 'd1:0-4', entityId: 'org:e0', documentId: 'd1', start: 0, end: 4, text: 'CSTO' }],
    sentences: [{ id: 'd1#0', documentId: 'd1', index: 0, start: 0, end: 9 }],
    statements: [],
    facts: [{ id: 'f1', entityId: 'org:e0', kind: 'founded', text: 'x', documentId: 'registry', start: null, end: null }],
  };
}

describe('schema versions', () => {
  it('opens a version-1 profile with data, upgrades it to the current version, and keeps the data', async () => {
    const name = freshName();
    // A profile written by the first release: only version 1 of the schema.
    const v1 = new Dexie(name);
    v1.version(1).stores({
      documents: 'id, file',
      entities: 'id, type, name',
      aliases: 'id, entityId, text',
      mentions: 'id, entityId, documentId',
      sentences: 'id, documentId',
      statements: 'id, documentId, speakerId',
      facts: 'id, entityId, documentId',
      meta: 'key',
    });
    await v1.table('entities').put({ id: 'person:x', type: 'person', name: 'X', description: 'd', origin: 'registry' });
    await v1.table('statements').put({ id: 's1', documentId: 'd1', kind: 'quote', text: 'hi', speakerId: 'person:x' });
    await v1.table('meta').put({ key: 'userSetting', value: 42 });
    v1.close();

    const db = new LensDb(name);
    await db.open();
    expect(db.verno).toBe(8); // v6 (kb-speed): matcher snapshots; v7: learned documents; v8: documents by date
    expect(db.tables.map((t) => t.name)).toContain('matcherSnapshots');
    expect(await db.syncRejects.count()).toBe(0); // v5 (sync): set-aside changes
    expect(await db.entities.get('person:x')).toMatchObject({ name: 'X' });
    expect(await db.table('meta').get('userSetting')).toEqual({ key: 'userSetting', value: 42 });
    // The upgrade filled the new multi-entry index's field, so the row is reachable by it.
    const s1 = await db.statements.get('s1');
    expect(s1?.entityIds).toEqual([]);
    db.close();
  });

  it('opens a version-6 profile with the reader\'s data, upgrades it to v7, and keeps every row', async () => {
    const name = freshName();
    // A profile of the release before learning (v6): versions 1..6 exactly as they shipped.
    const v6 = new Dexie(name);
    for (const v of [1, 2, 3, 4, 5, 6]) v6.version(v).stores(schemaOf(v)!);
    await v6.open();
    expect(v6.verno).toBe(6);
    const note = { id: 'a1', target: { source: 'https://x/' }, modified: 'm', hlc: 'h1' };
    await v6.table('annotations').put(note);
    await v6.table('outbox').put({ id: 'a1', queuedAt: 1 });
    await v6.table('anchorState').put({ id: 'a1', source: 'https://x/', orphan: true, checkedAt: 2 });
    await v6.table('syncRejects').put({ key: 'server|b|h', source: 'server', id: 'b', hlc: 'h', reason: 'r', at: 3 });
    await v6.table('matcherSnapshots').put({ build: 'k1', savedAt: 's' });
    await v6.table('meta').put({ key: 'deviceId', value: 'd-0123456789abcdef' });
    await v6.table('statements').put({ id: 's1', documentId: 'd1', speakerId: null, entityIds: ['org:csto'] });
    v6.close();

    const db = new LensDb(name);
    await db.open();
    expect(db.verno).toBe(8); // and on to v8 (documents by date: an index only)
    expect(await db.learned.count()).toBe(0); // the new table, empty
    expect(await db.annotations.get('a1')).toEqual(note);
    expect(await db.outbox.get('a1')).toEqual({ id: 'a1', queuedAt: 1 });
    expect(await db.anchorState.where('source').equals('https://x/').count()).toBe(1);
    expect(await db.syncRejects.count()).toBe(1);
    expect(await db.matcherSnapshots.get('k1')).toMatchObject({ savedAt: 's' });
    expect(await getMeta(db, 'deviceId')).toBe('d-0123456789abcdef');
    expect(await db.statements.where('entityIds').equals('org:csto').count()).toBe(1);
    // Every table the class names is a table of the opened database, in one of the groups.
    expect(db.tables.map((t) => t.name).sort()).toEqual([...KB_TABLES, ...USER_TABLES, 'matcherSnapshots', 'meta'].sort());
    db.close();
  });
});

// The stores() of one shipped version, read from the real declaration (so this test cannot drift from it).
function schemaOf(v: number): Record<string, string> | null {
  const probe = new Dexie('schema-probe');
  declareVersions(probe);
  const version = (probe as unknown as { _versions: { _cfg: { version: number; storesSource: Record<string, string> } }[] })._versions.find((x) => x._cfg.version === v);
  return version ? version._cfg.storesSource : null;
}

describe('typed meta', () => {
  it('reads back what it wrote, under its key, and deletes', async () => {
    const db = new LensDb(freshName());
    expect(await getMeta(db, 'sync.cursor')).toBeUndefined();
    await setMeta(db, 'sync.cursor', 'c-42');
    await setMeta(db, 'sync.status', { lastSyncAt: 1, lastAttemptAt: 2, lastError: null });
    expect(await getMeta(db, 'sync.cursor')).toBe('c-42');
    expect((await getMeta(db, 'sync.status'))?.lastAttemptAt).toBe(2);
    await deleteMeta(db, 'sync.cursor', 'sync.status');
    expect(await db.meta.count()).toBe(0);
    // @ts-expect-error: each key has one value type (tsc fails here if meta goes untyped again)
    await setMeta(db, 'sync.cursor', 42).catch(() => {});
    db.close();
  });
});

describe('storing a build', () => {
  it('is idempotent: the same build twice writes once and changes nothing', async () => {
    const db = new LensDb(freshName());
    expect(await storeKnowledgeBase(db, data('k1'))).toBe(true);
    const before = await readStats(db);
    expect(await storeKnowledgeBase(db, data('k1'))).toBe(false);
    expect(await readStats(db)).toEqual(before);
    db.close();
  });

  it('a new build replaces the knowledge base and leaves other data alone', async () => {
    const db = new LensDb(freshName());
    await storeKnowledgeBase(db, data('k1', 3));
    await db.table('meta').put({ key: 'userSetting', value: 'kept' });
    const note = { id: 'a1', type: 'Annotation' as const, created: 'c', modified: 'm', target: { source: 'https://x/', title: 't', selector: [{ type: 'TextQuoteSelector' as const, exact: 'CSTO', prefix: '', suffix: '' }, { type: 'TextPositionSelector' as const, start: 0, end: 4 }] as [never, never] }, body: [], color: 'yellow' as const, entityIds: [], hlc: 'h', device: 'd', deleted: false };
    await db.annotations.put(note);
    await db.outbox.put({ id: 'a1', queuedAt: 1 });
    expect((await readStats(db)).entities).toBe(4);
    expect(await storeKnowledgeBase(db, data('k2'))).toBe(true);
    expect((await readStats(db)).entities).toBe(1);
    expect(await storedBuildKey(db)).toBe('k2');
    expect((await db.table('meta').get('userSetting'))?.value).toBe('kept');
    expect(await db.annotations.get('a1')).toEqual(note);
    expect(await db.outbox.count()).toBe(1);
    db.close();
  });

  it('a failed write leaves the previous build whole', async () => {
    const db = new LensDb(freshName());
    await storeKnowledgeBase(db, data('k1', 2));
    const broken = data('k2');
    broken.entities.push({ ...broken.entities[0]! }); // duplicate key: bulkAdd fails mid-transaction
    await expect(storeKnowledgeBase(db, broken)).rejects.toThrow();
    expect((await readStats(db)).entities).toBe(3);
    expect(await storedBuildKey(db)).toBe('k1');
    db.close();
  });
});
