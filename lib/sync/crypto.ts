// End-to-end encryption of sync payloads, with WebCrypto only (service worker, pages, Node ≥ 20).
//
// KEY. The passphrase never leaves the device and is never stored. The key is
//   PBKDF2-HMAC-SHA-256(passphrase, salt, 600 000 iterations) → AES-GCM-256, non-extractable,
// and the salt is derived from the sync account id:
//   salt = SHA-256(UTF-8("csto-lens/sync/v1/salt:" + accountId))       (32 bytes)
// so every device of one account derives the same key from the same passphrase, and two accounts never
// share a salt. The account id is not secret (the salt need not be); the passphrase is what protects the data.
// The derived CryptoKey is stored (structured clone, non-extractable) in the device's IndexedDB, so the
// passphrase is typed once per device.
//
// PAYLOAD. base64url(iv ‖ AES-GCM(key, iv, plaintext, additionalData)), iv = 12 random bytes per
// encryption. The additional data binds a payload to its record envelope (id, hlc, device, deleted) so
// the server cannot swap payloads between records or versions without the tag check failing.

import { fromBase64url, toBase64url } from './base64url';

export const PBKDF2_ITERATIONS = 600_000;
export const IV_BYTES = 12;
const SALT_PREFIX = 'csto-lens/sync/v1/salt:';
const utf8 = new TextEncoder();
/** Bytes backed by a plain ArrayBuffer (what WebCrypto accepts). */
export type Bytes = Uint8Array<ArrayBuffer>;

export async function saltFor(accountId: string): Promise<Bytes> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', utf8.encode(SALT_PREFIX + accountId)));
}

/** The account's AES-GCM key from a passphrase. Slow on purpose (600 000 PBKDF2 rounds). */
export async function deriveKey(passphrase: string, accountId: string, iterations: number = PBKDF2_ITERATIONS): Promise<CryptoKey> {
  if (!passphrase) throw new Error('the passphrase is empty');
  if (iterations < PBKDF2_ITERATIONS) throw new RangeError(`PBKDF2 needs at least ${PBKDF2_ITERATIONS} iterations`);
  const material = await crypto.subtle.importKey('raw', utf8.encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: await saltFor(accountId), iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export async function encrypt(key: CryptoKey, plaintext: Bytes, additionalData: Bytes): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData }, key, plaintext));
  const out = new Uint8Array(IV_BYTES + sealed.length);
  out.set(iv);
  out.set(sealed, IV_BYTES);
  return toBase64url(out);
}

/** The plaintext, or null when the payload is malformed, tampered with, or sealed with another key. */
export async function decrypt(key: CryptoKey, payload: string, additionalData: Bytes): Promise<Bytes | null> {
  let bytes: Bytes;
  try {
    bytes = fromBase64url(payload);
  } catch {
    return null;
  }
  if (bytes.length < IV_BYTES + 16) return null;
  try {
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes.subarray(0, IV_BYTES), additionalData }, key, bytes.subarray(IV_BYTES));
    return new Uint8Array(plain);
  } catch {
    return null;
  }
}
