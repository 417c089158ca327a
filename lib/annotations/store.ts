import type { Annotation, AnnotationPatch, NewAnnotation } from './model';
import { createAnnotation, deleteAnnotation, editAnnotation, merge, withQuote } from './model';
import type { CodePointSpan, SelectorPair } from '../model/annotation';
import { compareEncoded, decode, encode, HybridClock, isValidDevice, MAX_COUNTER, MAX_FUTURE_SKEW_MS, stampProblem } from './hlc';
import { planImport } from './import';
import { assertRecord, recordProblem } from './record-rules';
import { recordIdSchema } from '../sync/protocol';
import type { LensDb } from '../db/database';
import { getMeta, setMeta } from '../db/meta';
import type { ImportResult } from '../model/import';
export type { ImportResult };

// The background's keeper of annotations: every local change gets a fresh HLC
// stamp from this device's clock (persisted), is written with its outbox entry
// in one transaction, and is never hard-deleted. Remote versions merge in by
// last-writer-wins without touching the outbox. Every write is checked against
// the record rules (lib/annotations/record-rules.ts); a database poisoned by
// older versions (impossible stamps, ids the server refuses) is repaired on open.

const DEVICE_KEY = 'deviceId';
export const CLOCK_KEY = 'hlcLast' as const;
/** Version of the one-time full scan for records older code let in (see `repairOnOpen`). */
const REPAIR_KEY = 'recordRepair';
const REPAIR_VERSION = 1;

export function newDeviceId(): string {
  return `d-${crypto.randomUUID().replace(/-/g, '').slice(0, 16)}`;
}

/** The lowest encoded stamp that is more than MAX_FUTURE_SKEW_MS ahead of `now` (anything above it is impossible). */
function futureBound(now: number): string {
  return `${Math.floor(now + MAX_FUTURE_SKEW_MS).toString(36).padStart(11, '0')}-${MAX_COUNTER.toString(36)}-~`;
}

/** What the repair must fix in a stored record: an id, stamp or device the rules refuse. */
function needsRepair(a: Annotation, now: number): boolean {
  return !recordIdSchema.safeParse(a.id).success || stampProblem(a.hlc, now) !== null || typeof a.device !== 'string' || !isValidDevice(a.device);
}

