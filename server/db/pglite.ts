// PGlite adapter: PostgreSQL compiled to WebAssembly, in one process, on a data directory (or in memory).
// One connection, so one server instance per data directory.
import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable } from './types.ts';

/** `dataDir` undefined → in memory (tests). */
export async function openPglite(dataDir?: string): Promise<Db> {
  const pg = await PGlite.create(dataDir);
  const wrap = (q: Pick<PGlite, 'query'>): Queryable => ({
    async query<R>(sql: string, params: unknown[] = []) {
      const res = await q.query<R>(sql, params);
      return { rows: res.rows };
    },
  });
  const base = wrap(pg);
  return {
    kind: 'pglite',
    query: base.query,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    close: () => pg.close(),
  };
}
