// A tiny typed client over a Hono app (app.request) or a base URL (fetch), for the tests.
import { randomUUID } from 'node:crypto';
import type { Change } from '../../lib/sync/protocol.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}
type Fetcher = (path: string, init?: RequestInit) => Response | Promise<Response>;

export function client(fetcher: Fetcher) {
  const call = async (method: string, path: string, opts: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {}): Promise<Reply> => {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    const body = opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
    const res = await fetcher(path, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* keep the text */
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };
  return {
    call,
    async account(): Promise<{ accountId: string; token: string }> {
      const r = await call('POST', '/v1/accounts');
      if (r.status !== 201) throw new Error(`create account: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    },
    push: (token: string, changes: Change[]) => call('POST', '/v1/changes', { token, body: { changes } }),
    pull: (token: string, since?: string, limit?: number) => {
      const q = new URLSearchParams();
      if (since !== undefined) q.set('since', since);
      if (limit !== undefined) q.set('limit', String(limit));
      return call('GET', `/v1/changes${q.size ? `?${q}` : ''}`, { token });
    },
    /** Pulls every page; returns the changes in order and the pages' cursors. */
    async pullAll(token: string, since = '0', limit?: number): Promise<{ changes: Change[]; cursor: string; pages: number }> {
      const changes: Change[] = [];
      let cursor = since;
      let pages = 0;
      for (;;) {
        const r = await this.pull(token, cursor, limit);
        if (r.status !== 200) throw new Error(`pull: ${r.status} ${JSON.stringify(r.body)}`);
        pages++;
        changes.push(...r.body.changes);
        cursor = r.body.cursor;
        if (!r.body.more) return { changes, cursor, pages };
      }
    },
  };
}

/**
 * A well-formed HLC (the protocol checks the shape) whose byte order is the label's: the label stands in
 * the device part, behind a fixed wall time and counter.
 */
export const stamp = (label: string): string => `00000000000-00000-${label}`;

let n = 0;
/** A change with a fresh (or the given) record id. */
export function change(over: Partial<Change> = {}): Change {
  n++;
  return {
    id: randomUUID(),
    hlc: stamp('h0001'),
    device: 'dev-a',
    deleted: false,
    payload: Buffer.from(`ciphertext ${n}`).toString('base64url'),
    ...over,
  };
}
