// Test rig for the sync client: an in-process sync server (PGlite in memory), simulated devices (each
// its own LensDb + AnnotationStore + SyncClient), a fetch that injects faults, and table snapshots.
import { Dexie } from 'dexie';
import { describe as describeSpan } from '../../../lib/anchoring';
import type { Annotation, NewAnnotation } from '../../../lib/annotations/model';
import { AnnotationStore } from '../../../lib/annotations/store';
import { LensDb } from '../../../lib/db/database';
import type { Fetch } from '../../../lib/sync/api';
import { SyncClient, type SyncClientOptions } from '../../../lib/sync/client';
import { toBase64url } from '../../../lib/sync/base64url';
import { deriveKey, type Bytes } from '../../../lib/sync/crypto';
import { createApp } from '../../../server/app.ts';
import { openDb } from '../../../server/db/open.ts';
import type { Db } from '../../../server/db/types.ts';
import type { PushHooks } from '../../../server/store/changes.ts';
export { rng } from '../../../scripts/lib/rng';

export const SERVER_URL = 'http://sync.test';
export const PASSPHRASE = 'correct horse battery staple';

export interface TestServer {
  db: Db;
  fetch: Fetch;
  hooks: PushHooks;
  requests: { method: string; path: string }[];
  close(): Promise<void>;
}

export async function startServer(): Promise<TestServer> {
  const db = await openDb({});
  const hooks: PushHooks = {};
  const unlimited = { capacity: 1e9, refillPerSecond: 1e9 };
  const app = createApp({ db, limits: { perToken: unlimited, accountCreation: unlimited }, hooks, log: () => undefined });
  const requests: { method: string; path: string }[] = [];
  const fetch: Fetch = async (url, init) => {
    const u = new URL(url);
    requests.push({ method: init.method ?? 'GET', path: u.pathname + u.search });
    return app.request(url, init);
  };
  return {
    db,
    fetch,
    hooks,
    requests,
    close: () => db.close(),
  };
}

/** PBKDF2 (the real 600 000 rounds) once per passphrase and salt: many simulated devices, one derivation. */
const derived = new Map<string, Promise<CryptoKey>>();
export function cachedDeriveKey(passphrase: string, salt: Bytes | string): Promise<CryptoKey> {
  const k = `${passphrase}\u0000${typeof salt === 'string' ? salt : `salt:${toBase64url(salt)}`}`;
  let p = derived.get(k);
  if (!p) derived.set(k, (p = deriveKey(passphrase, salt)));
  return p;
}

let dbSeq = 0;
const openNames: string[] = [];
export function freshDbName(label: string): string {
  const name = `sync-${label}-${process.pid}-${dbSeq++}`;
  openNames.push(name);
  return name;
}

const openDbs: LensDb[] = [];
export async function deleteTestDbs(): Promise<void> {
  for (const db of openDbs.splice(0)) db.close();
  for (const n of openNames.splice(0)) await Dexie.delete(n);
}

export interface Device {
  name: string;
  db: LensDb;
  notes: AnnotationStore;
  client: SyncClient;
}

export function makeDevice(dbName: string, fetch: Fetch, opts: Partial<SyncClientOptions> = {}): Device {
  const db = new LensDb(dbName);
  openDbs.push(db);
  const notes = new AnnotationStore(db);
  const client = new SyncClient({ db, notes, fetch, deriveKey: cachedDeriveKey, deviceName: dbName, ...opts });
  return { name: dbName, db, notes, client };
}

/** A device whose database outlives it: a new client (or a new LensDb) on the same database name. */
export function reopen(d: Device, fetch: Fetch, opts: Partial<SyncClientOptions> = {}, newDb = false): Device {
  if (newDb) d.db.close();
  return makeDevice(d.name, fetch, opts);
}

const WORDS = ['treaty', 'security', 'Minsk', 'summit', 'Yerevan', 'exercise', 'peacekeeping', 'Dushanbe', 'rapid', 'reaction', 'forces', 'Astana', 'Bishkek', 'drone', 'border'];

