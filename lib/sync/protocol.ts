// Sync wire protocol v1: the types and zod schemas shared by the extension's sync client and the server.
// Plain data and validation only: no DOM, no Dexie, no Node APIs.
//
//   POST /v1/accounts                      {device?}            → 201 CreateAccountResponse
//   POST /v1/devices       (Bearer token)  RegisterDeviceRequest → 200 {ok: true}
//   GET  /v1/devices       (Bearer token)                        → 200 ListDevicesResponse
//   POST /v1/changes       (Bearer token)  PushRequest           → 200 PushResponse
//   GET  /v1/changes?since=&limit= (Bearer token)                → 200 PullResponse
//   GET  /health                                                 → 200 {ok: true}
//
// Errors are always `{error: {code, message, issues?}}` (see ErrorCode).
import { z } from 'zod';

export const PROTOCOL_VERSION = 1;
export const API_PREFIX = '/v1';

/** Server-side limits a client should respect; a server may be configured differently. */
export const SYNC_LIMITS = {
  /** Whole request body, bytes. */
  maxBodyBytes: 1024 * 1024,
  /** Changes in one push. */
  maxChangesPerPush: 500,
  /** Length of one change's `payload` (base64url characters, i.e. ≈ 48 KiB of ciphertext). */
  maxPayloadChars: 64 * 1024,
  /** Page size of a pull when `limit` is absent, and its maximum. */
  defaultPullLimit: 500,
  maxPullLimit: 1000,
} as const;
export type SyncLimits = { [K in keyof typeof SYNC_LIMITS]: number };

/** A sync token: 32 random bytes, base64url without padding (43 characters). */
export const SYNC_TOKEN_BYTES = 32;
export const tokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43,128}$/, 'malformed sync token');

/** Record ids are lowercase UUIDs (crypto.randomUUID()). */
export const recordIdSchema = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'record id must be a lowercase UUID');

/** Device ids: short, URL-safe. */
export const deviceIdSchema = z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, 'device id: 1-64 characters of A-Z a-z 0-9 . _ : -');

/**
 * An encoded hybrid logical clock, `wall-counter-device` (`lib/annotations/hlc.ts`): at most 64 characters.
 * The server orders stamps as strings and never parses them, but every edge (import, sync in, sync out,
 * the local store) checks this same shape, so a record that one edge accepts no other edge refuses.
 * Its LEXICOGRAPHIC (byte) order is the causal order: JavaScript's `<` and PostgreSQL's `COLLATE "C"` agree.
 */
export const hlcSchema = z.string().regex(/^[0-9a-z]{11}-[0-9a-z]{5}-[0-9A-Za-z_-]{1,46}$/, 'hlc: "wall-counter-device", at most 64 characters');

/** Cursors are opaque strings (today: a decimal sequence number). "0" = from the beginning. */
export const cursorSchema = z.string().regex(/^(0|[1-9][0-9]{0,18})$/, 'cursor: a value returned by the server, or "0"');
export const INITIAL_CURSOR = '0';

const base64url = (max: number) =>
  z.string().max(max, `payload longer than ${max} characters`).regex(/^[A-Za-z0-9_-]*$/, 'payload must be base64url');

/** One version of one record. `payload` is AES-GCM ciphertext (IV included), base64url: the server never sees plaintext. */
export interface Change {
  id: string;
  hlc: string;
  device: string;
  deleted: boolean;
  payload: string;
}

export const changeSchemaWith = (limits: Pick<SyncLimits, 'maxPayloadChars'>) =>
  z
    .object({
      id: recordIdSchema,
      hlc: hlcSchema,
      device: deviceIdSchema,
      deleted: z.boolean(),
      payload: base64url(limits.maxPayloadChars),
    })
    .strict();

export const pushRequestSchemaWith = (limits: Pick<SyncLimits, 'maxPayloadChars' | 'maxChangesPerPush'>) =>
  z
    .object({
      changes: z
        .array(changeSchemaWith(limits))
        .max(limits.maxChangesPerPush, `at most ${limits.maxChangesPerPush} changes per push`),
    })
    .strict();

export const changeSchema = changeSchemaWith(SYNC_LIMITS);
export const pushRequestSchema = pushRequestSchemaWith(SYNC_LIMITS);
export interface PushRequest {
  changes: Change[];
}

/**
 * `accepted`: how many changes of the batch the server now holds durably (all of them: a push is
 * all-or-nothing); `applied`: how many of them became their record's winning version (a repeat or an
 * older version is accepted but not applied). `cursor`: the account's newest sequence after the push.
 * It is informative only: a client advances its pull cursor from pulls, never from a push, or it would
 * skip other devices' changes.
 */
