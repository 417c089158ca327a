// The sync server's HTTP API (protocol v1) over an injected fetch, so tests can route it to an
// in-process server and inject faults. Every failure becomes an HttpError (status 0: unreachable);
// every answer is validated (responses.ts) before anyone believes it. `signal` stops a request at once
// (disconnect), even when the fetch underneath does not listen to it.

import type { z } from 'zod';
import { HttpError, SyncAbortedError } from './errors';
import type { Change, CreateAccountResponse, PushResponse, RegisterDeviceRequest } from './protocol';
import { createAccountResponseSchema, errorBodySchema, firstIssue, okResponseSchema, pullResponseSchema, pushResponseSchema, type RawPullResponse } from './responses';

export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

export interface SyncApiOptions {
  serverUrl: string;
  token?: string;
  fetch: Fetch;
  /** Per request, ms. */
  timeoutMs?: number;
  /** Aborts every request of this client (a sync run's signal). */
  signal?: AbortSignal;
}

export function normalizeServerUrl(url: string): string {
  const u = new URL(url.trim());
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`server URL must be http(s): ${url}`);
  return u.href.replace(/\/+$/, '');
}

/** Rejects when `signal` aborts (never resolves otherwise). */
function whenAborted(signal: AbortSignal | undefined, make: () => Error): Promise<never> {
  return new Promise((_, reject) => {
    if (!signal) return;
    if (signal.aborted) reject(make());
    else signal.addEventListener('abort', () => reject(make()), { once: true });
  });
}

export class SyncApi {
  private readonly base: string;
  constructor(private readonly opts: SyncApiOptions) {
    this.base = normalizeServerUrl(opts.serverUrl);
  }

  private async call<T>(method: 'GET' | 'POST', path: string, schema: z.ZodType<T, z.ZodTypeDef, unknown>, body?: unknown): Promise<T> {
    const { signal } = this.opts;
    if (signal?.aborted) throw new SyncAbortedError();
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.opts.token) headers.authorization = `Bearer ${this.opts.token}`;
    const timeout = this.opts.timeoutMs && typeof AbortSignal.timeout === 'function' ? AbortSignal.timeout(this.opts.timeoutMs) : undefined;
    const signals = [signal, timeout].filter((s): s is AbortSignal => !!s);
    const init: RequestInit = { method, headers, body: body === undefined ? undefined : JSON.stringify(body) };
    if (signals.length === 1) init.signal = signals[0];
    else if (signals.length > 1 && typeof AbortSignal.any === 'function') init.signal = AbortSignal.any(signals);
    const stop = Promise.race([
      whenAborted(signal, () => new SyncAbortedError()),
      whenAborted(timeout, () => new HttpError(`cannot reach the sync server (no answer in ${this.opts.timeoutMs} ms)`, 0)),
    ]);
    stop.catch(() => undefined);
    let res: Response;
    try {
      res = await Promise.race([this.opts.fetch(`${this.base}${path}`, init), stop]);
    } catch (err) {
      if (err instanceof SyncAbortedError || err instanceof HttpError) throw err;
      if (signal?.aborted) throw new SyncAbortedError();
      throw new HttpError(`cannot reach the sync server (${err instanceof Error ? err.message : String(err)})`, 0);
    }
    let json: unknown = null;
    try {
      json = await Promise.race([res.json() as Promise<unknown>, stop]);
    } catch (err) {
      if (err instanceof SyncAbortedError || err instanceof HttpError) throw err;
      /* not JSON */
    }
    if (!res.ok) {
      const e = errorBodySchema.safeParse(json);
      const error = e.success ? e.data.error : undefined;
      const after = Number(res.headers.get('retry-after'));
      throw new HttpError(
        `sync server: ${res.status} ${error?.message ?? res.statusText}`,
        res.status,
        error?.code ?? null,
        Number.isFinite(after) && after > 0 ? after * 1000 : null,
        error?.issues ?? [],
      );
    }
    if (json === null) throw new HttpError(`sync server: ${res.status} with a body that is not JSON`, res.status);
    const parsed = schema.safeParse(json);
    // A malformed answer is the server's fault (as a 5xx would be): retried later with backoff.
    if (!parsed.success) throw new HttpError(`sync server: malformed answer to ${method} ${path.split('?')[0]} (${firstIssue(parsed.error)})`, 502);
    return parsed.data;
  }

  createAccount(device: RegisterDeviceRequest): Promise<CreateAccountResponse> {
    return this.call('POST', '/v1/accounts', createAccountResponseSchema, { device });
  }

  registerDevice(device: RegisterDeviceRequest): Promise<{ ok: true }> {
    return this.call('POST', '/v1/devices', okResponseSchema, device);
  }

  push(changes: Change[]): Promise<PushResponse> {
    return this.call('POST', '/v1/changes', pushResponseSchema, { changes });
  }

  /** One page; its changes are still unchecked (pull.ts checks each one). */
  pull(since: string, limit?: number): Promise<RawPullResponse> {
    const q = new URLSearchParams({ since });
    if (limit !== undefined) q.set('limit', String(limit));
    return this.call('GET', `/v1/changes?${q}`, pullResponseSchema);
  }
}
