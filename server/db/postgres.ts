// PostgreSQL adapter (node-postgres pool). Several server instances may share one database.
import pg from 'pg';
import type { Db, Queryable } from './types.ts';

export interface PostgresOptions {
  connectionString: string;
  /** Use this schema (search_path) instead of public: tests create one per run. */
  schema?: string;
  max?: number;
}

export async function openPostgres(opts: PostgresOptions): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: opts.connectionString,
    max: opts.max ?? 10,
    ...(opts.schema ? { options: `-c search_path=${quoteIdent(opts.schema)}` } : {}),
  });
  // An idle client's connection can drop (server restart); log it instead of crashing the process.
  pool.on('error', (err) => console.error('postgres pool error:', err.message));
  await pool.query('SELECT 1'); // fail fast on a bad URL
  const wrap = (c: Pick<pg.Pool, 'query'>): Queryable => ({
    async query<R>(sql: string, params: unknown[] = []) {
      const res = await c.query(sql, params);
      return { rows: res.rows as R[] };
    },
  });
  return {
    kind: 'postgres',
    query: wrap(pool).query,
    async transaction(fn) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const out = await fn(wrap(client));
        await client.query('COMMIT');
        return out;
      } catch (err) {
        // A failed ROLLBACK means the connection is gone: destroy it instead of returning it to the pool.
        await client.query('ROLLBACK').catch((e: Error) => (broken = e));
        throw err;
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
