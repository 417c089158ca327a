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
  return sealJson(key, { id: a.id, hlc: a.hlc, device: a.device, deleted: a.deleted }, a);
}

/** Any record kind's plaintext object, padded and sealed under its envelope. */
export async function sealJson(key: CryptoKey, head: Pick<Change, 'id' | 'hlc' | 'device' | 'deleted'>, body: unknown): Promise<Change> {
  const { id, hlc, device, deleted } = head;
  return { id, hlc, device, deleted, payload: await encrypt(key, pad(utf8.encode(JSON.stringify(body)), MAX_RECORD_BYTES), additionalData(head)) };
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

/** The record kinds this version reads; a change of another kind is kept as it came and ignored (pull.ts). */
export const ANNOTATION_KIND = 'Annotation';

/**
 * A decrypted record of any kind whose clear-text envelope matches what it says inside: `{kind, json}`.
 * Throws DecryptError when it does not open or is not the record its envelope names.
 */
export async function openAny(key: CryptoKey, c: Change): Promise<{ kind: string; json: Record<string, unknown> }> {
  const x = await openJson(key, c);
  const ok = isObject(x) && typeof x.type === 'string' && x.type.length > 0 && x.id === c.id && x.hlc === c.hlc && x.device === c.device && x.deleted === c.deleted;
  if (!ok) throw new DecryptError(c.id, 'the payload is not the record its envelope names');
  return { kind: x.type as string, json: x };
}

/** The annotation a change carries, checked against its clear-text envelope. */
export async function open(key: CryptoKey, c: Change): Promise<Annotation> {
  const a = await openJson(key, c);
  return annotationOf(a, c);
}

/** A decrypted object as the annotation `c` names; throws DecryptError when it is not. */
export function annotationOf(a: unknown, c: Change): Annotation {
  const ok =
    isObject(a) &&
    a.type === ANNOTATION_KIND &&
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
