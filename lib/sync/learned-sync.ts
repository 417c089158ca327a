// Learned documents in sync (issue 17.4): which version of each learned page this device holds, and
// the three moves between the `learned` table and the sync records (learned-record.ts).
//
//   scan      a learned page added, updated or removed here (by the popup, the notebook, an undo: any
//             writer of `learned`) gets a new HLC stamp and an outbox row `l-…`. It compares each
//             document's digest with the version it last had, so it needs no hook in the learning code.
//   push      the outbox row's current version, sealed (push.ts); a tombstone once the page is gone.
//   apply     a pulled version that beats this device's is stored through the learning service's own
//             `restore` / `remove` (lib/kb/learn-service.ts), which rebuild the knowledge base with it.
//
// Versions live in one meta row (`sync.learned`: learned id → {hlc, device, deleted, digest}); scans and
// applies run one at a time, so a remote page being stored is never mistaken for a local edit.

import { encode } from '../annotations/hlc';
import { CLOCK_KEY, type AnnotationStore } from '../annotations/store';
import type { LensDb } from '../db/database';
import { getMeta, setMeta } from '../db/meta';
import type { LearnedDocument } from '../model/types';
import { textHash } from '../learn/learned';
import { sealJson } from './envelope';
import { learnedPayload, learnedRecordId, type IncomingLearned, type LearnedHead } from './learned-record';
import { compareVersions, type Change } from './protocol';

export const LEARNED_VERSIONS_KEY = 'sync.learned' as const;
/** Outbox rows of learned documents are keyed by the learned id ('l-…'); annotation rows by their UUID. */
export const isLearnedOutboxId = (id: string) => id.startsWith('l-');

export interface LearnedVersion {
  hlc: string;
  device: string;
  deleted: boolean;
  /** Digest of the document this version carries ('' for a tombstone). */
  digest: string;
}
type Versions = Record<string, LearnedVersion>;

declare module '../db/meta' {
  interface MetaValues {
    /** The learned documents' synced versions, by learned id. */
    'sync.learned': Record<string, LearnedVersion>;
  }
}

/** What stores a pulled learned page and rebuilds the knowledge base with it (LearnService). */
export interface LearnedPort {
  restore(doc: LearnedDocument): Promise<unknown>;
  remove(id: string): Promise<unknown>;
}

/** A learned document's digest over every field, in a fixed order (property order does not count). */
export function learnedDocDigest(doc: LearnedDocument): string {
  const d = doc as unknown as Record<string, unknown>;
  return textHash(JSON.stringify(Object.keys(d).sort().map((k) => [k, d[k]])));
}