/** A stable UUID (v8 layout) for a record whose id the server refuses: every device re-keys it alike. */
async function rekeyedId(oldId: string): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`csto-lens/rekey:${oldId}`)));
  d[6] = (d[6]! & 0x0f) | 0x80;
  d[8] = (d[8]! & 0x3f) | 0x80;
  const hex = [...d.subarray(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export class AnnotationStore {
  private clockP: Promise<HybridClock> | null = null;

  constructor(readonly db: LensDb) {}

  /** This device's clock (device id created on first use), resumed from its last stamp; repairs the database first. */
  clock(): Promise<HybridClock> {
    this.clockP ??= this.repairOnOpen().catch((err: unknown) => {
      this.clockP = null;
      throw err;
    });
    return this.clockP;
  }

  /**
   * Opens the clock and repairs what older versions let in. The stored clock is used only when it is a
   * possible stamp; otherwise it resumes from the newest possible stamp among the records. Records with
   * an impossible stamp (malformed, or more than a day ahead) or a bad device get a fresh local stamp;
   * records whose id is not a lowercase UUID get a stable new one (rekeyedId). Both are queued for sync,
   * content unchanged. The full scan runs once (REPAIR_KEY); later opens look only at the stamps above
   * the future bound (an index range), since every write path now refuses the rest.
   */
  private async repairOnOpen(): Promise<HybridClock> {
    const { db } = this;
    const now = Date.now();
    const scanned = (await getMeta(db, REPAIR_KEY)) === REPAIR_VERSION;
    const suspects = scanned ? await db.annotations.where('hlc').above(futureBound(now)).toArray() : await db.annotations.toArray();
    const broken = suspects.filter((a) => needsRepair(a, now));
    const newIds = new Map<string, string>();
    for (const a of broken) if (!recordIdSchema.safeParse(a.id).success) newIds.set(a.id, await rekeyedId(String(a.id)));

    return db.transaction('rw', [db.annotations, db.outbox, db.meta, db.anchorState], async () => {
      let device = await getMeta(db, DEVICE_KEY);
      if (typeof device !== 'string' || !isValidDevice(device)) {
        device = newDeviceId();
        await setMeta(db, DEVICE_KEY, device);
      }
      const last = await getMeta(db, CLOCK_KEY);
      let base: string | null = typeof last === 'string' && stampProblem(last, now) === null ? last : null;
      if (base === null) {
        // The newest possible stamp any record holds: the clock must not fall behind what it made.
        const newest = await db.annotations
          .where('hlc')
          .belowOrEqual(futureBound(now))
          .reverse()
          .filter((a) => stampProblem(a.hlc, now) === null)
          .first();
        base = newest?.hlc ?? null;
      }
      const clock = new HybridClock(device, base === null ? null : decode(base));
      const at = Date.now();
      for (const stale of broken) {
        const current = await db.annotations.get(stale.id);
        if (!current || !needsRepair(current, now)) continue;
        const s = clock.tick();
        const id = newIds.get(current.id) ?? current.id;
        let fixed: Annotation = { ...current, id, hlc: encode(s), device: s.device };
        if (id !== current.id) {
          const twin = await db.annotations.get(id);
          if (twin) fixed = merge(twin, fixed);
          await db.annotations.delete(current.id);
          await db.outbox.delete(current.id);
          await db.anchorState.delete(current.id);
        }
        await db.annotations.put(fixed);
        await db.outbox.put({ id, queuedAt: at });
      }
      await setMeta(db, CLOCK_KEY, encode(clock.last));
      if (!scanned) await setMeta(db, REPAIR_KEY, REPAIR_VERSION);
      return clock;
    });
  }

  private async writeLocal(make: (clock: HybridClock) => Promise<Annotation>): Promise<Annotation> {
    const clock = await this.clock();
    return this.db.transaction('rw', this.db.annotations, this.db.outbox, this.db.meta, async () => {
      const wallBefore = clock.last.wall;
      const a = await make(clock);
      // The local clock may run ahead of physical time only through its own stamps: judge by it.
      const problem = recordProblem(a, Math.max(Date.now(), wallBefore));
      if (problem) throw new RangeError(`annotation not saved: ${problem}`);
      await this.db.annotations.put(a);
      await this.db.outbox.put({ id: a.id, queuedAt: Date.now() });
      await setMeta(this.db, CLOCK_KEY, a.hlc);
      return a;
    });
  }

  private async live(id: string): Promise<Annotation> {
    const a = await this.db.annotations.get(id);
    if (!a) throw new Error(`no annotation ${id}`);
    return a;
  }

  create(input: NewAnnotation): Promise<Annotation> {
    return this.writeLocal(async (clock) => createAnnotation(input, clock));
  }

  edit(id: string, patch: AnnotationPatch): Promise<Annotation> {
    return this.writeLocal(async (clock) => editAnnotation(await this.live(id), patch, clock));
  }

  /** A position-only note's quote, read from its page where it anchored (`withQuote`). */
  setQuote(id: string, selector: SelectorPair, codePoints: CodePointSpan): Promise<Annotation> {
    return this.writeLocal(async (clock) => withQuote(await this.live(id), selector, codePoints, clock));
  }

  /** Deletes by tombstone (so the deletion syncs); `restore` undoes it. */
  remove(id: string): Promise<Annotation> {
    return this.writeLocal(async (clock) => deleteAnnotation(await this.live(id), clock));
  }

  restore(id: string): Promise<Annotation> {
    return this.writeLocal(async (clock) => {
      const a = await this.live(id);
      const revived = editAnnotation({ ...a, deleted: false }, {}, clock);
      return { ...revived, deleted: false };
    });
  }

  /** One annotation as stored (tombstones included), or undefined. */
  get(id: string): Promise<Annotation | undefined> {
    return this.db.annotations.get(id);
  }

  /**
   * What a page's notes last anchored to (device-local, never synced): `orphans` found no place in
   * the page, `anchored` did. The notebook lists orphans with their quote; nothing is dropped.
   */
  async reportAnchoring(source: string, orphans: readonly string[], anchored: readonly string[], checkedAt = Date.now()): Promise<void> {
    await this.db.anchorState.bulkPut([
      ...orphans.map((id) => ({ id, source, orphan: true, checkedAt })),
      ...anchored.map((id) => ({ id, source, orphan: false, checkedAt })),
    ]);
  }

  /** Live annotations of a page (by canonical URL). */
  forPage(source: string): Promise<Annotation[]> {
    return this.db.annotations
      .where('target.source')
      .equals(source)
      .filter((a) => !a.deleted)
      .toArray();
  }

  /** Every live annotation, newest first. */
  async list(): Promise<Annotation[]> {
    return (await this.db.annotations.orderBy('modified').reverse().toArray()).filter((a) => !a.deleted);
  }

  /** Applies a validated import in one transaction: new ids added, newer versions replace older ones. */
  async importMany(incoming: Annotation[]): Promise<ImportResult> {
    const clock = await this.clock();
    return this.db.transaction('rw', this.db.annotations, this.db.outbox, this.db.meta, async () => {
      const existing = await this.db.annotations.bulkGet(incoming.map((a) => a.id));
      const known = new Set(existing.filter((a): a is Annotation => !!a).map((a) => a.id));
      const plan = planImport(
        existing.filter((a): a is Annotation => !!a),
        incoming,
      );
      await this.db.annotations.bulkPut(plan.toPut);
      await this.db.outbox.bulkPut(plan.toPut.map((a) => ({ id: a.id, queuedAt: Date.now() })));
      const newest = plan.toPut.map((a) => a.hlc).sort(compareEncoded).pop();
      if (newest) {
        clock.receive(newest);
        await setMeta(this.db, CLOCK_KEY, encode(clock.last));
      }
      const added = plan.toPut.filter((a) => !known.has(a.id)).length;
      return { added, updated: plan.toPut.length - added, skipped: plan.skipped };
    });
  }

  /** Merges versions that arrived from the sync server; returns the ids whose stored version changed. */
  async applyRemote(records: Annotation[]): Promise<string[]> {
    if (records.length === 0) return [];
    const now = Date.now();
    for (const r of records) assertRecord(r, now); // sync checks them first; this is the store's own guard
    const clock = await this.clock();
    return this.db.transaction('rw', this.db.annotations, this.db.meta, async () => {
      const stored = await this.db.annotations.bulkGet(records.map((r) => r.id));
      const changed: Annotation[] = [];
      records.forEach((incoming, i) => {
        const mine = stored[i];
        const winner = mine ? merge(mine, incoming) : incoming;
        if (winner !== mine) changed.push(winner);
      });
      await this.db.annotations.bulkPut(changed);
      const newest = records.map((r) => r.hlc).sort(compareEncoded).pop()!;
      clock.receive(newest);
      await setMeta(this.db, CLOCK_KEY, encode(clock.last));
      return changed.map((a) => a.id);
    });
  }
}
