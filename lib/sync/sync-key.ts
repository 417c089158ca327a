// The "sync key" a user copies from a linked device to the next one.
//   v3 (accounts created now): `v3.<accountId>.<token>.<salt>.<server>`, server = base64url of the
//      server's URL, so linking needs the key and the passphrase only
//   v2: `v2.<accountId>.<token>.<salt>` (the server URL is typed separately)
//   v1 (older accounts): `<accountId>.<token>`, the salt is derived from the account id
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
  /** The server's URL (v3 keys); null when the key does not carry it. */
  serverUrl: string | null;
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8', { fatal: true });

export function formatSyncKey(accountId: string, token: string, salt: Bytes | string, serverUrl?: string): string {
  const s = typeof salt === 'string' ? salt : toBase64url(salt);
  return serverUrl ? `v3.${accountId}.${token}.${s}.${toBase64url(utf8.encode(serverUrl))}` : `v2.${accountId}.${token}.${s}`;
}

const NOT_A_KEY = 'not a sync key: paste the whole key shown under "Show sync key" on a linked device ("v3.…")';

function checkSalt(salt: string): void {
  let bytes: Uint8Array | null = null;
  try {
    bytes = fromBase64url(salt);
  } catch {
    bytes = null;
  }
  if (!bytes || bytes.length < SALT_BYTES || bytes.length > 64) throw new Error(NOT_A_KEY);
}

function serverOf(encoded: string): string {
  try {
    const url = new URL(fromUtf8.decode(fromBase64url(encoded)));
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
    return url.href.replace(/\/+$/, '');
  } catch {
    throw new Error(`${NOT_A_KEY}: its server part is not an http(s) address`);
  }
}

export function parseSyncKey(text: string): SyncKey {
  const parts = text.replace(/\s+/g, '').split('.');
  const version = parts[0]?.toLowerCase();
  let accountId: string, token: string;
  let salt: string | null = null;
  let serverUrl: string | null = null;
  if (parts.length === 5 && version === 'v3') {
    [, accountId, token, salt] = parts as [string, string, string, string];
    checkSalt(salt);
    serverUrl = serverOf(parts[4]!);
  } else if (parts.length === 4 && version === 'v2') {
    [, accountId, token, salt] = parts as [string, string, string, string];
    checkSalt(salt);
  } else if (parts.length === 2) {
    [accountId, token] = parts as [string, string];
  } else throw new Error(NOT_A_KEY);
  accountId = accountId.toLowerCase();
  if (!recordIdSchema.safeParse(accountId).success || !tokenSchema.safeParse(token).success) throw new Error(NOT_A_KEY);
  return { accountId, token, salt, serverUrl };
}