export interface PushResponse {
  accepted: number;
  applied: number;
  cursor: string;
}

export const pullQuerySchemaWith = (limits: Pick<SyncLimits, 'defaultPullLimit' | 'maxPullLimit'>) =>
  z.object({
    since: cursorSchema.default(INITIAL_CURSOR),
    limit: z
      .string()
      .regex(/^[0-9]{1,7}$/, 'limit must be a positive integer')
      .transform(Number)
      .pipe(z.number().int().min(1).max(limits.maxPullLimit))
      .optional()
      .transform((n) => n ?? limits.defaultPullLimit),
  });
export const pullQuerySchema = pullQuerySchemaWith(SYNC_LIMITS);

/**
 * Records whose winning version changed after `since`, each once, oldest change first. Continue with
 * `since = cursor` while `more` is true; when `more` is false, store `cursor` for the next sync.
 */
export interface PullResponse {
  changes: Change[];
  cursor: string;
  more: boolean;
}

export const registerDeviceSchema = z
  .object({ deviceId: deviceIdSchema, name: z.string().trim().min(1).max(100) })
  .strict();
export type RegisterDeviceRequest = z.infer<typeof registerDeviceSchema>;

/** The body of POST /v1/accounts is optional; with `device`, that device is registered at once. */
export const createAccountSchema = z.object({ device: registerDeviceSchema.optional() }).strict();
export type CreateAccountRequest = z.infer<typeof createAccountSchema>;
/** The token is shown once: the server stores only its SHA-256 hash. */
export interface CreateAccountResponse {
  accountId: string;
  token: string;
}

export interface DeviceInfo {
  deviceId: string;
  name: string;
  createdAt: string;
  lastSeenAt: string;
}
export interface ListDevicesResponse {
  devices: DeviceInfo[];
}

export const ERROR_CODES = [
  'malformed_json',
  'invalid_request',
  'unauthorized',
  'not_found',
  'payload_too_large',
  'rate_limited',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
export interface ErrorIssue {
  path: (string | number)[];
  message: string;
}
export interface ErrorResponse {
  error: { code: ErrorCode; message: string; issues?: ErrorIssue[] };
}

/**
 * The conflict rule, for clients that merge locally: the greater `hlc` wins; on equal `hlc` the greater
 * `device`. Plain code-unit comparison, which equals byte order for the ASCII the schemas allow.
 * Returns > 0 when `a` beats `b`, 0 when they are the same version.
 */
export function compareVersions(a: Pick<Change, 'hlc' | 'device'>, b: Pick<Change, 'hlc' | 'device'>): number {
  if (a.hlc !== b.hlc) return a.hlc > b.hlc ? 1 : -1;
  if (a.device !== b.device) return a.device > b.device ? 1 : -1;
  return 0;
}

// ---- Server-Sent Events: GET /v1/events (added with the server's event stream; client side in lib/sync) ----
//
//   GET /v1/events (Bearer token) → 200 text/event-stream; 429 when the account has its maximum of streams
//
// Read it with fetch() and a stream reader (EventSource cannot send the Authorization header). Events:
//   event: ready    data: ReadyEvent      once, first: the account's newest cursor when the stream opened
//   event: changed  data: ChangedEvent    after a push (from any device of the account) that applied changes
//   event: ping     data: {}              every heartbeat interval when nothing else was sent
// A notice is only a hint to pull: several pushes close together may arrive as one notice (with the newest
// cursor), and a notice sent while the stream was down is lost, so pull after (re)connecting too.

export const EVENTS_PATH = `${API_PREFIX}/events`;
/** The server sends a ping at least this often (ms) on an idle stream; no event for twice as long: reconnect. */
export const EVENT_HEARTBEAT_MS = 25_000;

export const readyEventSchema = z.object({ cursor: cursorSchema });
export type ReadyEvent = z.infer<typeof readyEventSchema>;

/** `devices`: the devices whose changes the push applied (a client may skip a pull for its own push). */
export const changedEventSchema = z.object({ cursor: cursorSchema, devices: z.array(deviceIdSchema) });
export type ChangedEvent = z.infer<typeof changedEventSchema>;

export const pingEventSchema = z.object({});

export const syncEventSchemas = { ready: readyEventSchema, changed: changedEventSchema, ping: pingEventSchema } as const;
export type SyncEventName = keyof typeof syncEventSchemas;
export type SyncEvent =
  | { event: 'ready'; data: ReadyEvent }
  | { event: 'changed'; data: ChangedEvent }
  | { event: 'ping'; data: Record<string, never> };
