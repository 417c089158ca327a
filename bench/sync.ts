// Sync: the first sync of 10,000 annotations into an empty profile (pull, decrypt, apply), and the push
// that put them on the server, through the real client and the real server (Hono, in process, no
// network) on PGlite (in memory) and PostgreSQL (scripts/pg-test-db.mjs; skipped when unavailable).
// The device side runs on fake-indexeddb in Node, which is slower than a browser's IndexedDB.
import 'fake-indexeddb/auto';
import { describe as describeSpan } from '../lib/anchoring';
import { HybridClock } from '../lib/annotations/hlc';
import { createAnnotation, type Annotation } from '../lib/annotations/model';
import { AnnotationStore } from '../lib/annotations/store';
import { LensDb } from '../lib/db/database';
import type { Fetch } from '../lib/sync/api';
import { SyncClient } from '../lib/sync/client';
import { deriveKey } from '../lib/sync/crypto';
import { createApp } from '../server/app.ts';
import { openDb } from '../server/db/open.ts';
import type { Db } from '../server/db/types.ts';
import { figure, type BenchContext, type BenchModule, type Figure } from './lib/common';
import { withPostgresSchema } from './lib/postgres';

const SERVER_URL = 'http://bench.sync';
const TEXT = 'Russian Foreign Minister Sergey Lavrov stressed that the Collective Security Treaty Organization should focus on counterterrorism.';

function annotations(n: number, device: string): Annotation[] {
  const clock = new HybridClock(device);
  return Array.from({ length: n }, (_, i) =>
    createAnnotation(
      {
        source: `https://news.example/story-${i % 400}`,
        title: `Story ${i % 400}`,
        selector: describeSpan(TEXT, 59, 98),
        note: `Note ${i}: the CSTO's statement on the summit, with a few words of commentary.`,
        tags: ['csto', `t${i % 17}`],
        entityIds: ['organization:csto'],
      },
      clock,
    ),
  );
}

interface Timed {
  fetch: Fetch;
  ms: { push: number; pull: number };
}

/** The server app as a fetch, timing the server's own work per method. */
function serverFetch(db: Db): Timed {
  const unlimited = { capacity: 1e9, refillPerSecond: 1e9 };
  const app = createApp({ db, limits: { perToken: unlimited, accountCreation: unlimited }, log: () => undefined });
  const t: Timed = {
    ms: { push: 0, pull: 0 },
    fetch: async (url, init) => {
      const t0 = performance.now();
      const res = await app.request(url, init);
      const body = await res.text();
      const dt = performance.now() - t0;
      if (new URL(url).pathname === '/v1/changes') t.ms[init.method === 'POST' ? 'push' : 'pull'] += dt;
      return new Response(body, { status: res.status, headers: res.headers });
    },
  };
  return t;
}

let seq = 0;
async function run(db: Db, n: number, label: string, ctx: BenchContext): Promise<Figure[]> {
  const timed = serverFetch(db);
  const keys = new Map<string, Promise<CryptoKey>>();
  // One derivation per salt (the account's random salt, or a v1 account id).
  const derive = (p: string, salt: string | Uint8Array<ArrayBuffer>) => {
    const k = typeof salt === 'string' ? salt : Array.from(salt).join(',');
    return keys.get(k) ?? (keys.set(k, deriveKey(p, salt)), keys.get(k)!);
  };
  const device = (name: string) => {
    const ldb = new LensDb(`csto-bench-sync-${process.pid}-${seq++}-${name}`);
    const notes = new AnnotationStore(ldb);
    return { ldb, notes, client: new SyncClient({ db: ldb, notes, fetch: timed.fetch, deriveKey: derive, deviceName: name }) };
  };
  const a = device('a');
  const b = device('b');
  try {
    const { syncKey } = await a.client.createAccount(SERVER_URL);
    await a.client.setPassphrase('bench passphrase');
    await a.notes.importMany(annotations(n, 'bench-a'));
    ctx.log(`sync/${label}: pushing ${n} annotations…`);
    const t0 = performance.now();
    const pushed = await a.client.sync();
    const pushMs = performance.now() - t0;
    if (pushed.pushed !== n) throw new Error(`pushed ${pushed.pushed} of ${n}`);
    await b.client.link(SERVER_URL, syncKey);
    await b.client.setPassphrase('bench passphrase');
    timed.ms.pull = 0;
    ctx.log(`sync/${label}: first sync of ${n} into an empty profile…`);
    const t1 = performance.now();
    const pulled = await b.client.sync();
    const firstMs = performance.now() - t1;
    if (pulled.applied !== n || (await b.ldb.annotations.count()) !== n) throw new Error(`applied ${pulled.applied} of ${n}`);
    const note = `${n} annotations, fake-indexeddb on the device side, server in process (no network)`;
    return [
      figure({ id: `sync.${label}.first_sync_ms`, value: firstMs, unit: 'ms', note: `first sync into an empty profile: pull + decrypt + apply; ${note}` }),
      figure({ id: `sync.${label}.push_all_ms`, value: pushMs, unit: 'ms', note: `push of the whole outbox (encrypt + batches of 500); ${note}` }),
      figure({ id: `sync.${label}.server_push_rate`, value: n / (timed.ms.push / 1000), unit: 'records/s', note: 'server time only (POST /v1/changes)' }),
      figure({ id: `sync.${label}.server_pull_rate`, value: n / (timed.ms.pull / 1000), unit: 'records/s', note: 'server time only (GET /v1/changes, pages of 500)' }),
    ];
  } finally {
    await a.ldb.delete();
    await b.ldb.delete();
  }
}

const bench: BenchModule = {
  id: 'sync',
  title: 'sync',
  async run(ctx) {
    const n = ctx.quick ? 2_000 : 10_000;
    const figures: Figure[] = [];
    const lite = await openDb({});
    try {
      figures.push(...(await run(lite, n, 'pglite', ctx)));
    } finally {
      await lite.close();
    }
    const pgFigures = await withPostgresSchema('csto_bench', async ({ url, schema }) => {
      const db = await openDb({ databaseUrl: url, schema });
      try {
        return await run(db, n, 'postgres', ctx);
      } finally {
        await db.close();
      }
    });
    figures.push(...(pgFigures ?? [{ id: 'sync.postgres', value: null, unit: '', baseline: null, ratio: null, target: null, met: null, note: 'PostgreSQL unavailable' }]));
    return figures;
  },
};
export default bench;
