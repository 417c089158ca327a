// A second device with another passphrase: a clear error, and nothing changes, neither on the server
// nor on that device. Also when the passphrase was entered offline and is only checked at the first sync.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Fetch } from '../../../lib/sync/api';
import { WRONG_PASSPHRASE_MESSAGE, WrongPassphraseError } from '../../../lib/sync/errors';
import type { Change } from '../../../lib/sync/protocol';
import { deleteTestDbs, freshDbName, makeDevice, newInput, rng, setupAccount, snapshot, startServer, SERVER_URL, type TestServer } from './helpers';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());
afterEach(deleteTestDbs);

async function serverRecords(): Promise<Change[]> {
  const { rows } = await server.db.query<Change>('SELECT id, hlc, device, deleted, payload FROM records ORDER BY account_id, id');
  return rows;
}

describe('wrong passphrase', () => {
  it('is refused when it is set: clear error, no key stored, server and local data unchanged', async () => {
    const a = makeDevice(freshDbName('a'), server.fetch);
    const syncKey = await setupAccount([a], 'the right passphrase');
    const r = rng(21);
    await a.notes.create(newInput(r));
    await a.client.sync();

    const b = makeDevice(freshDbName('b'), server.fetch);
    const mine = await b.notes.create(newInput(r, 'b was here first'));
    await b.client.link(SERVER_URL, syncKey);
    const serverBefore = await serverRecords();
    const localBefore = await snapshot(b.db);

    const err = await b.client.setPassphrase('a wrong passphrase').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WrongPassphraseError);
    expect((err as Error).message).toBe(WRONG_PASSPHRASE_MESSAGE);
    expect((err as Error).message).toBe("wrong passphrase: this account's notes were encrypted with another passphrase");
    expect(await b.client.status()).toMatchObject({ hasKey: false });
    await expect(b.client.sync()).rejects.toThrow(/enter the passphrase/);
    expect(await serverRecords()).toEqual(serverBefore);
    expect(await snapshot(b.db)).toEqual(localBefore);
    expect((await b.db.annotations.get(mine.id))?.hlc).toBe(mine.hlc);

    // the right one then works, and b's own note joins the account
    await b.client.setPassphrase('the right passphrase');
    await b.client.sync();
    await a.client.sync();
    expect(await snapshot(a.db)).toEqual(await snapshot(b.db));
  });

  it('entered offline, is caught by the first sync before anything is pulled or pushed', async () => {
    const a = makeDevice(freshDbName('a'), server.fetch);
    const syncKey = await setupAccount([a], 'the right passphrase');
    await a.notes.create(newInput(rng(22)));
    await a.client.sync();

    let online = true;
    const log: string[] = [];
    const fetch: Fetch = async (url, init) => {
      if (!online) throw new TypeError('fetch failed: offline');
      log.push(`${init.method} ${new URL(url).pathname}${new URL(url).search}`);
      return server.fetch(url, init);
    };
    const b = makeDevice(freshDbName('b'), fetch);
    await b.notes.create(newInput(rng(23)));
    await b.client.link(SERVER_URL, syncKey);
    online = false;
    await b.client.setPassphrase('a wrong passphrase'); // cannot check: stored unverified
    expect(await b.client.status()).toMatchObject({ hasKey: true, verified: false });
    online = true;
    const serverBefore = await serverRecords();
    const localBefore = await snapshot(b.db);
    log.length = 0;

    await expect(b.client.sync()).rejects.toThrow(WRONG_PASSPHRASE_MESSAGE);
    expect(log).toEqual(['GET /v1/changes?since=0&limit=1']); // only the key check was read
    expect(await serverRecords()).toEqual(serverBefore);
    expect(await snapshot(b.db)).toEqual(localBefore);
    expect(await b.client.status()).toMatchObject({ hasKey: false, lastError: WRONG_PASSPHRASE_MESSAGE });
  });

  it('two first devices racing with different passphrases: only one key check counts, the other is refused', async () => {
    const a = makeDevice(freshDbName('a'), server.fetch);
    const b = makeDevice(freshDbName('b'), server.fetch);
    const { syncKey } = await a.client.createAccount(SERVER_URL);
    await b.client.link(SERVER_URL, syncKey);
    const results = await Promise.allSettled([a.client.setPassphrase('one'), b.client.setPassphrase('two')]);
    expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((x) => x.status === 'rejected' && x.reason instanceof WrongPassphraseError)).toHaveLength(1);
  });
});
