// The sync server's HTTP API (protocol v1) over an injected fetch, so tests can route it to an
// in-process server and inject faults. Every failure becomes an HttpError (status 0: unreachable).

import { HttpError } from './errors';
import type { Change, CreateAccountResponse, PullResponse, PushResponse, RegisterDeviceRequest } from './protocol';

export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

export interface SyncApiOptions {
  serverUrl: string;
  token?: string;
  fetch: Fetch;
  /** Per request, ms. */
  timeoutMs?: number;
}

export function normalizeServerUrl(url: string): string {
  const u = new URL(url.trim());
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`server URL must be http(s): ${url}`);
  return u.href.replace(/\/+$/, '');
}

export class SyncApi {
  private readonly base: string;
  constructor(private readonly opts: SyncApiOptions) {
    this.base = normalizeServerUrl(opts.serverUrl);
  }

  private async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.opts.token) headers.authorization = `Bearer ${this.opts.token}`;
    const init: RequestInit = { method, headers, body: body === undefined ? undefined : JSON.stringify(body) };
    if (this.opts.timeoutMs && typeof AbortSignal.timeout === 'function') init.signal = AbortSignal.timeout(this.opts.timeoutMs);
    let res: Response;
    try {
      res = await this.opts.fetch(`${this.base}${path}`, init);
    } catch (err) {
      throw new HttpError(`cannot reach the sync server (${err instanceof Error ? err.message : String(err)})`, 0);
    }
    let json: unknown = null;
    try {
      json = await res.json();
    } catch {
      /* not JSON */
    }
    if (!res.ok) {
      const e = (json as { error?: { code?: string; message?: string } } | null)?.error;
      const after = Number(res.headers.get('retry-after'));
      throw new HttpError(
        `sync server: ${res.status} ${e?.message ?? res.statusText}`,
        res.status,
        e?.code ?? null,
        Number.isFinite(after) && after > 0 ? after * 1000 : null,
      );
    }
    if (json === null) throw new HttpError(`sync server: ${res.status} with a body that is not JSON`, res.status);
    return json as T;
  }

  createAccount(device: RegisterDeviceRequest): Promise<CreateAccountResponse> {
    return this.call('POST', '/v1/accounts', { device });
  }

  registerDevice(device: RegisterDeviceRequest): Promise<{ ok: true }> {
    return this.call('POST', '/v1/devices', device);
  }

  push(changes: Change[]): Promise<PushResponse> {
    return this.call('POST', '/v1/changes', { changes });
  }

  pull(since: string, limit?: number): Promise<PullResponse> {
    const q = new URLSearchParams({ since });
    if (limit !== undefined) q.set('limit', String(limit));
    return this.call('GET', `/v1/changes?${q}`);
  }
}
