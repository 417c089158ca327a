// The real server process over loopback against slow and piled-up connections (issue 11.7): slow
// headers and slow bodies are cut off after the timeouts, connections beyond the caps are closed at
// once, failed authentication is limited per socket address, and /health answers meanwhile.
// The attackers connect from other loopback addresses (127.0.0.2, 127.0.0.3) than the checks (127.0.0.1).
// Every loop is bounded; outcomes are asserted (closed or not, answered or not) with generous bounds.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from './server-process.ts';

const dirs: string[] = [];
const running: ServerProcess[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await Promise.all(running.splice(0).map((s) => s.kill()));
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function start(env: Record<string, string>): Promise<{ url: string; port: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'csto-sync-slow-'));
  dirs.push(dataDir);
  const s = await startServer({ dataDir, env: { CSTO_SYNC_RATE_LIMIT: '0', ...env } });
  running.push(s);
  return { url: s.url, port: Number(new URL(s.url).port) };
}

interface Raw {
  /** Resolves with ms after opening when the server closed the connection, or null if still open at `by`. */
  closedWithin(by: number): Promise<number | null>;
  received(): string;
}

/** A raw connection from `from` that sends `head` and then one byte of `drip` every 300 ms, bounded. */
function raw(port: number, from: string, head = '', drip = ''): Raw {
  const opened = Date.now();
  const s = connect({ port, host: '127.0.0.1', localAddress: from });
  sockets.push(s);
  let data = '';
  let closedAt: number | null = null;
  const closed = new Promise<void>((resolve) =>
    s.once('close', () => {
      closedAt = Date.now() - opened;
      resolve();
    }),
  );
  s.on('error', () => undefined);
  s.on('data', (d) => (data += d.toString()));
  s.once('connect', () => {
    if (head) s.write(head);
    if (!drip) return;
    let i = 0;
    const timer = setInterval(() => {
      if (s.destroyed || i >= 100) return clearInterval(timer);
      s.write(drip[i++ % drip.length]!);
    }, 300);
    s.once('close', () => clearInterval(timer));
  });
  return {
    async closedWithin(by) {
      await Promise.race([closed, new Promise((r) => setTimeout(r, Math.max(0, opened + by - Date.now())))]);
      return closedAt;
    },
    received: () => data,
  };
}

/** GET path from `from` (node:http, which can bind the local address); null if refused or no answer in 5 s. */
function get(port: number, path: string, from = '127.0.0.1', headers: Record<string, string> = {}): Promise<{ status: number; ms: number } | null> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, localAddress: from, headers: { connection: 'close', ...headers }, timeout: 5000 }, (res) => {
      res.resume();
      res.once('end', () => resolve({ status: res.statusCode ?? 0, ms: Date.now() - t0 }));
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(null));
    req.end();
  });
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the sync server against slow clients (loopback, PGlite)', () => {
  it('closes slow-header and slow-body connections after the timeouts; /health answers meanwhile', async () => {
    const { url, port } = await start({
      CSTO_SYNC_HEADERS_TIMEOUT: '1',
      CSTO_SYNC_REQUEST_TIMEOUT: '2',
      CSTO_SYNC_MAX_CONNECTIONS_PER_IP: '1000',
    });
    const { token } = (await (await fetch(`${url}/v1/accounts`, { method: 'POST' })).json()) as { token: string };
    const slowHeaders = Array.from({ length: 100 }, () => raw(port, '127.0.0.2', 'GET /health HTTP/1.1\r\nHost: x\r\n', 'X-Slow: 1\r\n'));
    const body = `POST /v1/changes HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"changes":[`;
    const slowBodies = Array.from({ length: 100 }, () => raw(port, '127.0.0.3', body, ' '));
    await settle(300);
    const health = await get(port, '/health');
    expect(health?.status).toBe(200);
    expect(health!.ms).toBeLessThan(5000); // generous: a loaded 2-core machine
    // Without the timeouts Node keeps them 60 s (headers) and 300 s (requests): none would close in 20 s.
    const closed = await Promise.all([...slowHeaders, ...slowBodies].map((c) => c.closedWithin(20_000)));
    expect(closed.filter((t) => t === null)).toHaveLength(0);
    expect(slowHeaders.every((c) => c.received().startsWith('HTTP/1.1 408'))).toBe(true);
    expect(slowBodies.every((c) => c.received().startsWith('HTTP/1.1 408'))).toBe(true);
    expect((await get(port, '/health'))?.status).toBe(200);
  }, 120_000);

  it('closes connections beyond the per-address cap at once; other addresses are served; failed authentication is limited per address', async () => {
    const { port } = await start({ CSTO_SYNC_MAX_CONNECTIONS_PER_IP: '20', CSTO_SYNC_HEADERS_TIMEOUT: '30', CSTO_SYNC_AUTH_FAILURES: '5' });
    const idle = Array.from({ length: 60 }, () => raw(port, '127.0.0.2'));
    const closed = await Promise.all(idle.map((c) => c.closedWithin(2500)));
    expect(closed.filter((t) => t !== null)).toHaveLength(40);
    const health = await get(port, '/health');
    expect(health?.status).toBe(200);
    expect(health!.ms).toBeLessThan(5000);
    expect(await get(port, '/health', '127.0.0.2')).toBeNull(); // that address is full
    for (const s of sockets.splice(0)) s.destroy();
    await settle(300);
    expect((await get(port, '/health', '127.0.0.2'))?.status).toBe(200); // and is served again once they close

    // Failed authentication is limited per socket address too (same server: one start-up less).
    const guess = (from: string) => get(port, '/v1/changes', from, { authorization: `Bearer ${randomBytes(32).toString('base64url')}` });
    const statuses: (number | undefined)[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await guess('127.0.0.2'))?.status);
    expect(statuses).toEqual([...Array(5).fill(401), ...Array(7).fill(429)]);
    expect((await guess('127.0.0.3'))?.status).toBe(401);
  }, 120_000);

  it('closes connections beyond the overall cap', async () => {
    const { port } = await start({ CSTO_SYNC_MAX_CONNECTIONS: '30', CSTO_SYNC_MAX_CONNECTIONS_PER_IP: '0', CSTO_SYNC_HEADERS_TIMEOUT: '30' });
    const idle = Array.from({ length: 50 }, (_, i) => raw(port, i % 2 ? '127.0.0.2' : '127.0.0.3'));
    const closed = await Promise.all(idle.map((c) => c.closedWithin(2500)));
    expect(closed.filter((t) => t !== null)).toHaveLength(20);
    for (const s of sockets.splice(0)) s.destroy();
    await settle(300);
    expect((await get(port, '/health'))?.status).toBe(200);
  }, 120_000);
});
