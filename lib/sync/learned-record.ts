// A learned document as a sync record: the second record kind, beside annotations. Same server, same
// protocol, same encryption (envelope.ts): the kind is named inside the ciphertext (`type`), so the
// server cannot tell a learned page from a note, and a client that does not know a kind keeps the change
// as it came and ignores it (pull.ts) instead of setting it aside.
//
//   record id   a UUID (v8 layout) from SHA-256("csto-lens/sync/learned|" + salt + "|" + learned id): the
//               same page learned on two devices is one record, and the server cannot test which URL an
//               id stands for without the salt (v1 accounts, whose salt is the account id, can be tested)
//   payload     {type: "csto:LearnedDocument", id, hlc, device, deleted, learnedId, doc?}
//               doc: base64url of the deflated JSON of the LearnedDocument (absent on a tombstone)
//
// Articles are 10 to 100 KB of text; deflated they fit one payload (`MAX_RECORD_BYTES`, ≈ 48 KB before
// encryption). A page whose compressed record does not fit is refused with a clear reason
// (LearnedTooLargeError): it stays on this device, and the sync status says why it did not sync.

import { z } from 'zod';
import { MAX_RECORD_BYTES } from '../annotations/record-rules';
import { stampProblem } from '../annotations/hlc';
import type { LearnedDocument } from '../model/types';
import { learnProblem, MAX_LEARNED_CHARS } from '../learn/learned';
import { fromBase64url, toBase64url } from './base64url';
import type { Bytes } from './crypto';
import type { Change } from './protocol';

export const LEARNED_KIND = 'csto:LearnedDocument';
/** Learned document ids: 'l-' + 16 hex digits (lib/learn/learned.ts). */
export const learnedIdSchema = z.string().regex(/^l-[0-9a-f]{16}$/, 'learned document id: "l-" and 16 hex digits');

export class LearnedTooLargeError extends Error {
  constructor(
    readonly title: string,
    readonly bytes: number,
  ) {
    super(`learned page "${title.slice(0, 60)}" not synced: ${Math.ceil(bytes / 1024)} KB compressed, more than the ${Math.floor(MAX_RECORD_BYTES / 1024)} KB one sync record holds (it stays on this device)`);
    this.name = 'LearnedTooLargeError';
  }
}

const utf8 = new TextEncoder();

export async function learnedRecordId(learnedId: string, salt: string): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', utf8.encode(`csto-lens/sync/learned|${salt}|${learnedId}`)));
  d[6] = (d[6]! & 0x0f) | 0x80;
  d[8] = (d[8]! & 0x3f) | 0x80;
  const hex = [...d.subarray(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

async function through(bytes: Bytes, stream: CompressionStream | DecompressionStream, limit: number): Promise<Bytes> {
  const reader = new Blob([bytes]).stream().pipeThrough(stream).getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      throw new RangeError(`more than ${limit} bytes`);
    }
    parts.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The fields a learned document must have (what a LearnedStore writes); unknown extra fields pass. */
export const learnedDocumentSchema = z
  .object({
    id: learnedIdSchema,
    url: z.string().max(4096),
    urls: z.array(z.string().max(4096)).min(1).max(50),
    title: z.string().max(2000),
    outlet: z.string().max(500),
    date: z.string().max(40).nullable(),
    lang: z.string().min(1).max(20),
    text: z.string().max(MAX_LEARNED_CHARS),
    textHash: z.string().regex(/^[0-9a-f]{16}$/),
    titleKey: z.string().max(2500),
    addedAt: z.string().max(64),
    updatedAt: z.string().max(64),
  })
  .passthrough();

/** Head of a learned record: the wire envelope's fields plus the learned document it stands for. */
export interface LearnedHead {
  id: string;
  hlc: string;
  device: string;
  deleted: boolean;
  learnedId: string;
}

/** The record's plaintext object (then padded and sealed by envelope.ts). Throws LearnedTooLargeError. */
export async function learnedPayload(head: LearnedHead, doc: LearnedDocument | null): Promise<Record<string, unknown>> {
  const body: Record<string, unknown> = { type: LEARNED_KIND, ...head };
  if (!head.deleted) {
    if (!doc) throw new Error(`learned document ${head.learnedId} is missing`);
    const json = utf8.encode(JSON.stringify(doc));
    const packed = await through(json, new CompressionStream('deflate'), MAX_RECORD_BYTES * 4);
    body.doc = toBase64url(packed);
  }
  const bytes = utf8.encode(JSON.stringify(body)).length;
  if (bytes > MAX_RECORD_BYTES) throw new LearnedTooLargeError(doc?.title ?? head.learnedId, bytes);
  return body;
}

/** A learned record as it arrived and verified: a document to store, or a tombstone. */
export interface IncomingLearned {
  head: LearnedHead;
  doc: LearnedDocument | null;
}

const payloadSchema = z
  .object({ type: z.literal(LEARNED_KIND), learnedId: learnedIdSchema, doc: z.string().regex(/^[A-Za-z0-9_-]+$/).optional() })
  .passthrough();

/**
 * A decrypted learned payload, checked: its id is the record id its learned id gives, its document
 * decompresses, has every field, is the document the record names and may be learned (http(s), size,
 * language: lib/learn/learned.ts). Throws an Error with the reason otherwise.
 */
export async function openLearned(json: Record<string, unknown>, c: Change, salt: string, now: number): Promise<IncomingLearned> {
  const p = payloadSchema.safeParse(json);
  if (!p.success) throw new Error(`learned record: ${p.error.issues[0]!.path.join('.') || 'record'}: ${p.error.issues[0]!.message}`);
  const stamp = stampProblem(c.hlc, now);
  if (stamp) throw new Error(`hlc: ${stamp}`);
  if ((await learnedRecordId(p.data.learnedId, salt)) !== c.id) throw new Error('learned record: its id is not the one its document gives');
  const head: LearnedHead = { id: c.id, hlc: c.hlc, device: c.device, deleted: c.deleted, learnedId: p.data.learnedId };
  if (c.deleted) return { head, doc: null };
  if (!p.data.doc) throw new Error('learned record: no document');
  let raw: unknown;
  try {
    const bytes = await through(fromBase64url(p.data.doc), new DecompressionStream('deflate'), MAX_LEARNED_CHARS * 4 + 64 * 1024);
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (err) {
    throw new Error(`learned record: the document does not decompress (${err instanceof Error ? err.message : String(err)})`);
  }
  const d = learnedDocumentSchema.safeParse(raw);
  if (!d.success) throw new Error(`learned document: ${d.error.issues[0]!.path.join('.') || 'document'}: ${d.error.issues[0]!.message}`);
  const doc = d.data as LearnedDocument;
  if (doc.id !== head.learnedId) throw new Error('learned document: not the one its record names');
  const problem = learnProblem({ location: doc.url, canonical: null, title: doc.title, outlet: doc.outlet, published: doc.date, lang: doc.lang, text: doc.text });
  if (problem) throw new Error(`learned document: ${problem}`);
  return { head, doc };
}
