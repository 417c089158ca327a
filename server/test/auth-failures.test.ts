// The per-address limit on failed authentication (issue 11.7): guessing tokens gets 429 before any
// database query once an address has spent its failures; other addresses and successes are unaffected.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import type { Db } from '../db/types.ts';
import { backendTable, openTestDb, type TestDb } from './backends.ts';
import { client } from './client.ts';

const UNLIMITED = { capacity: 1e9, refillPerSecond: 1e9 };
const randomToken = () => randomBytes(32).toString('base64url');

/** The Db, counting the token look-ups (the query every authentication costs). */
function countingDb(db: Db): { db: Db; lookups: () => number } {
  let n = 0;
  const counted: Db = {
    kind: db.kind,
    query: (sql, params) => {
      if (/FROM accounts WHERE token_hash/.test(sql)) n++;
      return db.query(sql, params);
    },
    transaction: (fn) => db.transaction(fn),
    close: () => db.close(),
  };
  return { db: counted, lookups: () => n };
}

describe.each(backendTable())('failed-authentication limit on %s', (name, backend) => {
  if (backend.unavailable) {
    if (backend.unavailable.skip) it.skip(`${name} skipped: ${backend.unavailable.reason}`, () => undefined);
    else it(`${name} is available`, () => expect.fail(backend.unavailable?.reason));
    return;
  }

  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(backend);
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  });

  /** An app behind a proxy (the address comes from X-Forwarded-For), 5 failures per 10 minutes. */
  const setup = () => {
    let now = 1_000_000;
    const counted = countingDb(t.db);
    const app = createApp({
      db: counted.db,
      clock: () => now,
      trustProxy: true,
      limits: { perToken: UNLIMITED, accountCreation: UNLIMITED, authFailures: { capacity: 5, refillPerSecond: 5 / 600 } },
    });
    const api = client((path, init) => app.request(path, init));
    const from = (address: string, token?: string) =>
      api.call('GET', '/v1/changes', { headers: { 'x-forwarded-for': address, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
    return { api, from, lookups: counted.lookups, advance: (ms: number) => (now += ms) };
  };

  it('after N bad tokens an address gets 429 with Retry-After, and no more database queries', async () => {
    const { from, lookups } = setup();
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await from('203.0.113.1', randomToken())).status);
    expect(statuses).toEqual([...Array(5).fill(401), ...Array(35).fill(429)]);
    expect(lookups()).toBe(5);
    const r = await from('203.0.113.1', randomToken());
    expect(r.body.error.code).toBe('rate_limited');
    expect(r.headers.get('retry-after')).toBe('120'); // one failure more every 600/5 s
    expect(lookups()).toBe(5);
  });

  it('missing and malformed tokens count as failures too', async () => {
    const { from, api } = setup();
    const cases = [undefined, 'short', randomToken(), undefined, 'x'.repeat(200)];
    for (const token of cases) expect((await from('203.0.113.2', token)).status).toBe(401);
    expect((await from('203.0.113.2', randomToken())).status).toBe(429);
    const basic = await api.call('GET', '/v1/devices', { headers: { 'x-forwarded-for': '203.0.113.2', authorization: 'Basic eDp5' } });
    expect(basic.status).toBe(429);
  });

  it('other addresses are unaffected; the blocked one may try again once its bucket refills', async () => {
    const { from, advance, lookups } = setup();
    for (let i = 0; i < 10; i++) await from('203.0.113.3', randomToken());
    expect((await from('203.0.113.3', randomToken())).status).toBe(429);
    expect((await from('198.51.100.7', randomToken())).status).toBe(401);
    advance(120_000);
    const before = lookups();
    expect((await from('203.0.113.3', randomToken())).status).toBe(401);
    expect((await from('203.0.113.3', randomToken())).status).toBe(429);
    expect(lookups()).toBe(before + 1);
  });

  it('successful requests neither spend nor refill the failures', async () => {
    const { api, from } = setup();
    const { token } = await api.account();
    for (let i = 0; i < 50; i++) expect((await from('203.0.113.4', token)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await from('203.0.113.4', randomToken())).status).toBe(401);
    for (let i = 0; i < 20; i++) expect((await from('203.0.113.4', token)).status).toBe(200);
    expect((await from('203.0.113.4', randomToken())).status).toBe(401);
    expect((await from('203.0.113.4', randomToken())).status).toBe(429);
  });

  it('from a blocked address a token that authenticated recently still passes; an unseen one waits', async () => {
    const { api, from } = setup();
    const known = await api.account();
    const unseen = await api.account();
    expect((await from('203.0.113.5', known.token)).status).toBe(200);
    for (let i = 0; i < 5; i++) await from('203.0.113.5', randomToken());
    expect((await from('203.0.113.5', randomToken())).status).toBe(429);
    expect((await from('203.0.113.5', known.token)).status).toBe(200);
    expect((await from('203.0.113.5', unseen.token)).status).toBe(429); // cannot be told from a guess without a query
    expect((await from('198.51.100.8', unseen.token)).status).toBe(200);
  });
});
