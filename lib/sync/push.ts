// Push: the outbox's records, current version, encrypted, in batches within the server's limits. An
// outbox row is deleted only if its record's hlc is still the one pushed: an edit made while the
// request was in flight stays queued (and is pushed by the next pass).
// A record the server would refuse (record rules, or a payload over the limit) is set aside, not pushed
// (rejects.ts), and its outbox row goes, so the outbox drains; its next valid edit is queued again. When
// the server still refuses some changes of a batch (HTTP 400 naming `changes.N`), those are set aside
// with the server's reason and the rest of the batch is pushed again.

import type { Annotation } from '../annotations/model';
import { recordProblem } from '../annotations/record-rules';
import type { LensDb } from '../db/database';
import type { SyncApi } from './api';
import { seal } from './envelope';
import { HttpError, SyncAbortedError } from './errors';
import { SYNC_LIMITS, type Change } from './protocol';
import type { Reject, SyncRejects } from './rejects';
import { LearnedTooLargeError } from './learned-record';
import { isLearnedOutboxId, type LearnedSync } from './learned-sync';

export interface PushLimits {
  maxChangesPerPush: number;
  maxPayloadChars: number;
  maxBodyBytes: number;
}

export interface PushResult {
  pushed: number;
  /** Records set aside instead of pushed (the reasons are in the rejects table). */
  setAside: string[];
}

export interface PushOptions {
  /** Learned documents' outbox rows (`l-…`) and the account's salt; absent: those rows wait. */
  learned?: { sync: LearnedSync; salt: string };
  limits?: PushLimits;
  signal?: AbortSignal;
  now?: () => number;
}

/** Room for the JSON around the changes. */
const BODY_SLACK = 4096;
const MAX_PASSES = 20;

/** Deletes the outbox rows of the pushed (or set-aside) annotation versions that are still current. */
async function confirmNotes(db: LensDb, pushed: Pick<Change, 'id' | 'hlc'>[]): Promise<void> {
  if (pushed.length === 0) return;
  await db.transaction('rw', db.annotations, db.outbox, async () => {
    const current = await db.annotations.bulkGet(pushed.map((c) => c.id));
    const done = pushed.filter((c, i) => current[i] === undefined || current[i]!.hlc === c.hlc).map((c) => c.id);
    await db.outbox.bulkDelete(done);
  });
}

function changeBytes(c: Change): number {
  return c.payload.length + c.id.length + c.hlc.length + c.device.length + 64;
}

/** The batch indexes a 400's issues name (`changes.N…`), with the server's message for each. */
function refusedIndexes(err: HttpError, size: number): Map<number, string> {
  const out = new Map<number, string>();
  if (err.status !== 400) return out;
  for (const issue of err.issues) {
    const [head, n, ...rest] = issue.path;
    if (head !== 'changes' || typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n >= size || out.has(n)) continue;
    out.set(n, `refused by the sync server: ${rest.length ? `${rest.join('.')}: ` : ''}${issue.message}`.slice(0, 300));
  }
  return out;
}

