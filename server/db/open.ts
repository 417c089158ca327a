// Picks the storage: PostgreSQL when a URL is given, else PGlite in a data directory. Migrates before use.
import { migrate } from './migrations.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';
import type { Db } from './types.ts';

export interface OpenDbOptions {
  databaseUrl?: string;
  /** PGlite data directory; undefined → in memory. Ignored with databaseUrl. */
  dataDir?: string;
  /** PostgreSQL schema (tests). */
  schema?: string;
}

export async function openDb(opts: OpenDbOptions): Promise<Db> {
  const db = opts.databaseUrl
    ? await openPostgres({ connectionString: opts.databaseUrl, schema: opts.schema })
    : await openPglite(opts.dataDir);
  try {
    await migrate(db);
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
  return db;
}
