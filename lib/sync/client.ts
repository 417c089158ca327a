// The sync client: account setup (create, link, passphrase, disconnect) and one sync run
// (verify the key, pull, push). Operations run one at a time; concurrent sync() calls coalesce.
// Everything it needs survives in the database, so a new client on the same database (a restarted
// service worker) carries on where an abandoned one stopped.

import type { AnnotationStore } from '../annotations/store';
import type { LensDb } from '../db/database';
import { getMeta } from '../db/meta';
import { SyncApi, normalizeServerUrl, type Fetch } from './api';
import { toBase64url, fromBase64url } from './base64url';
import { deriveKey as pbkdf2Key, newSalt, type Bytes } from './crypto';
import { open } from './envelope';
import { DecryptError, HttpError, NotConfiguredError, SyncAbortedError, SyncError, WrongPassphraseError, errorMessage } from './errors';
import { isKeyCheck, makeKeyCheck, verifyKeyCheck } from './key-check';
import { pullAll } from './pull';
import { pushOutbox, type PushLimits } from './push';
import { SyncRejects } from './rejects';
import { KeptChanges } from './kept';
import { LearnedSync, type LearnedPort } from './learned-sync';
import { formatSyncKey, parseSyncKey } from './sync-key';
import { SyncState, type SyncConfig } from './state';
import { DEFAULT_SERVER_URL, type SyncStatus } from './status';
import { changeSchema, SYNC_LIMITS, type Change } from './protocol';
import { firstIssue } from './responses';

export interface SyncClientOptions {
  db: LensDb;
  notes: AnnotationStore;
  /** Stores pulled learned pages and rebuilds the knowledge base (LearnService); absent: learned pages are not synced (kept as they come). */
  learned?: LearnedPort;
  fetch: Fetch;
  /** Shown in the server's device list. */
  deviceName?: string;
  /** Defaults to PBKDF2 with 600 000 iterations (crypto.ts); tests may memoize it. */
  deriveKey?: (passphrase: string, salt: Bytes | string) => Promise<CryptoKey>;
  now?: () => number;
  /** Pull page size (server default when absent). */
  pageLimit?: number;
  pushLimits?: PushLimits;
  timeoutMs?: number;
  /** Pull pages per sync run (pull.ts MAX_PULL_PAGES when absent). */
  maxPullPages?: number;
}

export interface SyncResult {
  pulled: number;
  applied: number;
  pushed: number;
  /** Changes set aside in this run (did not verify, or would be refused). */
  setAside: number;
}

export class SyncClient {
  readonly state: SyncState;
  readonly rejects: SyncRejects;
  readonly learned: LearnedSync;
  readonly kept: KeptChanges;
  /** Aborts the running sync (disconnect). */
  private running: AbortController | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private queued: Promise<SyncResult> | null = null;
  private runningNow = false;

  constructor(private readonly opts: SyncClientOptions) {
    this.state = new SyncState(opts.db);
    this.rejects = new SyncRejects(opts.db);
    this.learned = new LearnedSync(opts.db, opts.notes, opts.learned ?? null);
    this.kept = new KeptChanges(opts.db);
  }

