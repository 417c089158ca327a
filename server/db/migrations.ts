// Schema migrations: numbered SQL, applied in order, each recorded in schema_migrations.
// The same SQL for PGlite and PostgreSQL. Never edit a released migration: add the next number.
import type { Db } from './types.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string[];
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'accounts, devices, records',
    sql: [
      `CREATE TABLE accounts (
         id text PRIMARY KEY,
         token_hash text NOT NULL UNIQUE,           -- hex SHA-256 of the sync token; the token itself is never stored
         created_at timestamptz NOT NULL DEFAULT now()
       )`,
      `CREATE TABLE devices (
         account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
         device_id text NOT NULL,
         name text NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now(),
         last_seen_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (account_id, device_id)
       )`,
      // hlc and device compare bytewise (COLLATE "C"): the protocol's order is lexicographic, not linguistic.
      // seq: a new value on every winning write (insert default, and excluded.seq on update), so it orders
      // the account's changes for pulls.
      `CREATE TABLE records (
         account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
         id text NOT NULL,
         hlc text COLLATE "C" NOT NULL,
         device text COLLATE "C" NOT NULL,
         deleted boolean NOT NULL,
         payload text NOT NULL,
         seq bigserial NOT NULL,
         updated_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (account_id, id)
       )`,
      `CREATE UNIQUE INDEX records_account_seq ON records (account_id, seq)`,
    ],
  },
];

/** Arbitrary constant: serializes migrations when several instances start against one database. */
const MIGRATION_LOCK = 7_415_302_118;

export async function migrate(db: Db, migrations: Migration[] = MIGRATIONS): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK]);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = new Set(
      (await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => Number(r.version)),
    );
    const applied: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      for (const statement of m.sql) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    return applied;
  });
}
