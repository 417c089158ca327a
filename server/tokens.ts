// Sync tokens: 32 random bytes, base64url. Only the SHA-256 hash is stored and looked up.
import { createHash, randomBytes } from 'node:crypto';
import { SYNC_TOKEN_BYTES } from '../lib/sync/protocol.ts';

export function newToken(): string {
  return randomBytes(SYNC_TOKEN_BYTES).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
