// Figure 6b: the sync server under load, as deployed: server/main.ts in a process of its own
// (rate limits off: CSTO_SYNC_RATE_LIMIT=0, the same as --rate-limit 0), on PGlite (a data directory) and on PostgreSQL, driven over loopback HTTP by
// a load generator in this process: `CONCURRENCY` clients, each sending its next request when the
// last one is answered, for a fixed time per operation. Push: batches of 50 changes of ~1 KB of
// ciphertext-like payload each; pull: pages of 100 changes from the start of an account's log.
// Reported: requests per second (and changes per second), and latency percentiles.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode } from '../lib/annotations/hlc';
import type { Change, CreateAccountResponse } from '../lib/sync/protocol';
import { startServer, type ServerProcess } from '../server/test/server-process.ts';
import { figure, type BenchContext, type BenchModule, type Figure } from './lib/common';
import { withPostgresSchema } from './lib/postgres';

const CONCURRENCY = 16;
const ACCOUNTS = 8;
const PUSH_BATCH = 50;
const PULL_PAGE = 100;

/** The q-quantile (0..1) of sorted samples, nearest rank. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  latencies: number[];
}

/** `concurrency` loops sending request() back to back for `seconds`; latencies in ms. */
async function drive(seconds: number, concurrency: number, request: (worker: number) => Promise<boolean>): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      while (performance.now() < end) {
        const a = performance.now();
        const ok = await request(w);
        latencies.push(performance.now() - a);
        if (!ok) errors++;
      }
    }),
  );
  return { requests: latencies.length, errors, seconds: (performance.now() - t0) / 1000, latencies: latencies.sort((x, y) => x - y) };
}

/** A push of `n` changes as a client would send them (the server refuses any other shape). */
export function loadChanges(n: number, device: string): Change[] {
  const wall = Date.now();
  return Array.from({ length: n }, (_, counter) => ({
    id: randomUUID(),
    hlc: encode({ wall, counter, device }), // the client's own encoding: the server checks the shape
    device,
    deleted: false,
    payload: randomBytes(768).toString('base64url'), // ~1 KB, like an encrypted annotation
  }));
}

async function run(server: ServerProcess, label: string, seconds: number, ctx: BenchContext): Promise<Figure[]> {
  const tokens: string[] = [];
  for (let i = 0; i < ACCOUNTS; i++) {
    const res = await fetch(`${server.url}/v1/accounts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    if (res.status !== 201) throw new Error(`${label}: account creation answered ${res.status}: ${await res.text()}`);
    tokens.push(((await res.json()) as CreateAccountResponse).token);
  }
  const auth = (w: number) => ({ authorization: `Bearer ${tokens[w % ACCOUNTS]}` });
  let firstRefusal: string | null = null; // the first refused request's answer, for the error
  const push = async (w: number) => {
    const res = await fetch(`${server.url}/v1/changes`, {
      method: 'POST',
      headers: { ...auth(w), 'content-type': 'application/json' },
      body: JSON.stringify({ changes: loadChanges(PUSH_BATCH, `bench-${w}`) }),
    });
    const body = await res.text();
    if (res.status !== 200) firstRefusal ??= `${res.status}: ${body.slice(0, 300)}`;
    return res.status === 200;
  };
  const pull = async (w: number) => {
    const res = await fetch(`${server.url}/v1/changes?since=0&limit=${PULL_PAGE}`, { headers: auth(w) });
    const body = (await res.json()) as { changes?: unknown[] };
    return res.status === 200 && body.changes?.length === PULL_PAGE;
  };
  await drive(0.5, CONCURRENCY, push); // warm-up: connections, JIT, caches
  const figures: Figure[] = [];
  for (const [op, request, per] of [
    ['push', push, PUSH_BATCH],
    ['pull', pull, PULL_PAGE],
  ] as const) {
    const r = await drive(seconds, CONCURRENCY, request);
    if (r.errors) throw new Error(`${label} ${op}: ${r.errors} of ${r.requests} requests failed; the first answered ${firstRefusal ?? '(no answer kept)'}`);
    const rps = r.requests / r.seconds;
    const [p50, p95, p99] = [0.5, 0.95, 0.99].map((q) => quantile(r.latencies, q)) as [number, number, number];
    ctx.log(`sync-load/${label} ${op}: ${rps.toFixed(0)} requests/s (${(rps * per).toFixed(0)} changes/s), p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms`);
    const how = `${CONCURRENCY} clients back to back for ${r.seconds.toFixed(1)} s over loopback HTTP, ${ACCOUNTS} accounts, ${op === 'push' ? `${PUSH_BATCH} changes of ~1 KB a push` : `pages of ${PULL_PAGE} changes`}`;
    figures.push(
      figure({ id: `sync.load.${label}.${op}.requests_per_s`, value: rps, unit: 'requests/s', note: `${(rps * per).toFixed(0)} changes/s; ${r.requests} requests; ${how}` }),
      ...([['p50', p50], ['p95', p95], ['p99', p99]] as const).map(([name, v]) =>
        figure({ id: `sync.load.${label}.${op}.${name}_ms`, value: v, unit: 'ms', note: `latency ${name} of ${r.requests} requests; ${how}` }),
      ),
    );
  }
  return figures;
}

const bench: BenchModule = {
  id: 'sync-load',
  title: 'Sync server under load (loopback HTTP)',
  async run(ctx) {
    const seconds = ctx.quick ? 2 : 5;
    const figures: Figure[] = [];
    const dataDir = mkdtempSync(join(tmpdir(), 'csto-bench-sync-'));
    try {
      const server = await startServer({ dataDir, env: { CSTO_SYNC_RATE_LIMIT: '0' } });
      try {
        figures.push(...(await run(server, 'pglite', seconds, ctx)));
      } finally {
        await server.kill('SIGTERM');
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
    const pgFigures = await withPostgresSchema('csto_load', async ({ searchPathUrl }) => {
      const pgServer = await startServer({ databaseUrl: searchPathUrl, env: { CSTO_SYNC_RATE_LIMIT: '0' } });
      try {
        return await run(pgServer, 'postgres', seconds, ctx);
      } finally {
        await pgServer.kill('SIGTERM');
      }
    });
    figures.push(...(pgFigures ?? [{ id: 'sync.load.postgres', value: null, unit: '', baseline: null, ratio: null, target: null, met: null, note: 'PostgreSQL unavailable' }]));
    return figures;
  },
};
export default bench;
