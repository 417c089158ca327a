// GET /v1/events (issue 14.8): a push that applied changes tells the account's other streams at once,
// on both backends, over loopback HTTP. Bounded waits only: an event within a second (or a generous
// bound on a loaded machine) instead of the next poll minutes later.
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { syncEventSchemas, type SyncEventName } from '../../lib/sync/protocol.ts';
import { createApp } from '../app.ts';
import { EventHub } from '../events.ts';
import { listen } from '../http-server.ts';
import { backendTable, openTestDb, type TestDb } from './backends.ts';
import { change, client, stamp } from './client.ts';
import { startServer } from './server-process.ts';

const UNLIMITED = { capacity: 1e9, refillPerSecond: 1e9 };

interface Received {
  event: string;
  data: unknown;
}

/** An open event stream: `next()` resolves with the next event, or null after `ms` or at the end. */
async function openEvents(base: string, token: string | undefined) {
  const ac = new AbortController();
  const res = await fetch(`${base}/v1/events`, { headers: token ? { authorization: `Bearer ${token}` } : {}, signal: ac.signal });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let ended = false;
  const queue: Received[] = [];
  const pump = async (ms: number): Promise<void> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), ms)));
    while (!queue.length && !ended) {
      const chunk = await Promise.race([reader.read(), timeout]).catch(() => ({ done: true as const, value: undefined }));
      if (chunk === 'timeout') break;
      if (chunk.done) ended = true;
      else buffer += decoder.decode(chunk.value, { stream: true });
      let at: number;
      while ((at = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, at);
        buffer = buffer.slice(at + 2);
        const event = /^event: (.*)$/m.exec(frame)?.[1] ?? 'message';
        const data = frame.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
        const parsed: unknown = JSON.parse(data);
        // Every event the server sends is one the protocol's schemas accept.
        expect(syncEventSchemas[event as SyncEventName]?.safeParse(parsed).success, `${event} ${data}`).toBe(true);
        queue.push({ event, data: parsed });
      }
    }
    clearTimeout(timer);
  };
  return {
    res,
    async next(ms = 5000): Promise<Received | null> {
      await pump(ms);
      return queue.shift() ?? null;
    },
    /** The next event that is not a ping. */
    async nextNotice(ms = 5000): Promise<Received | null> {
      const until = Date.now() + ms;
      for (;;) {
        const e = await this.next(Math.max(1, until - Date.now()));
        if (!e || e.event !== 'ping') return e;
      }
    },
    ended: () => ended,
    close: () => ac.abort(),
  };
}

