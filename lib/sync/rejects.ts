// Changes sync set aside (the `syncRejects` table, v5): what the server or another device sent that did
// not verify (did not decrypt, did not parse, broke the record rules), and local records a push would be
// refused for. Set aside, a change is never applied nor pushed, and sync goes on with the rest; the
// reader sees the count and the reasons in the sync status. Bounded: the oldest rows go past MAX_ROWS.

import type { LensDb } from '../db/database';
import type { SyncRejectRow } from '../db/user-data';
import type { Change } from './protocol';

export const MAX_REJECT_ROWS = 1_000;
const FIELD_CHARS = 100;

export interface Reject {
  source: SyncRejectRow['source'];
  id: unknown;
  hlc: unknown;
  reason: string;
  change?: Change;
}

export interface RejectSummary {
  count: number;
  /** The most frequent reasons, with how many changes each. */
  reasons: { reason: string; count: number }[];
}

const clip = (x: unknown): string => (typeof x === 'string' ? x : x === undefined ? '' : JSON.stringify(x) ?? '').slice(0, FIELD_CHARS);

export class SyncRejects {
  constructor(private readonly db: LensDb) {}

  async add(rejects: Reject[], at: number = Date.now()): Promise<void> {
    if (rejects.length === 0) return;
    const rows: SyncRejectRow[] = rejects.map((r) => {
      const id = clip(r.id);
      const hlc = clip(r.hlc);
      return { key: `${r.source}|${id}|${hlc}`, source: r.source, id, hlc, reason: r.reason.slice(0, 300), at, ...(r.change ? { change: r.change } : {}) };
    });
    await this.db.transaction('rw', this.db.syncRejects, async () => {
      await this.db.syncRejects.bulkPut(rows);
      const extra = (await this.db.syncRejects.count()) - MAX_REJECT_ROWS;
      if (extra > 0) await this.db.syncRejects.bulkDelete(await this.db.syncRejects.orderBy('at').limit(extra).primaryKeys());
    });
  }

  all(): Promise<SyncRejectRow[]> {
    return this.db.syncRejects.orderBy('at').toArray();
  }

  async summary(top = 5): Promise<RejectSummary> {
    const rows = await this.db.syncRejects.toArray();
    const by = new Map<string, number>();
    for (const r of rows) by.set(r.reason, (by.get(r.reason) ?? 0) + 1);
    const reasons = [...by].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1));
    return { count: rows.length, reasons: reasons.slice(0, top) };
  }

  async clear(): Promise<void> {
    await this.db.syncRejects.clear();
  }
}
