// Test storage backends: PGlite in memory, and a real PostgreSQL (a fresh schema per run, dropped after).
// PostgreSQL comes from DATABASE_URL_TEST, else from scripts/pg-test-db.mjs (starts the local cluster).
// If it is unavailable the postgres leg FAILS with the reason, unless CSTO_SKIP_PG=1 (then it is skipped).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDb } from '../db/open.ts';
import { quoteIdent } from '../db/postgres.ts';
import type { Db } from '../db/types.ts';

export type BackendName = 'pglite' | 'postgres';
export interface Backend {
  name: BackendName;
  /** Set when the backend cannot run; `skip` says whether that is allowed. */
  unavailable?: { reason: string; skip: boolean };
  url?: string;
}
export interface TestDb {
  db: Db;
  /** PostgreSQL only: a URL whose connections use this run's schema (for spawned servers). */
  url?: string;
  drop(): Promise<void>;
}

const SCRIPT = fileURLToPath(new URL('../../scripts/pg-test-db.mjs', import.meta.url));

function postgresBackend(): Backend {
  const skip = process.env.CSTO_SKIP_PG === '1';
  if (process.env.DATABASE_URL_TEST) return { name: 'postgres', url: process.env.DATABASE_URL_TEST };
  const r = spawnSync(process.execPath, [SCRIPT], { encoding: 'utf8', timeout: 300_000 });
  const url = r.stdout?.trim().split('\n').pop();
  if (r.status === 0 && url) return { name: 'postgres', url };
  const why = (r.stderr || r.error?.message || `exit ${r.status}`).trim();
  const reason = `PostgreSQL unavailable (set DATABASE_URL_TEST, or run as root with PostgreSQL installable, or CSTO_SKIP_PG=1 to skip): ${why}`;
  if (skip) console.warn(`\n*** postgres tests SKIPPED (CSTO_SKIP_PG=1): ${why}\n`);
  return { name: 'postgres', unavailable: { reason, skip } };
}

let cached: Backend[] | undefined;
export function backends(): Backend[] {
  if (!cached) {
    const pgSkipped = process.env.CSTO_SKIP_PG === '1' && !process.env.DATABASE_URL_TEST;
    cached = [
      { name: 'pglite' },
      pgSkipped
        ? { name: 'postgres', unavailable: { reason: 'CSTO_SKIP_PG=1', skip: true } }
        : postgresBackend(),
    ];
    if (pgSkipped) console.warn('\n*** postgres tests SKIPPED (CSTO_SKIP_PG=1)\n');
  }
  return cached;
}

/** For describe.each: [[name, backend], …]. */
export const backendTable = (): [BackendName, Backend][] => backends().map((b) => [b.name, b]);

export async function openTestDb(backend: Backend, dataDir?: string): Promise<TestDb> {
  if (backend.name === 'pglite') {
    const db = await openDb({ dataDir });
    return { db, drop: () => db.close() };
  }
  const url = backend.url;
  if (!url) throw new Error(backend.unavailable?.reason ?? 'no PostgreSQL URL');
  const schema = `csto_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${quoteIdent(schema)}`);
  await admin.end();
  const db = await openDb({ databaseUrl: url, schema });
  return {
    db,
    url: withSearchPath(url, schema),
    async drop() {
      await db.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA ${quoteIdent(schema)} CASCADE`);
      await c.end();
    },
  };
}

function withSearchPath(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}
