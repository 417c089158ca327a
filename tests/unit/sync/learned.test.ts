import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AnnotationStore } from '../../../lib/annotations/store';
import { LensDb } from '../../../lib/db/database';
import { LearnedStore } from '../../../lib/kb/learned-store';
import { LearnService } from '../../../lib/kb/learn-service';
import { KnowledgeService } from '../../../lib/kb/service';
import type { ArticleRead } from '../../../lib/model/types';
import { SyncApi } from '../../../lib/sync/api';
import { SyncClient } from '../../../lib/sync/client';
import { sealJson } from '../../../lib/sync/envelope';
import { learnedRecordId, LEARNED_KIND } from '../../../lib/sync/learned-record';
import type { LearnedPort } from '../../../lib/sync/learned-sync';
import { diskSources } from '../../../scripts/lib/sources';
import { cachedDeriveKey, deleteTestDbs, freshDbName, newInput, PASSPHRASE, rng, SERVER_URL, startServer, type TestServer } from './helpers';

// Learned pages (issue 17.4) as a second sync record kind: a page added on one device reaches the other
// (stored through the learning service, which rebuilds with it), a removal travels as a tombstone, a page
// too large for one record stays home with a clear reason, and a kind a client does not read is kept and
// ignored, never set aside, and applied once a client that reads it runs on the same database.

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());
afterEach(deleteTestDbs);

const TEXT = [
  'CSTO chief warns of rising threats on the Tajik-Afghan border',
  'DUSHANBE, March 4 — The Secretary General of the Collective Security Treaty Organization said on Tuesday that the situation on the Tajik-Afghan border remained tense.',
  '"We see a growing number of militants near the border, and the CSTO is ready to help Tajikistan," Imangali Tasmagambetov told reporters in Dushanbe.',
  'Russian Foreign Minister Sergey Lavrov said the alliance would strengthen the outer perimeter of its member states.',
].join('\n');
const read = (over: Partial<ArticleRead> = {}): ArticleRead => ({
  location: 'https://www.example-news.com/world/2025/03/04/csto-border',
  canonical: null,
  title: 'CSTO chief warns of rising threats on the Tajik-Afghan border',
  outlet: 'Example News',
  published: '2025-03-04',
  lang: 'en',
  text: TEXT,
  ...over,
});

/** An HLC stamp of now for a made-up device. */
const stampNow = (device: string) => `${Date.now().toString(36).padStart(11, '0')}-00000-${device}`;

interface Dev {
  db: LensDb;
  notes: AnnotationStore;
  store: LearnedStore;
  client: SyncClient;
  calls: string[];
}

/** A device whose learned pages are stored by a port that records its calls (`learn` replaces it). */
function device(label: string, opts: { port?: 'store' | 'none' | LearnedPort; dbName?: string } = {}): Dev {
  const db = new LensDb(opts.dbName ?? freshDbName(label));
  const notes = new AnnotationStore(db);
  const store = new LearnedStore(db);
  const calls: string[] = [];
  const port: LearnedPort | undefined =
    opts.port === 'none'
      ? undefined
      : typeof opts.port === 'object'
        ? opts.port
        : { restore: async (d) => (calls.push(`restore ${d.id}`), store.restore(d)), remove: async (id) => (calls.push(`remove ${id}`), store.remove(id)) };
  const client = new SyncClient({ db, notes, learned: port, fetch: server.fetch, deriveKey: cachedDeriveKey, deviceName: label });
  return { db, notes, store, client, calls };
}

async function link(a: Dev, b: Dev): Promise<string> {
  const { syncKey } = await a.client.createAccount(SERVER_URL);
  await a.client.setPassphrase(PASSPHRASE);
  await b.client.link(null, syncKey); // the v3 key names its server
  await b.client.setPassphrase(PASSPHRASE);
  return syncKey;
}

