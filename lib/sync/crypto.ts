// End-to-end encryption of sync payloads, with WebCrypto only (service worker, pages, Node ≥ 20).
//
// KEY. The passphrase never leaves the device and is never stored. The key is
//   PBKDF2-HMAC-SHA-256(passphrase, salt, 600 000 iterations) → AES-GCM-256, non-extractable,
// and the salt is 16 random bytes made by the first device (newSalt), carried inside the sync key
// (sync-key.ts, v2) and never sent to the server: whoever holds only the server's data (the key-check
// record included) cannot test passphrases offline, and a hostile server cannot choose the salt.
// Accounts linked with a v1 sync key keep the old salt, derived from the account id:
//   salt = SHA-256(UTF-8("csto-lens/sync/v1/salt:" + accountId))       (32 bytes)
// The derived CryptoKey is stored (structured clone, non-extractable) in the device's IndexedDB, so the
// passphrase is typed once per device.
//
// PAYLOAD. base64url(iv ‖ AES-GCM(key, iv, plaintext, additionalData)), iv = 12 random bytes per
// encryption. Record plaintexts are padded with zero bytes to a size class (pad/unpad: powers of two
// from 512 bytes, capped at what one payload holds), so the server sees the class, not the length;
// JSON never holds a zero byte, so unpadded payloads of older versions decrypt unchanged. The additional data binds a payload to its record envelope (id, hlc, device, deleted) so
// the server cannot swap payloads between records or versions without the tag check failing.

import { fromBase64url, toBase64url } from './base64url';

export const PBKDF2_ITERATIONS = 600_000;
export const IV_BYTES = 12;
const SALT_PREFIX = 'csto-lens/sync/v1/salt:';
const utf8 = new TextEncoder();
/** Bytes backed by a plain ArrayBuffer (what WebCrypto accepts). */
export type Bytes = Uint8Array<ArrayBuffer>;

export const SALT_BYTES = 16;

/** The legacy (v1 sync key) salt, derived from the account id. */
export async function saltFor(accountId: string): Promise<Bytes> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', utf8.encode(SALT_PREFIX + accountId)));
}

/** A new account's salt: 16 random bytes from the platform's CSPRNG. */
export function newSalt(): Bytes {
  return crypto.getRandomValues(new Uint8Array(SALT_BYTES));
}

/**
 * The account's AES-GCM key from a passphrase and the account's salt (random bytes; or, for an account
 * linked with a v1 sync key, its account id). Slow on purpose (600 000 PBKDF2 rounds).
 */
export async function deriveKey(passphrase: string, salt: Bytes | string, iterations: number = PBKDF2_ITERATIONS): Promise<CryptoKey> {
  if (!passphrase) throw new Error('the passphrase is empty');
  if (iterations < PBKDF2_ITERATIONS) throw new RangeError(`PBKDF2 needs at least ${PBKDF2_ITERATIONS} iterations`);
  if (typeof salt !== 'string' && salt.length < SALT_BYTES) throw new RangeError(`the salt must have at least ${SALT_BYTES} bytes`);
  const material = await crypto.subtle.importKey('raw', utf8.encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: typeof salt === 'string' ? await saltFor(salt) : salt, iterations },
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

/** Smallest padded size class. */
export const PAD_MIN_BYTES = 512;

/** Zero bytes up to the size class of `plain`: the next power of two ≥ 512, at most `max` (never below the length). */
export function pad(plain: Bytes, max: number): Bytes {
  let size = PAD_MIN_BYTES;
  while (size < plain.length) size *= 2;
  size = Math.max(plain.length, Math.min(size, max));
  if (size === plain.length) return plain;
  const out = new Uint8Array(size);
  out.set(plain);
  return out;
}

/** The plaintext without its trailing zero bytes (JSON never ends with one). */
export function unpad(padded: Bytes): Bytes {
  let end = padded.length;
  while (end > 0 && padded[end - 1] === 0) end--;
  return end === padded.length ? padded : padded.subarray(0, end);
}
