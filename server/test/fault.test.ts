// Fault tests: the real server process is killed (SIGKILL) in the middle of a push, then restarted on the
// same storage. A push is one transaction: nothing of it may survive, and retrying it must converge.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../lib/sync/protocol.ts';
import { backendTable, openTestDb, type TestDb } from './backends.ts';
import { change, client, stamp } from './client.ts';
import { startServer, type ServerProcess } from './server-process.ts';

describe.each(backendTable())('server process killed mid-push, on %s', (name, backend) => {
  if (backend.unavailable) {
    if (backend.unavailable.skip) it.skip(`${name} skipped: ${backend.unavailable.reason}`, () => undefined);
    else it(`${name} is available`, () => expect.fail(backend.unavailable?.reason));
    return;
  }

  let dataDir: string | undefined;
  let pgDb: TestDb | undefined;
  const running: ServerProcess[] = [];
  beforeAll(async () => {
    if (name === 'pglite') dataDir = mkdtempSync(join(tmpdir(), 'csto-sync-fault-'));
    else pgDb = await openTestDb(backend); // migrated schema; the spawned servers use it via the URL
  }, 60_000);
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.kill()));
  });
  afterAll(async () => {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    await pgDb?.drop();
  });

  const start = async (env: Record<string, string> = {}) => {
    const s = await startServer({ dataDir, databaseUrl: pgDb?.url, env });
    running.push(s);
    return { s, api: client((path, init) => fetch(s.url + path, init)) };
  };
  const byId = (changes: Change[]) => new Map(changes.map((c) => [c.id, c]));

  it('a push killed before COMMIT leaves no trace; committed data survives; a retry converges', async () => {
    // 1. Commit a first batch, then kill -9 the server: committed data must survive.
    let { s, api } = await start();
    const { token } = await api.account();
    const ids = Array.from({ length: 200 }, () => randomUUID());
    const first = ids.slice(0, 100).map((id) => change({ id, hlc: stamp('h1'), payload: 'first' }));
    expect((await api.push(token, first)).status).toBe(200);
    await s.kill();

    // 2. A server that pauses inside every push transaction: kill it while the push is open.
    ({ s, api } = await start({ CSTO_SYNC_TEST_PAUSE_BEFORE_COMMIT_MS: '60000' }));
    const second = ids.map((id) => change({ id, hlc: stamp('h2'), device: 'dev-b', payload: 'second' })); // 100 updates + 100 inserts
    const inFlight = api.push(token, second).then(
      (r) => r.status,
      () => 'connection lost',
    );
    await s.waitFor('push: before commit');
    await s.kill();
    expect(await inFlight).toBe('connection lost');

    // 3. Restart: exactly the first batch, nothing of the second.
    ({ s, api } = await start());
    const after = await api.pullAll(token);
    expect(after.changes).toEqual(first);

    // 4. The client retries the push: it converges, and a repeat is a no-op.
    const retry = await api.push(token, second);
    expect(retry.body).toMatchObject({ accepted: 200, applied: 200 });
    const final = byId((await api.pullAll(token)).changes);
    expect(final.size).toBe(200);
    expect([...final.values()].every((c) => c.hlc === stamp('h2') && c.payload === 'second')).toBe(true);
    expect((await api.push(token, second)).body.applied).toBe(0);
  }, 120_000);

  it('killed at a random moment during a stream of pushes: every batch is all-or-nothing', async () => {
    let { s, api } = await start();
    const { token } = await api.account();
    const ids = Array.from({ length: 300 }, () => randomUUID());
    const batch = (k: number) => ids.map((id) => change({ id, hlc: stamp(`h${String(k).padStart(4, '0')}`), payload: 'A'.repeat(200) }));
    let acked = 0;
    const pushing = (async () => {
      for (let k = 1; k < 1000; k++) {
        const r = await api.push(token, batch(k)).catch(() => null);
        if (r?.status !== 200) return;
        acked = k;
      }
    })();
    // Kill at a random moment once a first batch is acknowledged (on a loaded machine that may take
    // longer than any fixed delay), bounded in case the pushes fail.
    for (let i = 0; i < 600 && acked === 0; i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, Math.random() * 400));
    await s.kill();
    await pushing;

    ({ s, api } = await start());
    const stored = (await api.pullAll(token)).changes;
    const hlcs = new Set(stored.map((c) => c.hlc));
    expect(acked).toBeGreaterThan(0);
    // All records from one batch: the last acknowledged one, or the one in flight if its COMMIT landed.
    expect(stored).toHaveLength(300);
    expect(hlcs.size).toBe(1);
    const k = Number([...hlcs][0]!.slice(stamp('h').length));
    expect([acked, acked + 1]).toContain(k);
    // Retry of the batch that was in flight converges.
    await api.push(token, batch(acked + 1));
    expect(new Set((await api.pullAll(token)).changes.map((c) => c.hlc))).toEqual(new Set([stamp(`h${String(acked + 1).padStart(4, '0')}`)]));
  }, 120_000);
});
