// One annotation version ⇄ one wire Change. The whole Annotation (notes, quotes, URLs, tags) is the
// encrypted payload; only id, hlc, device and the tombstone flag travel in clear (the server needs them
// to merge), and those four are bound to the ciphertext as AES-GCM additional data. The plaintext is
// padded to a size class (crypto.ts pad) before encryption.

import type { Annotation } from '../annotations/model';
import { MAX_RECORD_BYTES } from '../annotations/record-rules';
import { decrypt, encrypt, pad, unpad, type Bytes } from './crypto';
import { DecryptError } from './errors';
import type { Change } from './protocol';

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8', { fatal: true });

export function additionalData(c: Pick<Change, 'id' | 'hlc' | 'device' | 'deleted'>): Bytes {
  return utf8.encode(`csto-lens/sync/v1|${c.id}|${c.hlc}|${c.device}|${c.deleted ? 1 : 0}`);
}

export async function seal(key: CryptoKey, a: Annotation): Promise<Change> {
  const head = { id: a.id, hlc: a.hlc, device: a.device, deleted: a.deleted };
  return { ...head, payload: await encrypt(key, pad(utf8.encode(JSON.stringify(a)), MAX_RECORD_BYTES), additionalData(head)) };
}

/** Decrypts a change's payload to JSON; throws DecryptError when it does not open. */
export async function openJson(key: CryptoKey, c: Change): Promise<unknown> {
  const plain = await decrypt(key, c.payload, additionalData(c));
  if (!plain) throw new DecryptError(c.id, 'the authentication tag does not match (another key, or altered data)');
  try {
    return JSON.parse(fromUtf8.decode(unpad(plain)));
  } catch {
    throw new DecryptError(c.id, 'the plaintext is not JSON');
  }
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The annotation a change carries, checked against its clear-text envelope. */
export async function open(key: CryptoKey, c: Change): Promise<Annotation> {
  const a = await openJson(key, c);
  const ok =
    isObject(a) &&
    a.type === 'Annotation' &&
    a.id === c.id &&
    a.hlc === c.hlc &&
    a.device === c.device &&
    a.deleted === c.deleted &&
    isObject(a.target) &&
    Array.isArray(a.body) &&
    typeof a.modified === 'string';
  if (!ok) throw new DecryptError(c.id, 'the payload is not the annotation its envelope names');
  return a as unknown as Annotation;
}
