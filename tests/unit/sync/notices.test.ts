import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Fetch } from '../../../lib/sync/api';
import { ChangeNotices, type NoticeTarget } from '../../../lib/sync/notices';
import { FocusPulls } from '../../../lib/sync/focus-pull';
import { deleteTestDbs, freshDbName, makeDevice, newInput, rng, setupAccount, SERVER_URL, startServer, type TestServer } from './helpers';

// Change notices (GET /v1/events read with fetch + eventsource-parser): a push by another device asks
// for a pull within the stream's latency, one's own push does not; the stream reconnects with backoff
// after it ends, honours Retry-After, stops on 401, and reopens a stream that went silent.

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());
afterEach(deleteTestDbs);

const until = async (ok: () => boolean, ms = 5_000) => {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

/** Timers held until the test runs them. */
function heldTimers() {
  const due: { fn: () => void; ms: number; live: boolean }[] = [];
  return {
    due,
    setTimer: (fn: () => void, ms: number) => {
      const t = { fn, ms, live: true };
      due.push(t);
      return t;
    },
    clearTimer: (t: unknown) => {
      (t as { live: boolean }).live = false;
    },
    /** Runs the live timers of at least `min` ms (the backoff), not the idle watchdogs below it. */
    fire(min: number) {
      for (const t of due.splice(0)) if (t.live && t.ms >= min && t.ms < 10 * 60_000) t.fn();
        else if (t.live) due.push(t);
    },
  };
}

const sse = (chunks: string[], status = 200, headers: Record<string, string> = {}) =>
  new Response(
    new ReadableStream<Uint8Array>({
      start(c) {
        for (const x of chunks) c.enqueue(new TextEncoder().encode(x));
        c.close();
      },
    }),
    { status, headers: { 'content-type': 'text/event-stream', ...headers } },
  );

const TARGET: NoticeTarget = { serverUrl: 'http://sync.test', token: 'x'.repeat(43), deviceId: 'd-me' };

describe('change notices', () => {
  it('another device’s push reaches an open stream as a notice; one’s own push does not', async () => {
    const a = makeDevice(freshDbName('a'), server.fetch);
    const b = makeDevice(freshDbName('b'), server.fetch);
    await setupAccount([a, b]);
    const config = (await b.client.state.config())!;
    const heard: string[] = [];
    const notices = new ChangeNotices({
      fetch: server.fetch,
      target: async () => ({ serverUrl: SERVER_URL, token: config.token, deviceId: (await b.notes.clock()).device }),
      onNotice: (e) => heard.push(e),
    });
    notices.restart();
    await until(() => heard.includes('ready'));
    expect(notices.state).toBe('open');
    await b.notes.create(newInput(rng(1)));
    await b.client.sync();
    await new Promise((r) => setTimeout(r, 200));
    expect(heard).toEqual(['ready']); // its own push: no pull needed
    const t0 = Date.now();
    await a.notes.create(newInput(rng(2)));
    await a.client.sync();
    await until(() => heard.includes('changed'));
    expect(Date.now() - t0).toBeLessThan(5_000);
    notices.stop();
    expect(notices.state).toBe('off');
  });

  it('parses events split across chunks, with comments and CRLF; ignores unknown and malformed events', async () => {
    const heard: string[] = [];
    const timers = heldTimers();
    const fetch: Fetch = async () =>
      sse([': hello\r\n', 'event: ready\r\ndata: {"cur', 'sor":"3"}\r\n\r\n', 'event: changed\ndata: {"cursor":"4","devices":["d-me"]}\n\n', 'event: changed\ndata: not json\n\n', 'event: gossip\ndata: {}\n\n', 'event: changed\ndata: {"cursor":"5",', '"devices":["d-me","d-other"]}\n\n']);
    const n = new ChangeNotices({ fetch, target: async () => TARGET, onNotice: (e) => heard.push(e), ...timers });
    n.restart();
    await until(() => n.state === 'waiting');
    expect(heard).toEqual(['ready', 'changed']);
  });

  it('reconnects with backoff after the stream ends (and pulls again on the new ready); Retry-After on 429; 401 stops', async () => {
    const heard: string[] = [];
    const timers = heldTimers();
    const answers = [
      () => sse(['event: ready\ndata: {"cursor":"1"}\n\n']),
      () => new Response('{}', { status: 429, headers: { 'retry-after': '90', 'content-type': 'application/json' } }),
      () => {
        throw new TypeError('fetch failed');
      },
      () => sse(['event: ready\ndata: {"cursor":"2"}\n\n']),
      () => new Response('{}', { status: 401 }),
    ];
    let calls = 0;
    const fetch: Fetch = async (url, init) => {
      expect(url).toBe('http://sync.test/v1/events');
      expect((init.headers as Record<string, string>).authorization).toBe(`Bearer ${TARGET.token}`);
      return answers[calls++]!();
    };
    const n = new ChangeNotices({ fetch, target: async () => TARGET, onNotice: (e) => heard.push(e), random: () => 0.5, ...timers });
    n.restart();
    await until(() => n.state === 'waiting');
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      await until(() => n.state === 'waiting' || n.state === 'stopped');
      if (n.state === 'stopped') break;
      const next = timers.due.find((t) => t.live && t.ms >= 500);
      delays.push(next!.ms);
      timers.fire(500);
      await until(() => calls > i + 1);
    }
    await until(() => n.state === 'stopped');
    expect(calls).toBe(5);
    expect(heard).toEqual(['ready', 'ready']);
    // after an open stream: the first step (0.75 s); 429: its Retry-After; then the backoff of the third failure in a row; after the second open: the first step
    expect(delays).toEqual([750, 90_000, 3_000, 750]);
  });

  it('a stream silent for two heartbeats is dropped and reopened', async () => {
    let calls = 0;
    const fetch: Fetch = async (_url, init) => {
      calls++;
      return new Response(
        new ReadableStream<Uint8Array>({
          start(c) {
            c.enqueue(new TextEncoder().encode('event: ready\ndata: {"cursor":"1"}\n\n'));
            init.signal?.addEventListener('abort', () => c.error(new DOMException('aborted', 'AbortError')));
          },
        }),
        { headers: { 'content-type': 'text/event-stream' } },
      );
    };
    const n = new ChangeNotices({ fetch, target: async () => TARGET, onNotice: () => undefined, idleMs: 50, random: () => 0 });
    n.restart();
    await until(() => calls >= 2, 5_000);
    n.stop();
  });

  it('does nothing while sync is off', async () => {
    let calls = 0;
    const n = new ChangeNotices({ fetch: async () => (calls++, sse([])), target: async () => null, onNotice: () => undefined });
    n.restart();
    await new Promise((r) => setTimeout(r, 20));
    expect(n.state).toBe('off');
    expect(calls).toBe(0);
  });
});

describe('pull on focus', () => {
  it('pulls on a focus event, at most once per gap', () => {
    let t = 0;
    let pulls = 0;
    const f = new FocusPulls(() => pulls++, 3_000, () => t);
    expect(f.poke()).toBe(true);
    t = 1_000;
    expect(f.poke()).toBe(false);
    t = 3_000;
    expect(f.poke()).toBe(true);
    expect(pulls).toBe(2);
  });
});
