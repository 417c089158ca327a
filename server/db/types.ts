// The database seam: the same SQL runs on PGlite (embedded) and PostgreSQL (node-postgres).

export interface QueryResult<R> {
  rows: R[];
}

/** Something that runs one parameterized statement ($1, $2, …). */
export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<R>>;
}

export interface Db extends Queryable {
  /** Runs `fn` in one transaction on one connection: COMMIT if it resolves, ROLLBACK if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** 'pglite' or 'postgres', for /health and logs. */
  readonly kind: 'pglite' | 'postgres';
}