export function words(r: () => number, n: number): string {
  return Array.from({ length: n }, () => WORDS[Math.floor(r() * WORDS.length)]!).join(' ');
}

export function newInput(r: () => number, note?: string): NewAnnotation {
  const text = `The CSTO ${words(r, 8)} statement in ${words(r, 3)}.`;
  const start = 4;
  return {
    source: `https://news.example/${Math.floor(r() * 5)}`,
    title: `Story ${words(r, 2)}`,
    selector: describeSpan(text, start, start + 4),
    note: note ?? words(r, 4),
    tags: [words(r, 1)],
  };
}

/** Every annotation, sorted by id (versions included): two devices agree iff these are deep-equal. */
export async function snapshot(db: LensDb): Promise<Annotation[]> {
  return db.annotations.orderBy('id').toArray();
}


export interface FaultRates {
  /** Throw without sending. */
  before: number;
  /** Send (the server handles it), then throw instead of returning the response. */
  after: number;
  /** Send twice, return the second response. */
  duplicate: number;
}

export interface FaultyFetch {
  fetch: Fetch;
  enabled: boolean;
  counts: { before: number; after: number; duplicate: number; ok: number };
  /** Runs while a request is in flight (after the client sent it, before the server answers). */
  during?: (url: string, init: RequestInit) => Promise<void>;
}

export function faultyFetch(base: Fetch, r: () => number, rates: FaultRates): FaultyFetch {
  const f: FaultyFetch = {
    enabled: true,
    counts: { before: 0, after: 0, duplicate: 0, ok: 0 },
    fetch: async (url, init) => {
      if (f.enabled) await f.during?.(url, init);
      const x = f.enabled ? r() : 1;
      if (x < rates.before) {
        f.counts.before++;
        throw new TypeError('fetch failed: connection refused');
      }
      if (x < rates.before + rates.after) {
        f.counts.after++;
        await (await base(url, init)).text();
        throw new TypeError('fetch failed: connection reset after the request was sent');
      }
      if (x < rates.before + rates.after + rates.duplicate) {
        f.counts.duplicate++;
        await (await base(url, init)).text();
        return base(url, init);
      }
      f.counts.ok++;
      return base(url, init);
    },
  };
  return f;
}

/** Links `devices` to one new account (the first creates it) with the same passphrase. */
export async function setupAccount(devices: Device[], passphrase = PASSPHRASE): Promise<string> {
  const [first, ...rest] = devices;
  const { syncKey } = await first!.client.createAccount(SERVER_URL);
  await first!.client.setPassphrase(passphrase);
  for (const d of rest) {
    await d.client.link(SERVER_URL, syncKey);
    await d.client.setPassphrase(passphrase);
  }
  return syncKey;
}

/** Syncs every device, round after round, until a whole round moves nothing. */
export async function syncUntilQuiet(devices: Device[], maxRounds = 10): Promise<number> {
  for (let round = 1; round <= maxRounds; round++) {
    let moved = 0;
    for (const d of devices) {
      const r = await d.client.sync();
      moved += r.pulled + r.pushed + (await d.db.outbox.count());
    }
    if (moved === 0) return round;
  }
  throw new Error(`devices still syncing after ${maxRounds} rounds`);
}

/**
 * A malicious (or broken) sync server: the real one underneath, with `rewrite` changing what it answers.
 * `rewrite` gets the request and the real JSON answer and returns a Response, or undefined to pass it on.
 */
export type Rewrite = (req: { method: string; path: string; body: unknown }, answer: () => Promise<{ status: number; json: unknown }>) => Promise<Response | undefined>;

export function hostileFetch(base: Fetch, rewrite: Rewrite): Fetch & { calls: number } {
  const f = (async (url: string, init: RequestInit) => {
    f.calls++;
    const u = new URL(url);
    const req = { method: init.method ?? 'GET', path: u.pathname + u.search, body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined };
    const answer = async () => {
      const res = await base(url, init);
      return { status: res.status, json: await res.json() };
    };
    return (await rewrite(req, answer)) ?? base(url, init);
  }) as Fetch & { calls: number };
  f.calls = 0;
  return f;
}

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}