describe('learned pages in sync', () => {
  it('a page learned on one device reaches the other whole; removing it travels as a tombstone; no echo', async () => {
    const a = device('a');
    const b = device('b');
    await link(a, b);
    const learned = await a.store.learn(read());
    if (!learned.ok) throw new Error(learned.error);
    await a.client.sync();
    await b.client.sync();
    expect(await b.db.learned.get(learned.doc.id)).toEqual(learned.doc);
    expect(b.calls).toEqual([`restore ${learned.doc.id}`]);
    expect(await b.store.key()).toBe(await a.store.key()); // same learned set: the same build key
    // receiving is not a local edit: nothing queued, nothing pushed back
    await b.client.learned.scan();
    expect(await b.db.outbox.count()).toBe(0);
    expect((await b.client.sync()).pushed).toBe(0);

    // the server holds ciphertext only
    const { rows } = await server.db.query<{ payload: string }>('SELECT payload FROM records');
    const all = JSON.stringify(rows);
    expect(all).not.toContain('example-news');
    expect(all).not.toContain('Tasmagambetov');

    await a.store.remove(learned.doc.id);
    const r = await a.client.sync();
    expect(r.pushed).toBe(1);
    await b.client.sync();
    expect(await b.db.learned.get(learned.doc.id)).toBeUndefined();
    expect(b.calls).toEqual([`restore ${learned.doc.id}`, `remove ${learned.doc.id}`]);
    expect((await b.client.status()).setAside).toBe(0);
  });

  it('an update on the other device wins by its newer stamp; the same page learned on both is one record', async () => {
    const a = device('a');
    const b = device('b');
    await link(a, b);
    const onA = await a.store.learn(read());
    const onB = await b.store.learn(read({ text: `${TEXT}\nUpdated at 14:00 with the Secretariat's comment.` }), new Date(Date.now() + 5));
    if (!onA.ok || !onB.ok) throw new Error('not learned');
    expect(onA.doc.id).toBe(onB.doc.id);
    await a.client.sync();
    await b.client.sync();
    await a.client.sync();
    const [da, db] = [await a.db.learned.get(onA.doc.id), await b.db.learned.get(onA.doc.id)];
    expect(da).toEqual(db);
    expect(da!.text).toContain('Updated at 14:00');
    const { rows } = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM records WHERE id = $1', [
      await learnedRecordId(onA.doc.id, (await a.client.state.config())!.salt!),
    ]);
    expect(rows[0]!.n).toBe(1);
  });

  it('a page too large for one sync record stays on this device, with the reason in the status; the outbox drains', async () => {
    const a = device('a');
    const b = device('b');
    await link(a, b);
    const r = rng(7);
    // 120 000 characters of letters in no pattern: deflate cannot shrink them under one record
    const noise = Array.from({ length: 20_000 }, () => Math.floor(r() * 36 ** 5).toString(36).padStart(5, 'a')).join(' ');
    const big = await a.store.learn(read({ text: `${TEXT}\n${noise}`, location: 'https://www.example-news.com/long-read' }));
    if (!big.ok) throw new Error(big.error);
    const note = await a.notes.create(newInput(rng(8)));
    await a.client.sync();
    const s = await a.client.status();
    expect(s.pending).toBe(0);
    expect(s.setAside).toBe(1);
    expect(s.setAsideReasons[0]!.reason).toMatch(/^learned page "CSTO chief warns.*" not synced: \d+ KB compressed, more than the 47 KB one sync record holds/);
    expect(await a.db.learned.get(big.doc.id)).toBeDefined(); // nothing lost
    await b.client.sync();
    expect(await b.db.learned.count()).toBe(0);
    expect(await b.db.annotations.get(note.id)).toBeDefined(); // the rest synced
  });

  it('a record of a kind this client does not read is kept, not set aside; a client that reads it applies it later', async () => {
    const a = device('a');
    const old = device('old', { port: 'none' }); // a client that does not sync learned pages
    await link(a, old);
    const learned = await a.store.learn(read());
    if (!learned.ok) throw new Error(learned.error);
    await a.client.sync();
    // and a kind no version knows yet, pushed by some newer client
    const key = (await a.client.state.key((await a.client.state.config())!.accountId))!.key;
    const config = (await a.client.state.config())!;
    const fhead = { id: '5f0c2b1e-0000-4000-8000-00000000f077', hlc: stampNow('dfuture'), device: 'dfuture', deleted: false };
    const future = await sealJson(key, fhead, { type: 'csto:FutureThing', ...fhead, whatever: [1, 2, 3] });
    await new SyncApi({ serverUrl: SERVER_URL, token: config.token, fetch: server.fetch }).push([future]);
    const note = await a.notes.create(newInput(rng(3)));
    await a.client.sync();

    await old.client.sync();
    const s = await old.client.status();
    expect(s).toMatchObject({ setAside: 0, lastError: null, kept: 2 });
    expect(await old.db.learned.count()).toBe(0);
    expect(await old.db.annotations.get(note.id)).toBeDefined();
    const kept = await old.client.kept.all();
    expect(kept.map((k) => k.kind).sort()).toEqual(['csto:FutureThing', LEARNED_KIND]);

    // the same database, now with a client that reads learned pages: the kept one is applied, no pull from 0
    const upgraded = device('old', { dbName: old.db.name });
    const cursor = await upgraded.client.state.cursor();
    await upgraded.client.sync();
    expect(await upgraded.client.state.cursor()).toBe(cursor);
    expect(await upgraded.db.learned.get(learned.doc.id)).toEqual(learned.doc);
    expect((await upgraded.client.kept.all()).map((k) => k.kind)).toEqual(['csto:FutureThing']);
    expect((await upgraded.client.status()).setAside).toBe(0);
  });

  it('a forged learned record (its id not the one its page gives) is set aside, the rest goes on', async () => {
    const a = device('a');
    const b = device('b');
    await link(a, b);
    const config = (await a.client.state.config())!;
    const key = (await a.client.state.key(config.accountId))!.key;
    const head = { id: '6a0c2b1e-0000-4000-8000-0000000000aa', hlc: stampNow('dforger'), device: 'dforger', deleted: true };
    await new SyncApi({ serverUrl: SERVER_URL, token: config.token, fetch: server.fetch }).push([
      await sealJson(key, head, { type: LEARNED_KIND, ...head, learnedId: 'l-0123456789abcdef' }),
    ]);
    await b.client.sync();
    const s = await b.client.status();
    expect(s.setAside).toBe(1);
    expect(s.setAsideReasons[0]!.reason).toMatch(/invalid learned page: learned record: its id is not the one its document gives/);
  });

  it('a pulled page is rebuilt into the knowledge base through the learning service: its statements are there', async () => {
    const a = device('a');
    const bName = freshDbName('b');
    const bDb = new LensDb(bName);
    const kb = new KnowledgeService(bDb, () => diskSources());
    const learning = new LearnService(bDb, kb);
    const b = device('b', { dbName: bName, port: learning });
    await link(a, b);
    await kb.ensureBuilt();
    const learned = await a.store.learn(read());
    if (!learned.ok) throw new Error(learned.error);
    await a.client.sync();
    await b.client.sync();
    const statements = await b.db.statements.where('documentId').equals(learned.doc.id).toArray();
    expect(statements.find((s) => s.text.includes('growing number of militants'))).toBeDefined();
    expect((await learning.list()).map((x) => x.id)).toEqual([learned.doc.id]);
    bDb.close();
  }, 120_000);
});
