// What sync keeps in the database's `meta` table (never the passphrase): the account, the derived key
// (a non-extractable CryptoKey, stored by structured clone), the pull cursor, and the last outcome.

import type { LensDb } from '../db/database';
import { deleteMeta, getMeta, setMeta, type StoredKey, type SyncConfig, type SyncRecord } from '../db/meta';
import { INITIAL_CURSOR } from './protocol';

export type { StoredKey, SyncConfig, SyncRecord };

const CONFIG = 'sync.config';
const KEY = 'sync.key';
const CURSOR = 'sync.cursor';
const RECORD = 'sync.status';
/** Changes of unknown kinds (kept.ts): the account's, so they go with it. */
const KEPT = 'sync.kept';
export const SYNC_META_KEYS = [CONFIG, KEY, CURSOR, RECORD, KEPT] as const;

export class SyncState {
  constructor(private readonly db: LensDb) {}

  config(): Promise<SyncConfig | undefined> {
    return getMeta(this.db, CONFIG);
  }

  /** A new account link: the key, cursor and outcome of any previous one go. */
  async connect(config: SyncConfig): Promise<void> {
    await this.db.transaction('rw', this.db.meta, async () => {
      await deleteMeta(this.db, KEY, CURSOR, RECORD, KEPT);
      await setMeta(this.db, CONFIG, config);
    });
  }

  async disconnect(): Promise<void> {
    await deleteMeta(this.db, ...SYNC_META_KEYS);
  }

  /** The stored key, if it belongs to the linked account. */
  async key(accountId: string): Promise<StoredKey | undefined> {
    const k = await getMeta(this.db, KEY);
    return k && k.accountId === accountId ? k : undefined;
  }

  setKey(k: StoredKey): Promise<void> {
    return setMeta(this.db, KEY, k);
  }

  async forgetKey(): Promise<void> {
    await deleteMeta(this.db, KEY);
  }

  async cursor(): Promise<string> {
    return (await getMeta(this.db, CURSOR)) ?? INITIAL_CURSOR;
  }

  setCursor(cursor: string): Promise<void> {
    return setMeta(this.db, CURSOR, cursor);
  }

  async record(): Promise<SyncRecord> {
    return (await getMeta(this.db, RECORD)) ?? { lastSyncAt: null, lastAttemptAt: null, lastError: null };
  }

  async updateRecord(patch: Partial<SyncRecord>): Promise<void> {
    await setMeta(this.db, RECORD, { ...(await this.record()), ...patch });
  }
}