describe.each(backendTable())('change notices (GET /v1/events) on %s', (name, backend) => {
  if (backend.unavailable) {
    if (backend.unavailable.skip) it.skip(`${name} skipped: ${backend.unavailable.reason}`, () => undefined);
    else it(`${name} is available`, () => expect.fail(backend.unavailable?.reason));
    return;
  }

  let t: TestDb;
  let server: Server;
  let hub: EventHub;
  let base: string;
  let api: ReturnType<typeof client>;
  const streams: { close(): void }[] = [];
  beforeAll(async () => {
    t = await openTestDb(backend);
    hub = new EventHub(3);
    const app = createApp({
      db: t.db,
      events: hub,
      limits: { perToken: UNLIMITED, accountCreation: UNLIMITED, eventStreamsPerAccount: 3, eventHeartbeatMs: 300 },
    });
    const l = await listen({ fetch: app.fetch, host: '127.0.0.1', port: 0 });
    server = l.server;
    base = `http://127.0.0.1:${l.port}`;
    api = client((path, init) => fetch(base + path, init));
  }, 60_000);
  afterEach(() => {
    for (const s of streams.splice(0)) s.close();
  });
  afterAll(async () => {
    hub?.close();
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
    await t?.drop();
  });
  const open = async (token?: string) => {
    const s = await openEvents(base, token);
    streams.push(s);
    return s;
  };

  it("a push from one device reaches the other device's stream within a second, with the new cursor", async () => {
    const { token } = await api.account();
    await api.push(token, [change()]);
    const laptop = await open(token);
    expect(laptop.res.status).toBe(200);
    expect(laptop.res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const ready = await laptop.next();
    expect(ready).toEqual({ event: 'ready', data: { cursor: (await api.pull(token)).body.cursor } });

    const r = await api.push(token, [change({ device: 'phone' }), change({ device: 'phone' })]);
    const answeredAt = Date.now();
    const notice = await laptop.nextNotice(5000);
    expect(notice).toEqual({ event: 'changed', data: { cursor: r.body.cursor, devices: ['phone'] } });
    // The notice leaves before the push's answer; the next poll would be minutes away.
    expect(Date.now() - answeredAt).toBeLessThan(1000);
  });

  it('a push that applies nothing sends nothing; another account hears nothing of it', async () => {
    const A = await api.account();
    const B = await api.account();
    const same = change({ hlc: stamp('h5') });
    await api.push(A.token, [same]);
    const a = await open(A.token);
    const b = await open(B.token);
    await a.next();
    await b.next();
    expect((await api.push(A.token, [same])).body.applied).toBe(0); // a repeat
    expect((await api.push(A.token, [{ ...same, hlc: stamp('h1') }])).body.applied).toBe(0); // an older version
    const newer = await api.push(A.token, [{ ...same, hlc: stamp('h9'), device: 'desk' }]);
    // The first notice A's stream gets is the applied push's, not one for the pushes before it.
    expect(await a.nextNotice()).toEqual({ event: 'changed', data: { cursor: newer.body.cursor, devices: ['desk'] } });
    const own = await api.push(B.token, [change({ device: 'b-dev' })]);
    expect(await b.nextNotice()).toEqual({ event: 'changed', data: { cursor: own.body.cursor, devices: ['b-dev'] } });
  });

  it('sends heartbeats on an idle stream', async () => {
    const { token } = await api.account();
    const s = await open(token);
    await s.next();
    expect(await s.next(5000)).toEqual({ event: 'ping', data: {} });
    expect(await s.next(5000)).toEqual({ event: 'ping', data: {} });
  });

  it('needs a valid token, and refuses streams beyond the per-account cap with 429', async () => {
    const none = await fetch(`${base}/v1/events`);
    expect(none.status).toBe(401);
    const { token } = await api.account();
    const first = await Promise.all([open(token), open(token), open(token)]);
    expect(first.map((s) => s.res.status)).toEqual([200, 200, 200]);
    const fourth = await fetch(`${base}/v1/events`, { headers: { authorization: `Bearer ${token}` } });
    expect(fourth.status).toBe(429);
    expect(fourth.headers.get('retry-after')).toBe('60');
    expect(((await fourth.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    // A closed stream frees its place.
    first[0]!.close();
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const again = await fetch(`${base}/v1/events`, { headers: { authorization: `Bearer ${token}` } });
      status = again.status;
      if (status === 200) streams.push({ close: () => void again.body?.cancel() });
      else await again.body?.cancel();
    }
    expect(status).toBe(200);
  });
});

describe('event streams and the connection limits', () => {
  it('a stream outlives the header and request timeouts (its request is complete)', async () => {
    const t = await openTestDb({ name: 'pglite' });
    const app = createApp({ db: t.db, limits: { perToken: UNLIMITED, accountCreation: UNLIMITED, eventHeartbeatMs: 200 } });
    const { server, port } = await listen({ fetch: app.fetch, host: '127.0.0.1', port: 0, limits: { headersTimeoutMs: 300, requestTimeoutMs: 600 } });
    try {
      const base = `http://127.0.0.1:${port}`;
      const { token } = await client((path, init) => fetch(base + path, init)).account();
      const s = await openEvents(base, token);
      expect((await s.next())?.event).toBe('ready');
      const until = Date.now() + 2000; // more than three request timeouts
      let pings = 0;
      while (Date.now() < until) if ((await s.next(2000))?.event === 'ping') pings++;
      expect(s.ended()).toBe(false);
      expect(pings).toBeGreaterThanOrEqual(3);
      s.close();
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await t.drop();
    }
  }, 60_000);
});

describe('event streams end when the hub closes (server shutdown)', () => {
  it('every open stream ends, the server can close, and no stream opens after', async () => {
    const t = await openTestDb({ name: 'pglite' });
    const hub = new EventHub(8);
    const app = createApp({ db: t.db, events: hub, limits: { perToken: UNLIMITED, accountCreation: UNLIMITED } });
    const { server, port } = await listen({ fetch: app.fetch, host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${port}`;
    const api = client((path, init) => fetch(base + path, init));
    const { token } = await api.account();
    const s = await Promise.all([openEvents(base, token), openEvents(base, token)]);
    for (const x of s) expect((await x.next())?.event).toBe('ready');
    const closed = new Promise((r) => server.close(r));
    server.closeIdleConnections();
    hub.close();
    for (const x of s) {
      expect(await x.next(5000)).toBeNull();
      expect(x.ended()).toBe(true);
    }
    await closed; // no connection left open
    expect(hub.count()).toBe(0);
    expect(hub.open('any account')).toBeNull();
    await t.drop();
  }, 60_000);
});

describe('the server process on SIGTERM', () => {
  it('ends its event streams and exits cleanly, not after the 10 s hard stop', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'csto-sync-events-'));
    const s = await startServer({ dataDir });
    try {
      const api = client((path, init) => fetch(s.url + path, init));
      const { token } = await api.account();
      const streams = await Promise.all([openEvents(s.url, token), openEvents(s.url, token)]);
      for (const x of streams) expect((await x.next())?.event).toBe('ready');
      const exited = new Promise<number | null>((r) => s.child.once('exit', (code) => r(code)));
      const t0 = Date.now();
      s.child.kill('SIGTERM');
      for (const x of streams) expect(await x.next(8000)).toBeNull();
      expect(await exited).toBe(0);
      expect(Date.now() - t0).toBeLessThan(8000);
    } finally {
      await s.kill();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
