// Push: the outbox's records, current version, encrypted, in batches within the server's limits. An
// outbox row is deleted only if its record's hlc is still the one pushed: an edit made while the
// request was in flight stays queued (and is pushed by the next pass).

import type { Annotation } from '../annotations/model';
import type { LensDb } from '../kb/db';
import type { SyncApi } from './api';
import { seal } from './envelope';
import { SYNC_LIMITS, type Change } from './protocol';

export interface PushLimits {
  maxChangesPerPush: number;
  maxPayloadChars: number;
  maxBodyBytes: number;
}

export interface PushResult {
  pushed: number;
  /** Records too large for one change (left in the outbox). */
  oversized: string[];
}

/** Room for the JSON around the changes. */
const BODY_SLACK = 4096;
const MAX_PASSES = 20;

/** Deletes the outbox rows of the pushed versions that are still current. */
async function confirm(db: LensDb, pushed: Pick<Change, 'id' | 'hlc'>[]): Promise<void> {
  await db.transaction('rw', db.annotations, db.outbox, async () => {
    const current = await db.annotations.bulkGet(pushed.map((c) => c.id));
    const done = pushed.filter((c, i) => current[i] === undefined || current[i]!.hlc === c.hlc).map((c) => c.id);
    await db.outbox.bulkDelete(done);
  });
}

function changeBytes(c: Change): number {
  return c.payload.length + c.id.length + c.hlc.length + c.device.length + 64;
}

export async function pushOutbox(db: LensDb, api: SyncApi, key: CryptoKey, limits: PushLimits = SYNC_LIMITS): Promise<PushResult> {
  const perPush = Math.min(limits.maxChangesPerPush, SYNC_LIMITS.maxChangesPerPush);
  const oversized = new Set<string>();
  let pushed = 0;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const rows = (await db.outbox.orderBy('queuedAt').primaryKeys()).filter((id) => !oversized.has(id));
    if (rows.length === 0) break;
    for (let i = 0; i < rows.length; i += perPush) {
      const ids = rows.slice(i, i + perPush);
      const records = await db.annotations.bulkGet(ids);
      const orphans = ids.filter((_, j) => records[j] === undefined);
      if (orphans.length) await confirm(db, orphans.map((id) => ({ id, hlc: '' })));
      const changes = await Promise.all(records.filter((a): a is Annotation => a !== undefined).map((a) => seal(key, a)));
      let batch: Change[] = [];
      let bytes = BODY_SLACK;
      const flush = async () => {
        if (batch.length === 0) return;
        await api.push(batch);
        await confirm(db, batch);
        pushed += batch.length;
        batch = [];
        bytes = BODY_SLACK;
      };
      for (const c of changes) {
        const size = changeBytes(c);
        if (c.payload.length > limits.maxPayloadChars || size + BODY_SLACK > limits.maxBodyBytes) {
          oversized.add(c.id);
          continue;
        }
        if (bytes + size > limits.maxBodyBytes) await flush();
        batch.push(c);
        bytes += size;
      }
      await flush();
    }
  }
  return { pushed, oversized: [...oversized] };
}
