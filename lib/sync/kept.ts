// Changes of a record kind this version does not read (a newer version's): neither applied nor set
// aside as an error, but kept as they came (ciphertext) in one meta row, newest version per record, so
// a later version of this client applies them without pulling the account again (pull.ts replays them
// first on every run). Bounded: past MAX_KEPT the oldest go.

import type { LensDb } from '../db/database';
import { getMeta, setMeta } from '../db/meta';
import { compareVersions, type Change } from './protocol';

export const KEPT_KEY = 'sync.kept' as const;
export const MAX_KEPT = 1_000;

export interface KeptChange {
  kind: string;
  change: Change;
  at: number;
}

declare module '../db/meta' {
  interface MetaValues {
    /** Changes of record kinds this version does not read, kept to apply later. */
    'sync.kept': KeptChange[];
  }
}

export class KeptChanges {
  constructor(private readonly db: LensDb) {}

  async all(): Promise<KeptChange[]> {
    return (await getMeta(this.db, KEPT_KEY)) ?? [];
  }

  async count(): Promise<number> {
    return (await this.all()).length;
  }

  /** Keeps `items` (a newer version of a kept record replaces it); `remove` drops record ids no longer kept. */
  async update(items: KeptChange[], remove: string[] = []): Promise<void> {
    if (items.length === 0 && remove.length === 0) return;
    await this.db.transaction('rw', this.db.meta, async () => {
      const gone = new Set(remove);
      const byId = new Map((await this.all()).filter((k) => !gone.has(k.change.id)).map((k) => [k.change.id, k]));
      for (const k of items) {
        const old = byId.get(k.change.id);
        if (!old || compareVersions(k.change, old.change) > 0) byId.set(k.change.id, k);
      }
      const list = [...byId.values()].sort((a, b) => a.at - b.at).slice(-MAX_KEPT);
      await setMeta(this.db, KEPT_KEY, list);
    });
  }
}
