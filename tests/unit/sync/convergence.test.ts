// Three devices edit offline at random and sync in random orders over a network that drops requests
// (before or after the server handled them) and sends some twice. Whatever happens, once everyone
// syncs until quiet, all hold the same records, and each record is the last-writer-wins winner of every
// version any device ever wrote (so nothing that was not deleted is lost, and deletions stick).
//   CSTO_SYNC_SEEDS=200 npx vitest run tests/unit/sync/convergence.test.ts    (default 30 seeds)
//   CSTO_SYNC_SEED=17 …                                                          (one seed)
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { compareVersions, type Annotation } from '../../../lib/annotations/model';
import {
  deleteTestDbs,
  faultyFetch,
  freshDbName,
  makeDevice,
  newInput,
  rng,
  setupAccount,
  snapshot,
  startServer,
  syncUntilQuiet,
  words,
  type Device,
  type FaultyFetch,
  type TestServer,
} from './helpers';

const SEEDS = process.env.CSTO_SYNC_SEED
  ? [Number(process.env.CSTO_SYNC_SEED)]
  : Array.from({ length: Number(process.env.CSTO_SYNC_SEEDS ?? 30) }, (_, i) => i + 1);
const ROUNDS = 10;

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());
afterEach(deleteTestDbs);

/** One random local change; returns the version written (or null when there was nothing to do). */
async function randomOp(d: Device, r: () => number): Promise<Annotation | null> {
  const all = await d.db.annotations.toArray();
  const live = all.filter((a) => !a.deleted);
  const dead = all.filter((a) => a.deleted);
  const x = r();
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  if (x < 0.35 || live.length === 0) return d.notes.create(newInput(r));
  if (x < 0.7) return d.notes.edit(pick(live).id, { note: words(r, 3), color: pick(['yellow', 'green', 'blue'] as const) });
  if (x < 0.9) return d.notes.remove(pick(live).id);
  return dead.length ? d.notes.restore(pick(dead).id) : null;
}

describe('convergence under duplicated and dropped requests', () => {
  it.each(SEEDS)('seed %i', async (seed) => {
    const r = rng(seed);
    const nets: FaultyFetch[] = [];
    const devices = ['a', 'b', 'c'].map((label, i) => {
      const net = faultyFetch(server.fetch, rng(seed * 7919 + i), { before: 0.12, after: 0.12, duplicate: 0.12 });
      nets.push(net);
      return makeDevice(freshDbName(`${label}${seed}`), net.fetch, {
        pageLimit: 1 + Math.floor(r() * 6),
        pushLimits: { maxChangesPerPush: 1 + Math.floor(r() * 6), maxPayloadChars: 65536, maxBodyBytes: 1 << 20 },
      });
    });
    for (const n of nets) n.enabled = false;
    await setupAccount(devices);
    for (const n of nets) n.enabled = true;

    const written: Annotation[] = [];
    const record = (a: Annotation | null) => a && written.push(a);
    // local changes while requests are in flight (e.g. an edit between reading the outbox and confirming the push)
    devices.forEach((d, i) => {
      nets[i]!.during = async () => {
        if (r() < 0.2) record(await randomOp(d, r));
      };
    });
    for (let round = 0; round < ROUNDS; round++) {
      const order = [...devices].sort(() => r() - 0.5);
      for (const d of order) {
        const ops = Math.floor(r() * 4);
        for (let i = 0; i < ops; i++) record(await randomOp(d, r));
        const y = r();
        if (y < 0.45) {
          await d.client.sync().catch(() => undefined);
        } else if (y < 0.65) {
          // a local change while the sync is in flight
          const running = d.client.sync().catch(() => undefined);
          record(await randomOp(d, r));
          await running;
        }
      }
    }

    for (const n of nets) n.enabled = false;
    await syncUntilQuiet(devices);

    const [first, ...rest] = await Promise.all(devices.map((d) => snapshot(d.db)));
    for (const other of rest) expect(other).toEqual(first);
    // every record is the LWW winner of all versions ever written
    const winners = new Map<string, Annotation>();
    for (const a of written) {
      const w = winners.get(a.id);
      if (!w || compareVersions(a, w) > 0) winners.set(a.id, a);
    }
    expect(first!.map((a) => a.id)).toEqual([...winners.keys()].sort());
    for (const a of first!) expect(a).toEqual(winners.get(a.id));
    expect(nets.reduce((n, f) => n + f.counts.before + f.counts.after + f.counts.duplicate, 0)).toBeGreaterThan(0);
  });
});
