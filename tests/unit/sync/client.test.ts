import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { noteOf } from '../../../lib/annotations/model';
import { KEY_CHECK_ID } from '../../../lib/sync/key-check';
import { parseSyncKey } from '../../../lib/sync/sync-key';
import { SyncScheduler } from '../../../lib/sync/scheduler';
import { SyncService } from '../../../lib/sync/service';
import { deleteTestDbs, freshDbName, makeDevice, newInput, rng, setupAccount, snapshot, startServer, SERVER_URL, type TestServer } from './helpers';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());
afterEach(deleteTestDbs);

describe('SyncClient', () => {
  it('creates an account, links a second device, and carries creates, edits and deletions both ways', async () => {
    const a = makeDevice(freshDbName('a'), server.fetch);
    const b = makeDevice(freshDbName('b'), server.fetch);
    const syncKey = await setupAccount([a, b]);
    expect(parseSyncKey(syncKey).token).toHaveLength(43);

    const r = rng(1);
    const x = await a.notes.create(newInput(r, 'first note'));
    await a.client.sync();
    await b.client.sync();
    expect((await b.db.annotations.get(x.id))?.hlc).toBe(x.hlc);
    expect(await a.db.outbox.count()).toBe(0);

    await b.notes.edit(x.id, { note: 'edited on b' });
    await b.client.sync();
    await a.client.sync();
    expect(noteOf((await a.db.annotations.get(x.id))!)).toBe('edited on b');

    await a.notes.remove(x.id);
    await a.client.sync();
    await b.client.sync();
    expect((await b.db.annotations.get(x.id))?.deleted).toBe(true);
    expect(await snapshot(a.db)).toEqual(await snapshot(b.db));
    // the key-check record is never applied as an annotation
    expect(await b.db.annotations.get(KEY_CHECK_ID)).toBeUndefined();
  });

  it('pushes the notes a device had before it linked, and reports status', async () => {
    const a = makeDevice(freshDbName('a'), server.fetch);
    const b = makeDevice(freshDbName('b'), server.fetch);
    const r = rng(2);
    const before = await b.notes.create(newInput(r));
    await b.db.outbox.clear(); // as if an earlier account had taken it
    expect((await b.client.status()).enabled).toBe(false);
    await setupAccount([a, b]);
    const s = await b.client.status();
    expect(s).toMatchObject({ enabled: true, hasKey: true, verified: true, pending: 1, lastError: null, serverUrl: SERVER_URL });
    await b.client.sync();
    await a.client.sync();
    expect((await a.db.annotations.get(before.id))?.hlc).toBe(before.hlc);
    expect((await b.client.status()).lastSyncAt).not.toBeNull();
  });

  it('pages pulls and batches pushes within the limits', async () => {
    const a = makeDevice(freshDbName('a'), server.fetch, { pushLimits: { maxChangesPerPush: 7, maxPayloadChars: 65536, maxBodyBytes: 1 << 20 } });
    const b = makeDevice(freshDbName('b'), server.fetch, { pageLimit: 5 });
    await setupAccount([a, b]);
    const r = rng(3);
    for (let i = 0; i < 23; i++) await a.notes.create(newInput(r));
    const n0 = server.requests.length;
    expect((await a.client.sync()).pushed).toBe(23);
    expect(server.requests.slice(n0).filter((q) => q.method === 'POST').length).toBe(4);
    const n1 = server.requests.length;
    const res = await b.client.sync();
    expect(res.applied).toBe(23);
    expect(server.requests.slice(n1).filter((q) => q.method === 'GET').length).toBe(5); // 24 changes incl. key check, pages of 5
    expect(await snapshot(a.db)).toEqual(await snapshot(b.db));
  });

  it('keeps an edit made while its older version was being pushed queued, and pushes it next', async () => {
    const a = makeDevice(freshDbName('a'), server.fetch);
    const b = makeDevice(freshDbName('b'), server.fetch);
    await setupAccount([a, b]);
    const x = await a.notes.create(newInput(rng(4)));
    let edited = false;
    server.hooks.beforeCommit = async () => {
      if (edited) return;
      edited = true;
      await a.notes.edit(x.id, { note: 'edited during the push' });
    };
    try {
      await a.client.sync();
    } finally {
      server.hooks.beforeCommit = undefined;
    }
    expect(edited).toBe(true);
    // the first pass pushed the old version and kept the row; the second pass pushed the edit
    expect(await a.db.outbox.count()).toBe(0);
    await b.client.sync();
    expect(noteOf((await b.db.annotations.get(x.id))!)).toBe('edited during the push');
  });

  it('refuses a sync key the server does not know, and sync before setup', async () => {
    const a = makeDevice(freshDbName('a'), server.fetch);
    await expect(a.client.link(SERVER_URL, `${crypto.randomUUID()}.${'A'.repeat(43)}`)).rejects.toThrow(/does not know this sync key/);
    await expect(a.client.link(SERVER_URL, 'garbage')).rejects.toThrow(/not a sync key/);
    await expect(a.client.sync()).rejects.toThrow(/sync is off/);
    await a.client.createAccount(SERVER_URL);
    await expect(a.client.sync()).rejects.toThrow(/enter the passphrase/);
  });

  it('disconnect forgets account, key and cursor but keeps the annotations', async () => {
    const a = makeDevice(freshDbName('a'), server.fetch);
    await setupAccount([a]);
    const x = await a.notes.create(newInput(rng(5)));
    await a.client.sync();
    await a.client.disconnect();
    expect(await a.client.status()).toMatchObject({ enabled: false, hasKey: false, accountId: null });
    expect(await a.db.annotations.get(x.id)).toBeDefined();
    expect(await a.db.meta.get('sync.key')).toBeUndefined();
  });
});

describe('one step a device (issue 14.8)', () => {
  it('turns on with a passphrase, joins with the key alone (it names the server), shows the key again; a wrong passphrase leaves the joiner off', async () => {
    const service = (d: ReturnType<typeof makeDevice>) => new SyncService(d.client, new SyncScheduler({ run: () => d.client.sync(), setTimer: () => 0, clearTimer: () => undefined }));
    const a = makeDevice(freshDbName('a'), server.fetch);
    const b = makeDevice(freshDbName('b'), server.fetch);
    const c = makeDevice(freshDbName('c'), server.fetch);
    const on = await service(a).turnOn(SERVER_URL, 'correct horse battery staple');
    expect(on.status).toMatchObject({ enabled: true, hasKey: true, verified: true });
    await expect(service(c).join(on.syncKey, 'a wrong passphrase here')).rejects.toThrow(/wrong passphrase/);
    expect(await c.client.status()).toMatchObject({ enabled: false, hasKey: false });
    const joined = await service(b).join(on.syncKey, 'correct horse battery staple');
    expect(joined).toMatchObject({ enabled: true, hasKey: true, verified: true, serverUrl: SERVER_URL });
    // the key, again, on the linked device: the same account, token, salt and server
    expect((await service(b).showKey()).syncKey).toBe(on.syncKey);
    const x = await b.notes.create(newInput(rng(5)));
    await b.client.sync();
    await a.client.sync();
    expect((await a.db.annotations.get(x.id))?.hlc).toBe(x.hlc);
  });
});