export class LearnedSync {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: LensDb,
    private readonly notes: AnnotationStore,
    private readonly port: LearnedPort | null = null,
  ) {}

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch(() => undefined);
    return run;
  }

  async versions(): Promise<Versions> {
    return (await getMeta(this.db, LEARNED_VERSIONS_KEY)) ?? {};
  }

  /** Stamps and queues what changed in `learned` since the last scan; returns the learned ids queued. */
  scan(): Promise<string[]> {
    return this.serial(async () => {
      const clock = await this.notes.clock();
      const { db } = this;
      return db.transaction('rw', db.learned, db.meta, db.outbox, async () => {
        const versions = await this.versions();
        const docs = await db.learned.toArray();
        const queued: string[] = [];
        const stamp = (id: string, v: Omit<LearnedVersion, 'hlc' | 'device'>) => {
          versions[id] = { ...v, hlc: encode(clock.tick()), device: clock.device };
          queued.push(id);
        };
        const present = new Set<string>();
        for (const doc of docs) {
          present.add(doc.id);
          const digest = learnedDocDigest(doc);
          const v = versions[doc.id];
          if (!v || v.deleted || v.digest !== digest) stamp(doc.id, { deleted: false, digest });
        }
        for (const [id, v] of Object.entries(versions)) if (!v.deleted && !present.has(id)) stamp(id, { deleted: true, digest: '' });
        if (queued.length === 0) return queued;
        await setMeta(db, LEARNED_VERSIONS_KEY, versions);
        await setMeta(db, CLOCK_KEY, encode(clock.last));
        const at = Date.now();
        await db.outbox.bulkPut(queued.map((id) => ({ id, queuedAt: at })));
        return queued;
      });
    });
  }

  /** A newly linked account gets every learned page (and tombstone) this device knows. */
  async requeueAll(): Promise<void> {
    await this.scan();
    const ids = Object.keys(await this.versions());
    const queued = new Set((await this.db.outbox.toCollection().primaryKeys()) as string[]);
    const at = Date.now();
    await this.db.outbox.bulkPut(ids.filter((id) => !queued.has(id)).map((id) => ({ id, queuedAt: at })));
  }

  /**
   * The change to push for an outbox row: its current version sealed; null when there is no version
   * (a stale row). Throws LearnedTooLargeError when the page does not fit one record.
   */
  async changeFor(learnedId: string, key: CryptoKey, salt: string): Promise<Change | null> {
    const v = (await this.versions())[learnedId];
    if (!v) return null;
    const doc = v.deleted ? null : ((await this.db.learned.get(learnedId)) ?? null);
    if (!v.deleted && (!doc || learnedDocDigest(doc) !== v.digest)) return null; // changed since: the scan queues it again
    const head: LearnedHead = { id: await learnedRecordId(learnedId, salt), hlc: v.hlc, device: v.device, deleted: v.deleted, learnedId };
    return sealJson(key, head, await learnedPayload(head, doc));
  }

  /** Deletes the outbox rows of pushed versions that are still current. */
  async confirm(pushed: { learnedId: string; hlc: string }[]): Promise<void> {
    if (pushed.length === 0) return;
    await this.db.transaction('rw', this.db.meta, this.db.outbox, async () => {
      const versions = await this.versions();
      await this.db.outbox.bulkDelete(pushed.filter((p) => !versions[p.learnedId] || versions[p.learnedId]!.hlc === p.hlc).map((p) => p.learnedId));
    });
  }

  /**
   * Applies pulled versions that beat this device's: stores the page (or removes it on a tombstone)
   * through the learning service, which rebuilds the knowledge base. Returns the learned ids changed.
   * Without a port (a client that cannot store learned pages) nothing is applied.
   */
  applyRemote(items: IncomingLearned[]): Promise<string[]> {
    if (items.length === 0 || !this.port) return Promise.resolve([]);
    const port = this.port;
    return this.serial(async () => {
      const changed: string[] = [];
      for (const { head, doc } of items) {
        const versions = await this.versions();
        const mine = versions[head.learnedId];
        if (mine && compareVersions(mine, head) >= 0) continue;
        const clock = await this.notes.clock();
        clock.receive(head.hlc);
        versions[head.learnedId] = { hlc: head.hlc, device: head.device, deleted: head.deleted, digest: doc ? learnedDocDigest(doc) : '' };
        // The version first: the scan after the store's write then finds nothing new (no echo).
        await this.db.transaction('rw', this.db.meta, this.db.outbox, async () => {
          await setMeta(this.db, LEARNED_VERSIONS_KEY, versions);
          await setMeta(this.db, CLOCK_KEY, encode(clock.last));
          await this.db.outbox.delete(head.learnedId);
        });
        try {
          if (doc) await port.restore(doc);
          else if (await this.db.learned.get(head.learnedId)) await port.remove(head.learnedId);
        } catch (err) {
          // Not stored: put this device's version back, or the next scan would push a tombstone.
          const back = await this.versions();
          if (mine) back[head.learnedId] = mine;
          else delete back[head.learnedId];
          await setMeta(this.db, LEARNED_VERSIONS_KEY, back);
          throw err;
        }
        changed.push(head.learnedId);
      }
      return changed;
    });
  }
}
