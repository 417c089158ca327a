// Faults in the middle of a sync: the server goes away mid-push, the service worker dies mid-sync
// (the client is abandoned, a new one starts on the same database), the database restarts.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Fetch } from '../../../lib/sync/api';
import { HttpError } from '../../../lib/sync/errors';
import { deleteTestDbs, freshDbName, makeDevice, newInput, reopen, rng, setupAccount, snapshot, startServer, syncUntilQuiet, type TestServer } from './helpers';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());
afterEach(deleteTestDbs);

const isPush = (url: string, init: RequestInit) => init.method === 'POST' && new URL(url).pathname === '/v1/changes';

describe('sync faults', () => {
  it('server stops after receiving a push (response lost): the retry converges, nothing lost', async () => {
    let cut = false;
    const fetch: Fetch = async (url, init) => {
      if (cut && isPush(url, init)) {
        cut = false;
        await (await server.fetch(url, init)).text(); // committed...
        throw new TypeError('fetch failed: socket hang up'); // ...but the answer never arrives
      }
      return server.fetch(url, init);
    };
    const a = makeDevice(freshDbName('a'), fetch);
    const b = makeDevice(freshDbName('b'), server.fetch);
    await setupAccount([a, b]);
    const r = rng(11);
    for (let i = 0; i < 5; i++) await a.notes.create(newInput(r));
    cut = true;
    await expect(a.client.sync()).rejects.toBeInstanceOf(HttpError);
    expect(await a.db.outbox.count()).toBe(5); // not confirmed: stays queued
    expect((await a.client.status()).lastError).toMatch(/cannot reach the sync server/);
    await syncUntilQuiet([a, b]);
    expect(await snapshot(b.db)).toEqual(await snapshot(a.db));
    expect((await snapshot(b.db)).length).toBe(5);
    expect((await a.client.status()).lastError).toBeNull();
  });

  it('server fails before COMMIT (push rolled back): the retry converges', async () => {
    const a = makeDevice(freshDbName('a'), server.fetch);
    const b = makeDevice(freshDbName('b'), server.fetch);
    await setupAccount([a, b]);
    const r = rng(12);
    for (let i = 0; i < 3; i++) await a.notes.create(newInput(r));
    server.hooks.beforeCommit = async () => {
      throw new Error('database went away');
    };
    try {
      await expect(a.client.sync()).rejects.toMatchObject({ status: 500 });
    } finally {
      server.hooks.beforeCommit = undefined;
    }
    expect(await a.db.outbox.count()).toBe(3);
    await syncUntilQuiet([a, b]);
    expect((await snapshot(b.db)).length).toBe(3);
    expect(await snapshot(b.db)).toEqual(await snapshot(a.db));
  });

  it('service worker terminated mid-sync: a new client on the same database converges, the late old one does no harm', async () => {
    let hang: ((v: void) => void) | null = null;
    const gate = new Promise<void>((res) => (hang = res));
    let hangNext = false;
    const fetch: Fetch = async (url, init) => {
      if (hangNext && isPush(url, init)) {
        hangNext = false;
        const res = await server.fetch(url, init); // the server handled it...
        await gate; // ...and the worker was killed before it saw the answer
        return res;
      }
      return server.fetch(url, init);
    };
    const a = makeDevice(freshDbName('a'), fetch);
    const b = makeDevice(freshDbName('b'), server.fetch);
    await setupAccount([a, b]);
    const r = rng(13);
    for (let i = 0; i < 4; i++) await a.notes.create(newInput(r));
    hangNext = true;
    const abandoned = a.client.sync();
    await new Promise((res) => setTimeout(res, 50));
    const x = (await a.db.annotations.toArray())[0]!;
    await a.notes.edit(x.id, { note: 'edited after the worker died' });

    const a2 = reopen(a, server.fetch); // new worker: new client on the same database
    await syncUntilQuiet([a2, b]);
    expect(await snapshot(b.db)).toEqual(await snapshot(a2.db));
    expect((await b.db.annotations.get(x.id))!.body[0]!.value).toBe('edited after the worker died');

    hang!();
    await abandoned.catch(() => undefined); // the old instance finishes late
    await syncUntilQuiet([a2, b]);
    expect(await snapshot(b.db)).toEqual(await snapshot(a2.db));
    expect((await snapshot(b.db)).length).toBe(4);
  });

  it('database restarted (a new LensDb on the same name): key, cursor and outbox survive, sync converges', async () => {
    const a = makeDevice(freshDbName('a'), server.fetch);
    const b = makeDevice(freshDbName('b'), server.fetch);
    await setupAccount([a, b]);
    const r = rng(14);
    await a.notes.create(newInput(r));
    await a.client.sync();
    await b.notes.create(newInput(r));
    const a2 = reopen(a, server.fetch, {}, true);
    const b2 = reopen(b, server.fetch, {}, true);
    expect(await a2.client.status()).toMatchObject({ enabled: true, hasKey: true, verified: true });
    expect(await b2.db.outbox.count()).toBe(1);
    await syncUntilQuiet([a2, b2]);
    expect((await snapshot(a2.db)).length).toBe(2);
    expect(await snapshot(a2.db)).toEqual(await snapshot(b2.db));
  });

  it('works offline and catches up later', async () => {
    let online = false;
    const fetch: Fetch = async (url, init) => {
      if (!online) throw new TypeError('fetch failed: offline');
      return server.fetch(url, init);
    };
    const a = makeDevice(freshDbName('a'), server.fetch);
    await setupAccount([a]);
    const off = reopen(a, fetch);
    const r = rng(15);
    const x = await off.notes.create(newInput(r));
    await off.notes.edit(x.id, { note: 'offline edit' });
    await expect(off.client.sync()).rejects.toThrow(/cannot reach/);
    expect(await off.db.outbox.count()).toBe(1);
    online = true;
    expect((await off.client.sync()).pushed).toBe(1);
  });
});