  private now(): number {
    return (this.opts.now ?? Date.now)();
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private api(serverUrl: string, token?: string, signal?: AbortSignal): SyncApi {
    return new SyncApi({ serverUrl, token, fetch: this.opts.fetch, timeoutMs: this.opts.timeoutMs ?? 60_000, signal });
  }

  private async device() {
    const deviceId = (await this.opts.notes.clock()).device;
    return { deviceId, name: (this.opts.deviceName ?? 'CSTO Lens').slice(0, 100) || 'CSTO Lens' };
  }

  /** Queues every local annotation: a newly linked account gets all of this device's notes. */
  private async requeueAll(): Promise<void> {
    const { db } = this.opts;
    await db.transaction('rw', db.annotations, db.outbox, async () => {
      const ids = await db.annotations.toCollection().primaryKeys();
      const queued = new Set(await db.outbox.toCollection().primaryKeys());
      const at = this.now();
      await db.outbox.bulkPut(ids.filter((id) => !queued.has(id)).map((id) => ({ id, queuedAt: at })));
    });
    if (this.opts.learned) await this.learned.requeueAll();
  }

  /** Creates an account on the server; returns the sync key to copy to the other devices (shown once). */
  createAccount(serverUrl: string = DEFAULT_SERVER_URL): Promise<{ accountId: string; syncKey: string }> {
    return this.exclusive(async () => {
      const url = normalizeServerUrl(serverUrl);
      const { accountId, token } = await this.api(url).createAccount(await this.device());
      const salt = toBase64url(newSalt()); // made here, kept here and in the sync key: never sent
      await this.state.connect({ serverUrl: url, accountId, token, salt, createdHere: true });
      await this.requeueAll();
      return { accountId, syncKey: formatSyncKey(accountId, token, salt, url) };
    });
  }

  /**
   * The linked account's sync key (v3: with the server's URL), to link one more device from this one;
   * null when sync is off. It lives in this device's extension database (never in a web page's reach):
   * it authenticates to the server and carries the salt, but reads nothing without the passphrase.
   */
  async syncKey(): Promise<string | null> {
    const config = await this.state.config();
    if (!config) return null;
    return config.salt ? formatSyncKey(config.accountId, config.token, config.salt, config.serverUrl) : `${config.accountId}.${config.token}`;
  }

  /**
   * Links this device to an existing account with its sync key. A v3 key names its server, which
   * wins over `serverUrl` (the field the reader may not have touched); older keys need `serverUrl`.
   */
  link(serverUrl: string | null, syncKey: string): Promise<void> {
    return this.exclusive(async () => {
      const { accountId, token, salt, serverUrl: keyServer } = parseSyncKey(syncKey);
      const given = keyServer ?? serverUrl;
      if (!given) throw new SyncError('this sync key does not name its server: enter the server URL too', false);
      const url = normalizeServerUrl(given);
      try {
        await this.api(url, token).registerDevice(await this.device());
      } catch (err) {
        if (err instanceof HttpError && err.status === 401) throw new SyncError('the server does not know this sync key', false);
        throw err;
      }
      await this.state.connect({ serverUrl: url, accountId, token, ...(salt ? { salt } : {}) });
      await this.requeueAll();
    });
  }

  /**
   * Derives and stores this device's key. When the server answers, the key is checked against the
   * account's key-check record first: a wrong passphrase throws WrongPassphraseError and stores nothing.
   * Offline, the key is stored unverified and checked before the first sync pushes anything.
   */
  setPassphrase(passphrase: string): Promise<void> {
    return this.exclusive(async () => {
      const config = await this.requireConfig();
      const key = await (this.opts.deriveKey ?? pbkdf2Key)(passphrase, config.salt ? fromBase64url(config.salt) : config.accountId);
      let verified = false;
      try {
        await this.verify(this.api(config.serverUrl, config.token), key, config.accountId);
        verified = true;
      } catch (err) {
        if (!(err instanceof HttpError) || !err.retryable) throw err;
      }
      await this.state.setKey({ key, accountId: config.accountId, verified });
      await this.state.updateRecord({ lastError: null });
    });
  }

  /** Stops a running sync at once, then forgets the account, key, cursor and set-aside changes (local annotations stay). */
  disconnect(): Promise<void> {
    this.running?.abort();
    return this.exclusive(async () => {
      await this.state.disconnect();
      await this.rejects.clear();
    });
  }

  private async requireConfig(): Promise<SyncConfig> {
    const config = await this.state.config();
    if (!config) throw new NotConfiguredError('sync is off: create an account or link this device first');
    return config;
  }

  /**
   * Opens the account's first change, which is its key-check record; creates it when the account is
   * empty (then reads it back: if another device won the race, its record is the one that counts).
   */
  private async verify(api: SyncApi, key: CryptoKey, accountId: string): Promise<void> {
    const firstChange = async (): Promise<Change | undefined> => {
      const raw = (await api.pull('0', 1)).changes[0];
      if (raw === undefined) return undefined;
      const c = changeSchema.safeParse(raw);
      if (!c.success) throw new HttpError(`sync server: malformed first change (${firstIssue(c.error)})`, 502);
      return c.data;
    };
    let first = await firstChange();
    if (!first) {
      await api.push([await makeKeyCheck(key, accountId)]);
      first = await firstChange();
      if (!first) throw new HttpError('the sync server did not keep the key check', 500);
    }
    if (isKeyCheck(first)) {
      if (!(await verifyKeyCheck(key, accountId, first))) throw new WrongPassphraseError();
      return;
    }
    // An account written without a key check (not by this client): its first record must open.
    try {
      await open(key, first);
    } catch (err) {
      if (err instanceof DecryptError) throw new WrongPassphraseError();
      throw err;
    }
    await api.push([await makeKeyCheck(key, accountId)]);
  }

  /** One sync: verify the key if needed, pull everything new, push the outbox. Coalesces with a queued run. */
  sync(): Promise<SyncResult> {
    if (this.queued) return this.queued;
    const run = this.exclusive(async () => {
      this.queued = null;
      this.runningNow = true;
      const controller = new AbortController();
      this.running = controller;
      try {
        return await this.runSync(controller.signal);
      } finally {
        this.runningNow = false;
        if (this.running === controller) this.running = null;
      }
    });
    this.queued = run;
    return run;
  }

  private async runSync(signal: AbortSignal): Promise<SyncResult> {
    const config = await this.requireConfig();
    const stored = await this.state.key(config.accountId);
    if (!stored) throw new NotConfiguredError('enter the passphrase on this device to start syncing');
    await this.state.updateRecord({ lastAttemptAt: this.now() });
    try {
      const api = this.api(config.serverUrl, config.token, signal);
      if (!stored.verified) {
        await this.verify(api, stored.key, config.accountId);
        if (signal.aborted) throw new SyncAbortedError();
        await this.state.setKey({ ...stored, verified: true });
      }
      const now = () => this.now();
      const learned = this.opts.learned ? { sync: this.learned, salt: config.salt ?? config.accountId } : undefined;
      // Local learned changes get their stamps before the pull compares versions (else an unscanned edit loses).
      if (learned) await this.learned.scan();
      const pulled = await pullAll(api, stored.key, config.accountId, this.opts.notes, this.state, this.rejects, {
        learned,
        kept: this.kept,
        pageLimit: this.opts.pageLimit,
        maxPages: this.opts.maxPullPages,
        signal,
        now,
      });
      const pushed = await pushOutbox(this.opts.db, api, stored.key, this.rejects, { learned, limits: this.opts.pushLimits ?? SYNC_LIMITS, signal, now });
      await this.state.updateRecord({ lastSyncAt: this.now(), lastError: null });
      return { pulled: pulled.pulled, applied: pulled.applied, pushed: pushed.pushed, setAside: pulled.setAside + pushed.setAside.length };
    } catch (err) {
      if (err instanceof SyncAbortedError) throw err; // disconnecting: nothing more is written
      if (err instanceof WrongPassphraseError) await this.state.forgetKey();
      await this.state.updateRecord({ lastError: errorMessage(err) });
      throw err;
    }
  }

  async status(): Promise<Omit<SyncStatus, 'nextRetryAt'>> {
    const config = await this.state.config();
    const stored = config ? await this.state.key(config.accountId) : undefined;
    const record = await this.state.record();
    const deviceId = await getMeta(this.opts.db, 'deviceId');
    const setAside = config ? await this.rejects.summary() : { count: 0, reasons: [] };
    return {
      enabled: !!config,
      serverUrl: config?.serverUrl ?? DEFAULT_SERVER_URL,
      accountId: config?.accountId ?? null,
      deviceId: deviceId ?? null,
      hasKey: !!stored,
      verified: stored?.verified ?? false,
      pending: await this.opts.db.outbox.count(),
      running: this.runningNow,
      lastSyncAt: record.lastSyncAt,
      lastAttemptAt: record.lastAttemptAt,
      lastError: config ? record.lastError : null,
      choosingPassphrase: !!config?.createdHere && !stored,
      setAside: setAside.count,
      setAsideReasons: setAside.reasons,
      kept: config ? await this.kept.count() : 0,
    };
  }
}
