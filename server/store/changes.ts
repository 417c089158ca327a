// Push and pull of record versions: per (account, record id) the greatest (hlc, device) wins, and every
// winning write takes a new seq, which is the pull cursor.
import { compareVersions, type Change, type PullResponse, type PushResponse } from '../../lib/sync/protocol.ts';
import type { Db, Queryable } from '../db/types.ts';

export interface PushHooks {
  /** Runs inside the push transaction, after the writes, before COMMIT (fault tests). */
  beforeCommit?: () => Promise<void>;
}

/** Keeps, per record id, only the batch's greatest version (one statement cannot update a row twice). */
export function winnersOf(changes: Change[]): Change[] {
  const best = new Map<string, Change>();
  for (const c of changes) {
    const prev = best.get(c.id);
    if (!prev || compareVersions(c, prev) > 0) best.set(c.id, c);
  }
  return [...best.values()];
}

/** The response, and the devices whose changes became winning versions (for the change notices). */
export type PushResult = PushResponse & { appliedDevices: string[] };

export async function pushChanges(db: Db, accountId: string, changes: Change[], hooks: PushHooks = {}): Promise<PushResult> {
  const batch = winnersOf(changes);
  return db.transaction(async (tx) => {
    // One push per account at a time: seq values are then taken in commit order within the account,
    // so a pull can never see seq N+1 committed while N is still in flight (no change is skipped).
    // Pushes of different accounts do not wait for each other.
    await tx.query('SELECT id FROM accounts WHERE id = $1 FOR UPDATE', [accountId]);
    let applied = 0;
    const devices = new Set<string>();
    if (batch.length) {
      const { rows } = await tx.query<{ device: string }>(
        `INSERT INTO records (account_id, id, hlc, device, deleted, payload)
         SELECT $1, c.id, c.hlc, c.device, c.deleted, c.payload
           FROM jsonb_to_recordset($2::jsonb) AS c(id text, hlc text, device text, deleted boolean, payload text)
         ON CONFLICT (account_id, id) DO UPDATE
            SET hlc = excluded.hlc, device = excluded.device, deleted = excluded.deleted,
                payload = excluded.payload, seq = excluded.seq, updated_at = now()
          WHERE (excluded.hlc, excluded.device) > (records.hlc, records.device)
         RETURNING seq, device`,
        [accountId, JSON.stringify(batch)],
      );
      applied = rows.length;
      for (const r of rows) devices.add(r.device);
    }
    await hooks.beforeCommit?.();
    return { accepted: changes.length, applied, cursor: await headCursor(tx, accountId), appliedDevices: [...devices].sort() };
  });
}

export async function headCursor(db: Queryable, accountId: string): Promise<string> {
  const { rows } = await db.query<{ seq: string | null }>(
    'SELECT max(seq)::text AS seq FROM records WHERE account_id = $1',
    [accountId],
  );
  return rows[0]?.seq ?? '0';
}

export async function pullChanges(db: Queryable, accountId: string, since: string, limit: number): Promise<PullResponse> {
  const { rows } = await db.query<Change & { cursor: string }>(
    // ORDER BY r.seq, not seq: the bare name would be the text output column (lexicographic order).
    `SELECT r.id, r.hlc, r.device, r.deleted, r.payload, r.seq::text AS cursor
       FROM records r
      WHERE r.account_id = $1 AND r.seq > $2::bigint
      ORDER BY r.seq
      LIMIT $3`,
    [accountId, since, limit + 1],
  );
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  return {
    changes: page.map(({ id, hlc, device, deleted, payload }) => ({ id, hlc, device, deleted, payload })),
    cursor: last ? last.cursor : since,
    more,
  };
}
