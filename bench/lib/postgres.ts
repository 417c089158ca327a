// PostgreSQL for the sync benchmarks: DATABASE_URL_TEST, else the local cluster that
// scripts/pg-test-db.mjs prepares; each run in a schema of its own, dropped after.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { quoteIdent } from '../../server/db/postgres.ts';

function postgresUrl(): string | null {
  if (process.env.DATABASE_URL_TEST) return process.env.DATABASE_URL_TEST;
  const script = fileURLToPath(new URL('../../scripts/pg-test-db.mjs', import.meta.url));
  const r = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 300_000 });
  return r.status === 0 ? (r.stdout.trim().split('\n').pop() ?? null) : null;
}

/**
 * Runs fn with a PostgreSQL URL and a fresh schema (`searchPathUrl` points connections at it),
 * and drops the schema after; resolves to null, without calling fn, when PostgreSQL is unavailable.
 */
export async function withPostgresSchema<T>(
  prefix: string,
  fn: (db: { url: string; schema: string; searchPathUrl: string }) => Promise<T>,
): Promise<T | null> {
  const url = postgresUrl();
  if (!url) return null;
  const schema = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  let created = false;
  try {
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${quoteIdent(schema)}`);
    created = true;
    const u = new URL(url);
    u.searchParams.set('options', `-c search_path=${schema}`);
    return await fn({ url, schema, searchPathUrl: u.toString() });
  } finally {
    if (created) await admin.query(`DROP SCHEMA ${quoteIdent(schema)} CASCADE`);
    await admin.end();
  }
}
