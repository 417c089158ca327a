// The "sync key" a user copies from the first device to the others: `<accountId>.<token>`.
// The token authenticates to the server; the account id is the salt of the passphrase's key derivation
// (crypto.ts) and the server has no endpoint that reveals it, so both travel together. Neither one
// decrypts anything: that needs the passphrase.

import { recordIdSchema, tokenSchema } from './protocol';

export function formatSyncKey(accountId: string, token: string): string {
  return `${accountId}.${token}`;
}

export function parseSyncKey(text: string): { accountId: string; token: string } {
  const clean = text.replace(/\s+/g, '');
  const dot = clean.indexOf('.');
  const accountId = clean.slice(0, dot).toLowerCase();
  const token = clean.slice(dot + 1);
  if (dot < 0 || !recordIdSchema.safeParse(accountId).success || !tokenSchema.safeParse(token).success) {
    throw new Error('not a sync key: paste the whole key shown when the account was created ("<account id>.<token>")');
  }
  return { accountId, token };
}
