// Every endpoint, twice: on PGlite and on a real PostgreSQL (table-driven, see backends.ts).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../lib/sync/protocol.ts';
import { createApp } from '../app.ts';
import { migrate } from '../db/migrations.ts';
import { hashToken } from '../tokens.ts';
import { backendTable, openTestDb, type TestDb } from './backends.ts';
import { change, client, stamp } from './client.ts';

const NO_RATE_LIMIT = { perToken: { capacity: 1e9, refillPerSecond: 1e9 }, accountCreation: { capacity: 1e9, refillPerSecond: 1e9 } };

describe.each(backendTable())('sync server on %s', (name, backend) => {
  if (backend.unavailable) {
    if (backend.unavailable.skip) it.skip(`${name} skipped: ${backend.unavailable.reason}`, () => undefined);
    else it(`${name} is available`, () => expect.fail(backend.unavailable?.reason));
    return;
  }

  let t: TestDb;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    t = await openTestDb(backend);
    const app = createApp({ db: t.db, limits: NO_RATE_LIMIT });
    api = client((path, init) => app.request(path, init));
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  });

  describe('health and migrations', () => {
    it('GET /health answers with the storage kind', async () => {
      const r = await api.call('GET', '/health');
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ ok: true, protocol: 1, storage: name });
    });

    it('migrating again is a no-op', async () => {
      expect(await migrate(t.db)).toEqual([]);
      const { rows } = await t.db.query<{ version: number }>('SELECT version FROM schema_migrations');
      expect(rows.map((r) => Number(r.version))).toEqual([1]);
    });

    it('unknown paths are 404 with a JSON error', async () => {
      const r = await api.call('GET', '/v1/nope');
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe('not_found');
    });
  });

  describe('accounts and devices', () => {
    it('creates an account with a 32-byte base64url token; only its hash is stored', async () => {
      const r = await api.call('POST', '/v1/accounts');
      expect(r.status).toBe(201);
      expect(r.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(r.body.token, 'base64url')).toHaveLength(32);
      const { rows } = await t.db.query<{ token_hash: string }>('SELECT token_hash FROM accounts WHERE id = $1', [r.body.accountId]);
      expect(rows[0]?.token_hash).toBe(hashToken(r.body.token));
      expect(JSON.stringify(rows)).not.toContain(r.body.token);
    });

    it('creates an account with its first device', async () => {
      const r = await api.call('POST', '/v1/accounts', { body: { device: { deviceId: 'laptop-1', name: 'Laptop' } } });
      expect(r.status).toBe(201);
      const d = await api.call('GET', '/v1/devices', { token: r.body.token });
      expect(d.body.devices.map((x: { deviceId: string }) => x.deviceId)).toEqual(['laptop-1']);
    });

    it('links a device with the token, renames it on a second call', async () => {
      const { token } = await api.account();
      expect((await api.call('POST', '/v1/devices', { token, body: { deviceId: 'phone', name: 'Phone' } })).body).toEqual({ ok: true });
      expect((await api.call('POST', '/v1/devices', { token, body: { deviceId: 'phone', name: 'My phone' } })).status).toBe(200);
      await api.call('POST', '/v1/devices', { token, body: { deviceId: 'desk', name: 'Desktop' } });
      const d = await api.call('GET', '/v1/devices', { token });
      expect(d.body.devices.map((x: { deviceId: string; name: string }) => [x.deviceId, x.name]).sort()).toEqual([
        ['desk', 'Desktop'],
        ['phone', 'My phone'],
      ]);
      expect(d.body.devices[0].createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    });

    it('rejects invalid device bodies with the zod path', async () => {
      const { token } = await api.account();
      const r = await api.call('POST', '/v1/devices', { token, body: { deviceId: 'bad id with spaces', name: '' } });
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('invalid_request');
      expect(r.body.error.message).toMatch(/^body\.deviceId: /);
      expect(r.body.error.issues.map((i: { path: string[] }) => i.path)).toEqual([['deviceId'], ['name']]);
    });
  });

  describe('authentication', () => {
    const cases: [string, Record<string, string>][] = [
      ['no Authorization header', {}],
      ['a non-Bearer scheme', { authorization: 'Basic dXNlcjpwYXNz' }],
      ['a malformed token', { authorization: 'Bearer short' }],
      ['an unknown well-formed token', { authorization: `Bearer ${Buffer.alloc(32, 7).toString('base64url')}` }],
    ];
    it.each(cases)('401 for %s, on every authenticated endpoint', async (_label, headers) => {
      for (const [method, path, body] of [
        ['GET', '/v1/changes', undefined],
        ['POST', '/v1/changes', { changes: [] }],
        ['POST', '/v1/devices', { deviceId: 'x', name: 'x' }],
        ['GET', '/v1/devices', undefined],
      ] as const) {
        const r = await api.call(method, path, { headers, body });
        expect(r.status, `${method} ${path}`).toBe(401);
        expect(r.body.error.code).toBe('unauthorized');
        expect(r.headers.get('www-authenticate')).toBe('Bearer');
      }
    });
  });

  describe('malformed and oversized requests', () => {
    it('400 malformed_json for a broken body', async () => {
      const { token } = await api.account();
      const r = await api.call('POST', '/v1/changes', { token, raw: '{"changes": [' });
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('malformed_json');
      expect(r.body.error.message).toMatch(/^request body is not valid JSON: /);
    });

    it.each([
      ['text/plain', '{"changes": []}'],
      ['application/x-www-form-urlencoded', 'changes=1'],
    ])('400 malformed_json for a body sent as %s, not read as {}', async (type, raw) => {
      const { token } = await api.account();
      const r = await api.call('POST', '/v1/changes', { token, raw, headers: { 'content-type': type } });
      expect(r.status).toBe(400);
      expect(r.body.error).toEqual({ code: 'malformed_json', message: `request body must be JSON (Content-Type: application/json), not ${type}` });
    });

    it('an empty body creates an account; an invalid one names the path', async () => {
      expect((await api.call('POST', '/v1/accounts', { raw: '' })).status).toBe(201);
      const r = await api.call('POST', '/v1/accounts', { body: { device: { deviceId: 'ok', name: '' } } });
      expect(r.status).toBe(400);
      expect(r.body.error.message).toMatch(/^body\.device\.name: /);
    });

    const bad: [string, unknown, string][] = [
      ['missing changes', {}, 'body.changes'],
      ['changes not an array', { changes: 'x' }, 'body.changes'],
      ['an unknown field', { changes: [], extra: 1 }, 'body'],
      ['an upper-case record id', { changes: [change({ id: randomUUID().toUpperCase() })] }, 'body.changes.0.id'],
      ['an empty hlc', { changes: [change(), change({ hlc: '' })] }, 'body.changes.1.hlc'],
      ['a non-ASCII hlc', { changes: [change({ hlc: 'h\u00e9' })] }, 'body.changes.0.hlc'],
      ['deleted not boolean', { changes: [{ ...change(), deleted: 'yes' }] }, 'body.changes.0.deleted'],
      ['payload not base64url', { changes: [change({ payload: 'a+b/c=' })] }, 'body.changes.0.payload'],
      ['a payload over the cap', { changes: [change({ payload: 'A'.repeat(64 * 1024 + 1) })] }, 'body.changes.0.payload'],
      ['too many changes', { changes: Array.from({ length: 501 }, () => change({ payload: '' })) }, 'body.changes'],
    ];
    it.each(bad)('400 invalid_request for %s, naming the path', async (_label, body, path) => {
      const { token } = await api.account();
      const r = await api.call('POST', '/v1/changes', { token, body });
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('invalid_request');
      expect(r.body.error.message.startsWith(`${path}:`), r.body.error.message).toBe(true);
      expect((await api.pull(token)).body.changes).toEqual([]); // nothing of a rejected batch is stored
    });

    it.each([
      ['since=abc', 'query.since'],
      ['since=-1', 'query.since'],
      ['limit=0', 'query.limit'],
      ['limit=1001', 'query.limit'],
      ['limit=ten', 'query.limit'],
    ])('400 for GET /v1/changes?%s', async (qs, path) => {
      const { token } = await api.account();
      const r = await api.call('GET', `/v1/changes?${qs}`, { token });
      expect(r.status).toBe(400);
      expect(r.body.error.message.startsWith(`${path}:`), r.body.error.message).toBe(true);
    });

    it('413 for a body over 1 MiB (declared length), before authentication', async () => {
      const raw = JSON.stringify({ changes: [change({ payload: 'A'.repeat(1024 * 1024) })] });
      const r = await api.call('POST', '/v1/changes', { raw });
      expect(r.status).toBe(413);
      expect(r.body.error.code).toBe('payload_too_large');
    });

    it('413 for a streamed (chunked) body over 1 MiB', async () => {
      const { token } = await api.account();
      const chunk = new TextEncoder().encode('A'.repeat(64 * 1024));
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(ctrl) {
          if (sent++ < 20) ctrl.enqueue(chunk);
          else ctrl.close();
        },
      });
      const app = createApp({ db: t.db, limits: NO_RATE_LIMIT });
      const res = await app.request('/v1/changes', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'transfer-encoding': 'chunked' },
        body: stream,
        duplex: 'half',
      } as RequestInit);
      expect(res.status).toBe(413);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
    });

    it('accepts a body just under the limit', async () => {
      const { token } = await api.account();
      const changes = Array.from({ length: 15 }, () => change({ payload: 'A'.repeat(64 * 1024) }));
      const r = await api.push(token, changes);
      expect(JSON.stringify({ changes }).length).toBeLessThan(1024 * 1024);
      expect(r.status).toBe(200);
      expect(r.body.accepted).toBe(15);
    });
  });

  describe('push and pull', () => {
    it('round-trips changes, tombstones included, ordered by cursor', async () => {
      const { token } = await api.account();
      const a = change({ hlc: stamp('h1') });
      const b = change({ hlc: stamp('h2'), deleted: true, payload: '' });
      const r = await api.push(token, [a, b]);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ accepted: 2, applied: 2 });
      const p = await api.pull(token);
      expect(p.body.changes).toEqual([a, b]);
      expect(p.body.more).toBe(false);
      expect(p.body.cursor).toBe(r.body.cursor);
      const again = await api.pull(token, p.body.cursor);
      expect(again.body).toEqual({ changes: [], cursor: p.body.cursor, more: false });
    });

    it('an empty push is accepted', async () => {
      const { token } = await api.account();
      expect((await api.push(token, [])).body).toEqual({ accepted: 0, applied: 0, cursor: '0' });
    });

    it('pushing the same batch twice is harmless', async () => {
      const { token } = await api.account();
      const batch = [change(), change(), change({ deleted: true })];
      const first = await api.push(token, batch);
      const second = await api.push(token, batch);
      expect(second.status).toBe(200);
      expect(second.body).toEqual({ accepted: 3, applied: 0, cursor: first.body.cursor });
      const all = await api.pullAll(token);
      expect(all.changes).toEqual(batch);
    });

    it('the greatest hlc wins whatever the arrival order; ties go to the greater device', async () => {
      const id = randomUUID();
      const versions = [
        change({ id, hlc: stamp('0001'), device: 'b', payload: 'v1' }),
        change({ id, hlc: stamp('0003'), device: 'a', payload: 'v3a' }),
        change({ id, hlc: stamp('0003'), device: 'c', payload: 'v3c' }), // winner: greatest hlc, then device
        change({ id, hlc: stamp('0002'), device: 'z', payload: 'v2' }),
      ];
      const orders = [
        [0, 1, 2, 3],
        [3, 2, 1, 0],
        [2, 0, 3, 1],
        [1, 3, 0, 2],
      ];
      for (const order of orders) {
        const { token } = await api.account();
        for (const i of order) await api.push(token, [versions[i]!]);
        expect((await api.pull(token)).body.changes).toEqual([versions[2]]);
        // and within one batch
        const other = await api.account();
        await api.push(other.token, order.map((i) => versions[i]!));
        expect((await api.pull(other.token)).body.changes).toEqual([versions[2]]);
      }
    });

    it('compares hlc bytewise, not by locale collation', async () => {
      const { token } = await api.account();
      const id = randomUUID();
      // In en_US collation 'a' < 'B'; bytewise 'B' (0x42) < 'a' (0x61): 'a' must win.
      await api.push(token, [change({ id, hlc: stamp('a'), payload: 'lower' })]);
      await api.push(token, [change({ id, hlc: stamp('B'), payload: 'upper' })]);
      expect((await api.pull(token)).body.changes[0].payload).toBe('lower');
      await api.push(token, [change({ id, hlc: stamp('a-'), device: 'dev-a', payload: 'later' })]);
      expect((await api.pull(token)).body.changes[0].payload).toBe('later');
    });

    it('keeps tombstones, and a newer write revives the record', async () => {
      const { token } = await api.account();
      const id = randomUUID();
      await api.push(token, [change({ id, hlc: stamp('h1') })]);
      const before = (await api.pull(token)).body.cursor;
      await api.push(token, [change({ id, hlc: stamp('h2'), deleted: true, payload: '' })]);
      await api.push(token, [change({ id, hlc: stamp('h1'), payload: 'stale' })]); // older: ignored
      const p = await api.pull(token, before);
      expect(p.body.changes).toEqual([expect.objectContaining({ id, hlc: stamp('h2'), deleted: true })]);
      const revived = change({ id, hlc: stamp('h3') });
      await api.push(token, [revived]);
      expect((await api.pull(token)).body.changes).toEqual([revived]);
    });

    it('a record changed again moves to the end of the cursor order and appears once', async () => {
      const { token } = await api.account();
      const [a, b, c] = [change(), change(), change()];
      await api.push(token, [a!, b!, c!]);
      const mid = (await api.pull(token)).body.cursor;
      const a2 = { ...a!, hlc: stamp('h9') };
      await api.push(token, [a2]);
      expect((await api.pull(token)).body.changes).toEqual([b, c, a2]);
      expect((await api.pull(token, mid)).body.changes).toEqual([a2]);
    });

    it('pages through many records with no duplicates and none missed', async () => {
      const { token } = await api.account();
      const all: Change[] = [];
      for (let k = 0; k < 5; k++) {
        const batch = Array.from({ length: 500 }, () => change());
        all.push(...batch);
        expect((await api.push(token, batch)).status).toBe(200);
      }
      const byDefault = await api.pull(token);
      expect(byDefault.body.changes).toHaveLength(500);
      expect(byDefault.body.more).toBe(true);

      const paged = await api.pullAll(token, '0', 333);
      expect(paged.pages).toBe(Math.ceil(2500 / 333));
      expect(paged.changes).toEqual(all);
      expect(new Set(paged.changes.map((c) => c.id)).size).toBe(2500);

      const max = await api.pullAll(token, '0', 1000);
      expect(max.pages).toBe(3);
      expect(max.cursor).toBe(paged.cursor);

      // Changes made between pages are seen exactly once.
      const first = await api.pull(token, '0', 1000);
      const updated = { ...all[10]!, hlc: stamp('h9') };
      await api.push(token, [updated]);
      const rest = await api.pullAll(token, first.body.cursor, 1000);
      const seen = [...first.body.changes, ...rest.changes];
      expect(seen.filter((c: Change) => c.id === updated.id)).toEqual([all[10], updated]);
      expect(seen).toHaveLength(2501);
    });

    it('a page limit of 1 walks record by record', async () => {
      const { token } = await api.account();
      const batch = [change(), change(), change()];
      await api.push(token, batch);
      const r = await api.pullAll(token, '0', 1);
      expect(r.changes).toEqual(batch);
      expect(r.pages).toBe(3); // the server reads one row ahead, so the third page already says more: false
    });
  });

  describe('isolation between accounts', () => {
    it("another account pushing A's record id changes nothing of A's and gets its own record", async () => {
      const A = await api.account();
      const B = await api.account();
      const id = randomUUID();
      const mine = change({ id, hlc: stamp('0001'), payload: 'A-secret' });
      await api.push(A.token, [mine]);
      const theirs = change({ id, hlc: stamp('9999'), device: 'zzz', payload: 'B-overwrite' });
      expect((await api.push(B.token, [theirs])).body.applied).toBe(1);
      expect((await api.pull(A.token)).body.changes).toEqual([mine]);
      expect((await api.pull(B.token)).body.changes).toEqual([theirs]);
      const { rows } = await t.db.query('SELECT account_id FROM records WHERE id = $1', [id]);
      expect(rows).toHaveLength(2);
    });

    it("an account never sees another's records, whatever cursor it asks for", async () => {
      const A = await api.account();
      const B = await api.account();
      await api.push(A.token, [change(), change()]);
      expect((await api.pull(B.token, '0')).body.changes).toEqual([]);
      const devices = await api.call('GET', '/v1/devices', { token: B.token });
      expect(devices.body.devices).toEqual([]);
    });
  });

  describe('concurrency', () => {
    it('concurrent pushes to one account converge and pulls miss nothing', async () => {
      const { token } = await api.account();
      const ids = Array.from({ length: 40 }, () => randomUUID());
      // 8 devices each push 5 batches touching every record with their own hlcs.
      const pushes = [];
      for (let d = 0; d < 8; d++) {
        for (let k = 0; k < 5; k++) {
          const hlc = stamp(`${String(k).padStart(4, '0')}-${d}`);
          pushes.push(api.push(token, ids.map((id) => change({ id, hlc, device: `dev-${d}`, payload: `p${k}${d}` }))));
        }
      }
      const cursors: string[] = [];
      const puller = (async () => {
        // Pull concurrently; every record's final version must eventually arrive.
        let cursor = '0';
        const latest = new Map<string, Change>();
        for (let i = 0; i < 200; i++) {
          const r = await api.pull(token, cursor, 7);
          for (const c of r.body.changes as Change[]) latest.set(c.id, c);
          cursor = r.body.cursor;
          cursors.push(cursor);
          if (i > 20 && !r.body.more && latest.size === ids.length && [...latest.values()].every((c) => c.hlc === stamp('0004-7'))) break;
          await new Promise((res) => setTimeout(res, 2));
        }
        return latest;
      })();
      const results = await Promise.all(pushes);
      expect(results.every((r) => r.status === 200)).toBe(true);
      const final = await api.pullAll(token);
      expect(final.changes).toHaveLength(40);
      expect(final.changes.every((c) => c.hlc === stamp('0004-7') && c.device === 'dev-7')).toBe(true);
      const seenByPuller = await puller;
      expect([...seenByPuller.values()].every((c) => c.hlc === stamp('0004-7'))).toBe(true);
      expect(cursors.map(BigInt)).toEqual([...cursors.map(BigInt)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    });

    it('concurrent pushes to different accounts do not interfere', async () => {
      const accounts = await Promise.all(Array.from({ length: 6 }, () => api.account()));
      const batches = accounts.map(() => Array.from({ length: 50 }, () => change()));
      await Promise.all(accounts.map((a, i) => api.push(a.token, batches[i]!)));
      for (const [i, a] of accounts.entries()) expect((await api.pullAll(a.token)).changes).toEqual(batches[i]);
    });
  });

  describe('rate limits', () => {
    it('429 with Retry-After once a token has spent its bucket, then refills', async () => {
      let now = 1_000_000;
      const app = createApp({
        db: t.db,
        clock: () => now,
        limits: { perToken: { capacity: 3, refillPerSecond: 0.5 }, accountCreation: NO_RATE_LIMIT.accountCreation },
      });
      const limited = client((path, init) => app.request(path, init));
      const { token } = await limited.account();
      const other = await limited.account();
      for (let i = 0; i < 3; i++) expect((await limited.pull(token)).status).toBe(200);
      const r = await limited.pull(token);
      expect(r.status).toBe(429);
      expect(r.body.error.code).toBe('rate_limited');
      expect(r.headers.get('retry-after')).toBe('2');
      expect((await limited.pull(other.token)).status).toBe(200); // per token
      now += 2000;
      expect((await limited.pull(token)).status).toBe(200);
      expect((await limited.pull(token)).status).toBe(429);
    });

    it('limits account creation per client address', async () => {
      const app = createApp({ db: t.db, clock: () => 0, limits: { accountCreation: { capacity: 2, refillPerSecond: 1 / 60 } } });
      const c = client((path, init) => app.request(path, init));
      expect((await c.call('POST', '/v1/accounts')).status).toBe(201);
      expect((await c.call('POST', '/v1/accounts')).status).toBe(201);
      const r = await c.call('POST', '/v1/accounts');
      expect(r.status).toBe(429);
      expect(r.headers.get('retry-after')).toBe('60');
    });
  });
});
