import type { Annotation, AnnotationPatch, NewAnnotation } from '../annotations/model';
import { createAnnotation, deleteAnnotation, editAnnotation, merge } from '../annotations/model';
import { compareEncoded, encode, HybridClock } from '../annotations/hlc';
import { planImport } from '../annotations/import';
import type { LensDb } from './db';

// The background's keeper of annotations: every local change gets a fresh HLC
// stamp from this device's clock (persisted), is written with its outbox entry
// in one transaction, and is never hard-deleted. Remote versions merge in by
// last-writer-wins without touching the outbox.

const DEVICE_KEY = 'deviceId';
const CLOCK_KEY = 'hlcLast';

export function newDeviceId(): string {
  return `d-${crypto.randomUUID().replace(/-/g, '').slice(0, 16)}`;
}

export interface ImportResult {
  added: number;
  updated: number;
  skipped: number;
}

export class AnnotationStore {
  private clockP: Promise<HybridClock> | null = null;

  constructor(readonly db: LensDb) {}

  /** This device's clock (device id created on first use), resumed from its last stamp. */
  clock(): Promise<HybridClock> {
    this.clockP ??= this.db.transaction('rw', this.db.meta, async () => {
      let device = (await this.db.meta.get(DEVICE_KEY))?.value as string | undefined;
      if (!device) {
        device = newDeviceId();
        await this.db.meta.put({ key: DEVICE_KEY, value: device });
      }
      const last = (await this.db.meta.get(CLOCK_KEY))?.value as string | undefined;
      return new HybridClock(device, last ?? null);
    });
    return this.clockP;
  }

  private async writeLocal(make: (clock: HybridClock) => Promise<Annotation>): Promise<Annotation> {
    const clock = await this.clock();
    return this.db.transaction('rw', this.db.annotations, this.db.outbox, this.db.meta, async () => {
      const a = await make(clock);
      await this.db.annotations.put(a);
      await this.db.outbox.put({ id: a.id, queuedAt: Date.now() });
      await this.db.meta.put({ key: CLOCK_KEY, value: a.hlc });
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
        await this.db.meta.put({ key: CLOCK_KEY, value: encode(clock.last) });
      }
      const added = plan.toPut.filter((a) => !known.has(a.id)).length;
      return { added, updated: plan.toPut.length - added, skipped: plan.skipped };
    });
  }

  /** Merges versions that arrived from the sync server; returns the ids whose stored version changed. */
  async applyRemote(records: Annotation[]): Promise<string[]> {
    if (records.length === 0) return [];
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
      await this.db.meta.put({ key: CLOCK_KEY, value: encode(clock.last) });
      return changed.map((a) => a.id);
    });
  }
}