export async function pushOutbox(db: LensDb, api: SyncApi, key: CryptoKey, rejects: SyncRejects, opts: PushOptions = {}): Promise<PushResult> {
  const limits = opts.limits ?? SYNC_LIMITS;
  /** Record id → learned id, for the learned documents' changes of this push. */
  const learnedOf = new Map<string, string>();
  const confirm = async (_: LensDb, pushed: Pick<Change, 'id' | 'hlc'>[]) => {
    const learned = pushed.filter((c) => learnedOf.has(c.id) || isLearnedOutboxId(c.id));
    await confirmNotes(db, pushed.filter((c) => !learned.includes(c)));
    await opts.learned?.sync.confirm(learned.map((c) => ({ learnedId: learnedOf.get(c.id) ?? c.id, hlc: c.hlc })));
  };
  const perPush = Math.min(limits.maxChangesPerPush, SYNC_LIMITS.maxChangesPerPush);
  const setAside = new Set<string>();
  /** Learned rows handled in this push (pushed, or stale): not taken again by a later pass. */
  const done = new Set<string>();
  let pushed = 0;
  const stopped = () => {
    if (opts.signal?.aborted) throw new SyncAbortedError();
  };
  const putAside = async (items: { c: Pick<Change, 'id' | 'hlc'>; reason: string }[]) => {
    const list: Reject[] = items.map(({ c, reason }) => ({ source: 'local', id: c.id, hlc: c.hlc, reason }));
    await rejects.add(list, (opts.now ?? Date.now)());
    await confirm(db, items.map((x) => x.c));
    for (const { c } of items) setAside.add(learnedOf.get(c.id) ?? c.id);
  };
  /** Pushes a batch; a 400 naming some of its changes sets those aside and pushes the rest again. */
  const send = async (batch: Change[]) => {
    while (batch.length > 0) {
      try {
        await api.push(batch);
      } catch (err) {
        const refused = err instanceof HttpError ? refusedIndexes(err, batch.length) : new Map<number, string>();
        if (refused.size === 0) throw err;
        stopped();
        await putAside([...refused].map(([i, reason]) => ({ c: batch[i]!, reason })));
        batch = batch.filter((_, i) => !refused.has(i));
        continue;
      }
      stopped();
      await confirm(db, batch);
      pushed += batch.length;
      return;
    }
  };
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const all = (await db.outbox.orderBy('queuedAt').primaryKeys()).filter((id) => !setAside.has(id) && !done.has(id));
    const rows = all.filter((id) => !isLearnedOutboxId(id));
    const learnedRows = opts.learned ? all.filter(isLearnedOutboxId) : [];
    if (rows.length === 0 && learnedRows.length === 0) break;
    // Learned documents: one sealed change each, pushed in their own batches (they are large).
    if (learnedRows.length > 0 && opts.learned) {
      const { sync, salt } = opts.learned;
      let batch: Change[] = [];
      let bytes = BODY_SLACK;
      for (const learnedId of learnedRows) {
        stopped();
        let c: Change | null;
        try {
          c = await sync.changeFor(learnedId, key, salt);
        } catch (err) {
          if (!(err instanceof LearnedTooLargeError)) throw err;
          const v = (await sync.versions())[learnedId];
          await rejects.add([{ source: 'local', id: learnedId, hlc: v?.hlc ?? '', reason: err.message }], (opts.now ?? Date.now)());
          await sync.confirm([{ learnedId, hlc: v?.hlc ?? '' }]);
          setAside.add(learnedId);
          continue;
        }
        if (!c) {
          done.add(learnedId); // no current version (changed since): the scan queues it again
          continue;
        }
        learnedOf.set(c.id, learnedId);
        const size = changeBytes(c);
        if (bytes + size > limits.maxBodyBytes && batch.length > 0) {
          await send(batch);
          batch = [];
          bytes = BODY_SLACK;
        }
        batch.push(c);
        bytes += size;
        done.add(learnedId);
      }
      await send(batch);
    }
    for (let i = 0; i < rows.length; i += perPush) {
      stopped();
      const ids = rows.slice(i, i + perPush);
      const records = await db.annotations.bulkGet(ids);
      const orphans = ids.filter((_, j) => records[j] === undefined);
      if (orphans.length) await confirm(db, orphans.map((id) => ({ id, hlc: '' })));
      const now = (opts.now ?? Date.now)();
      const present = records.filter((a): a is Annotation => a !== undefined);
      const refused = present.map((a) => ({ a, problem: recordProblem(a, now) }));
      await putAside(refused.filter((x) => x.problem).map(({ a, problem }) => ({ c: a, reason: `not synced: ${problem}` })));
      const changes = await Promise.all(refused.filter((x) => !x.problem).map(({ a }) => seal(key, a)));
      let batch: Change[] = [];
      let bytes = BODY_SLACK;
      const tooLarge: { c: Change; reason: string }[] = [];
      for (const c of changes) {
        const size = changeBytes(c);
        if (c.payload.length > limits.maxPayloadChars || size + BODY_SLACK > limits.maxBodyBytes) {
          tooLarge.push({ c, reason: `not synced: its encrypted payload (${c.payload.length} characters) is over the server's limit` });
          continue;
        }
        if (bytes + size > limits.maxBodyBytes) {
          await send(batch);
          batch = [];
          bytes = BODY_SLACK;
        }
        batch.push(c);
        bytes += size;
      }
      await putAside(tooLarge);
      await send(batch);
    }
  }
  return { pushed, setAside: [...setAside] };
}
