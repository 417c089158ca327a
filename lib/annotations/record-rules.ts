// The one rule for an annotation record that is stored or synced, checked at every edge: the local
// store's writes, sync in (pull), sync out (push) and import. A record one edge accepts, no other edge
// refuses: its id is a lowercase UUID (the server's record key), its HLC a well-formed stamp no more than
// a day ahead (`stampProblem`), its device a stamp device id, and it fits one sync payload once padded
// and encrypted (`SYNC_LIMITS.maxPayloadChars`). Pure (zod); no database.

import { z } from 'zod';
import { recordIdSchema, SYNC_LIMITS } from '../sync/protocol';
import { isValidDevice, stampProblem } from './hlc';
import { COLORS, type Annotation } from './model';

/** AES-GCM adds a 12-byte IV and a 16-byte tag; base64url turns 3 bytes into 4 characters. */
const SEAL_OVERHEAD_BYTES = 12 + 16;
/** The largest plaintext (record JSON plus padding) that still fits one sync payload. */
export const MAX_RECORD_BYTES = Math.floor((SYNC_LIMITS.maxPayloadChars * 3) / 4) - SEAL_OVERHEAD_BYTES;

const utf8 = new TextEncoder();

const quote = z.object({ type: z.literal('TextQuoteSelector'), exact: z.string(), prefix: z.string(), suffix: z.string() });
const position = z.object({ type: z.literal('TextPositionSelector'), start: z.number().int().nonnegative(), end: z.number().int().nonnegative() });
const bodyItem = z.object({ type: z.literal('TextualBody'), purpose: z.enum(['commenting', 'tagging']), value: z.string() });

/** The record's shape (unknown extra fields pass through: a newer version may add some). */
export const annotationRecordSchema = z
  .object({
    id: recordIdSchema,
    type: z.literal('Annotation'),
    created: z.string().min(1).max(64),
    modified: z.string().min(1).max(64),
    target: z
      .object({
        source: z.string(),
        title: z.string(),
        selector: z.tuple([quote, position]),
        codePoints: z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() }).optional(),
        byPosition: z.literal(true).optional(),
      })
      .passthrough(),
    body: z.array(bodyItem),
    color: z.enum(COLORS),
    entityIds: z.array(z.string()),
    hlc: z.string(),
    device: z.string().refine(isValidDevice, 'device id: 1-46 characters of A-Z a-z 0-9 _ -'),
    deleted: z.boolean(),
  })
  .passthrough();

/** UTF-8 bytes of the record as sync encrypts it (before padding). */
export function recordBytes(a: unknown): number {
  return utf8.encode(JSON.stringify(a)).length;
}

/**
 * Why `record` may not be stored or synced, or null when it may. `now` is this device's clock (ms):
 * a stamp more than a day ahead of it is impossible. The reason names the field: `hlc: …`.
 */
export function recordProblem(record: unknown, now: number = Date.now()): string | null {
  const r = annotationRecordSchema.safeParse(record);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    return `${issue.path.join('.') || 'record'}: ${issue.message}`;
  }
  const stamp = stampProblem(r.data.hlc, now);
  if (stamp) return `hlc: ${stamp}`;
  const bytes = recordBytes(record);
  if (bytes > MAX_RECORD_BYTES) return `record: ${bytes} bytes, more than the ${MAX_RECORD_BYTES} one sync payload holds`;
  return null;
}

/** The record, typed, when it passes `recordProblem`; throws a RangeError with the reason otherwise. */
export function assertRecord(record: unknown, now: number = Date.now()): Annotation {
  const problem = recordProblem(record, now);
  if (problem) {
    const id = (record as { id?: unknown } | null)?.id;
    throw new RangeError(`annotation ${typeof id === 'string' ? JSON.stringify(id.slice(0, 80)) : '(no id)'} refused: ${problem}`);
  }
  return record as Annotation;
}
