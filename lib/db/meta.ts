import type { Table } from 'dexie';

// The `meta` table: one typed value per key. Readers and writers go through getMeta / setMeta, so
// each key's value has one type, named here, and no reader casts what it reads.

/** What sync keeps of the linked account (never the passphrase). */
export interface SyncConfig {
  serverUrl: string;
  accountId: string;
  token: string;
  /** The account's key-derivation salt (base64url), from the sync key; absent for v1 keys (salt from the account id). Never sent. */
  salt?: string;
  /** This device created the account: its passphrase is chosen here (and checked for strength). */
  createdHere?: boolean;
}

/** The derived key: a non-extractable CryptoKey, stored by structured clone. */
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

/** Every key the extension keeps in meta, and its value's type. */
export interface MetaValues {
  /** The build key of the stored knowledge base (lib/kb/build-key.ts). */
  kbBuildKey: string;
  /** When the stored knowledge base was written (ISO). */
  kbBuiltAt: string;
  /** `${sources fingerprint}:${build key}`: the bundled sources a start has already compared. */
  kbSourcesSeen: string;
  /** The key of the learned set (lib/kb/learned-store.ts), so a start compares build keys without reading documents. */
  learnedKey: string;
  /** This device's id (annotations' `device`). */
  deviceId: string;
  /** The last HLC this device issued or saw. */
  hlcLast: string;
  /** Which one-off repair of stored records has run. */
  recordRepair: number;
  'sync.config': SyncConfig;
  'sync.key': StoredKey;
  'sync.cursor': string;
  'sync.status': SyncRecord;
  // Keys whose values are sync's own types are declared where those types live (declaration
  // merging): 'sync.kept' in lib/sync/kept.ts, 'sync.learned' in lib/sync/learned-sync.ts.
}

/** The meta key of the learned set's key (written by lib/kb/learned-store.ts, watched by sync). */
export const LEARNED_KEY = 'learnedKey' as const;

export type MetaKey = keyof MetaValues;
export type MetaRow = { [K in MetaKey]: { key: K; value: MetaValues[K] } }[MetaKey];
export type MetaTable = Table<MetaRow, MetaKey>;

interface HasMeta {
  meta: MetaTable;
}

/** The value stored under `key`, typed by MetaValues, or undefined. */
export async function getMeta<K extends MetaKey>(db: HasMeta, key: K): Promise<MetaValues[K] | undefined> {
  const row = await db.meta.get(key);
  // The table holds only rows put by setMeta: a row's key names its value's type.
  return row?.value as MetaValues[K] | undefined;
}

export async function setMeta<K extends MetaKey>(db: HasMeta, key: K, value: MetaValues[K]): Promise<void> {
  await db.meta.put({ key, value } as MetaRow);
}

export async function deleteMeta(db: HasMeta, ...keys: MetaKey[]): Promise<void> {
  await db.meta.bulkDelete(keys);
}
