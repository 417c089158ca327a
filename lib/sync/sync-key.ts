// The "sync key" a user copies from the first device to the others.
//   v2 (accounts created now): `v2.<accountId>.<token>.<salt>`, salt = base64url of 16 random bytes
//   v1 (older accounts):       `<accountId>.<token>`, the salt is derived from the account id
// The token authenticates to the server; the salt is the passphrase derivation's (crypto.ts) and is
// never sent to the server, so the server's data alone cannot be used to guess the passphrase. None of
// it decrypts anything: that needs the passphrase.

import { fromBase64url, toBase64url } from './base64url';
import { SALT_BYTES, type Bytes } from './crypto';
import { recordIdSchema, tokenSchema } from './protocol';

export interface SyncKey {
  accountId: string;
  token: string;
  /** base64url; null for a v1 key (salt derived from the account id). */
  salt: string | null;
}

export function formatSyncKey(accountId: string, token: string, salt: Bytes | string): string {
  return `v2.${accountId}.${token}.${typeof salt === 'string' ? salt : toBase64url(salt)}`;
}

const NOT_A_KEY = 'not a sync key: paste the whole key shown when the account was created ("v2.<account id>.<token>.<salt>")';

export function parseSyncKey(text: string): SyncKey {
  const parts = text.replace(/\s+/g, '').split('.');
  let accountId: string, token: string, salt: string | null;
  if (parts.length === 4 && parts[0]!.toLowerCase() === 'v2') {
    [, accountId, token, salt] = parts as [string, string, string, string];
    let bytes: Uint8Array | null = null;
    try {
      bytes = fromBase64url(salt);
    } catch {
      bytes = null;
    }
    if (!bytes || bytes.length < SALT_BYTES || bytes.length > 64) throw new Error(NOT_A_KEY);
  } else if (parts.length === 2) {
    [accountId, token] = parts as [string, string];
    salt = null;
  } else throw new Error(NOT_A_KEY);
  accountId = accountId.toLowerCase();
  if (!recordIdSchema.safeParse(accountId).success || !tokenSchema.safeParse(token).success) throw new Error(NOT_A_KEY);
  return { accountId, token, salt };
}
