// What sync keeps in the database's `meta` table (never the passphrase): the account, the derived key
// (a non-extractable CryptoKey, stored by structured clone), the pull cursor, and the last outcome.

import type { LensDb } from '../db/database';
import { INITIAL_CURSOR } from './protocol';

export interface SyncConfig {
  serverUrl: string;
  accountId: string;
  token: string;
  /** The account's key-derivation salt (base64url), from the sync key; absent for v1 keys (salt from the account id). Never sent. */
  salt?: string;
  /** This device created the account: its passphrase is chosen here (and checked for strength). */
  createdHere?: boolean;
}

export interface StoredKey {
  key: CryptoKey;
  accountId: string;
  /** True once the key opened (or created) the account's key-check record. */
  verified: boolean;
}

export interface SyncRecord {
  lastSyncAt: number | null;
  lastAttemptAt: number | null;
  lastError: string | null;
}

const CONFIG = 'sync.config';
const KEY = 'sync.key';
const CURSOR = 'sync.cursor';
const RECORD = 'sync.status';
export const SYNC_META_KEYS = [CONFIG, KEY, CURSOR, RECORD] as const;

export class SyncState {
  constructor(private readonly db: LensDb) {}

  private async get<T>(key: string): Promise<T | undefined> {
    return (await this.db.meta.get(key))?.value as T | undefined;
  }

  private async set(key: string, value: unknown): Promise<void> {
    await this.db.meta.put({ key, value });
  }

  config(): Promise<SyncConfig | undefined> {
    return this.get<SyncConfig>(CONFIG);
  }

  /** A new account link: the key, cursor and outcome of any previous one go. */
  async connect(config: SyncConfig): Promise<void> {
    await this.db.transaction('rw', this.db.meta, async () => {
      await this.db.meta.bulkDelete([KEY, CURSOR, RECORD]);
      await this.set(CONFIG, config);
    });
  }

  async disconnect(): Promise<void> {
    await this.db.meta.bulkDelete([...SYNC_META_KEYS]);
  }

  /** The stored key, if it belongs to the linked account. */
  async key(accountId: string): Promise<StoredKey | undefined> {
    const k = await this.get<StoredKey>(KEY);
    return k && k.accountId === accountId ? k : undefined;
  }

  setKey(k: StoredKey): Promise<void> {
    return this.set(KEY, k);
  }

  async forgetKey(): Promise<void> {
    await this.db.meta.delete(KEY);
  }

  async cursor(): Promise<string> {
    return (await this.get<string>(CURSOR)) ?? INITIAL_CURSOR;
  }

  setCursor(cursor: string): Promise<void> {
    return this.set(CURSOR, cursor);
  }

  async record(): Promise<SyncRecord> {
    return (await this.get<SyncRecord>(RECORD)) ?? { lastSyncAt: null, lastAttemptAt: null, lastError: null };
  }

  async updateRecord(patch: Partial<SyncRecord>): Promise<void> {
    await this.set(RECORD, { ...(await this.record()), ...patch });
  }
}
