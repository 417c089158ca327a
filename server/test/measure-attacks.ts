// Measures the server process against the attacks of issue 11.7, over loopback, with the default limits:
//   npx tsx server/test/measure-attacks.ts
// 1. 1,000 random tokens from one address: how many reach the database (401) and how many are refused (429).
// 2. 600 slow-body and 2,000 slow-header connections from one address: how many are refused at once, how
//    long the kept ones live, and /health latency from another address meanwhile.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from './server-process.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'csto-sync-measure-'));
const server = await startServer({ dataDir, env: { CSTO_SYNC_RATE_LIMIT: '0' } });
const port = Number(new URL(server.url).port);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function get(path: string, from: string, headers: Record<string, string> = {}): Promise<{ status: number; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, localAddress: from, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0 }));
    });
    req.on('error', () => resolve({ status: 0, ms: performance.now() - t0 }));
    req.end();
  });
}

try {
  const statuses: Record<number, number> = {};
  const t0 = performance.now();
  for (let i = 0; i < 1000; i++) {
    const { status } = await get('/v1/changes', '127.0.0.2', { authorization: `Bearer ${randomBytes(32).toString('base64url')}` });
    statuses[status] = (statuses[status] ?? 0) + 1;
  }
  console.log(`1,000 random tokens: ${JSON.stringify(statuses)} (401 = a database look-up), ${(1000 / ((performance.now() - t0) / 1000)).toFixed(0)} requests/s`);

  const { token } = (await (await fetch(`${server.url}/v1/accounts`, { method: 'POST' })).json()) as { token: string };
  const lives: number[] = [];
  for (let i = 0; i < 2600; i++) {
    const slowBody = i < 600;
    const c = connect({ port, host: '127.0.0.1', localAddress: '127.0.0.3' });
    let at = 0;
    c.on('error', () => undefined);
    c.on('connect', () => {
      at = Date.now();
      c.write(slowBody ? `POST /v1/changes HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{` : 'GET /health HTTP/1.1\r\nHost: x\r\n');
      const drip = setInterval(() => c.write(slowBody ? ' ' : 'X-Slow: 1\r\n'), 1000);
      c.on('close', () => clearInterval(drip));
    });
    c.on('close', () => lives.push(at ? Date.now() - at : 0));
  }
  await sleep(3000);
  const health: number[] = [];
  for (let i = 0; i < 21; i++) health.push((await get('/health', '127.0.0.1')).ms);
  health.sort((a, b) => a - b);
  console.log(`2,600 slow connections (600 slow bodies first): after 3 s ${lives.length} closed, ${lives.filter((l) => l < 1000).length} of them within 1 s; /health median ${health[10]!.toFixed(1)} ms, max ${health[20]!.toFixed(1)} ms`);
  for (let i = 0; i < 60 && lives.length < 2600; i++) await sleep(1000);
  console.log(`all closed: ${lives.length === 2600}; the kept ones lived up to ${(Math.max(...lives) / 1000).toFixed(1)} s (request timeout 30 s)`);
} finally {
  await server.kill();
  rmSync(dataDir, { recursive: true, force: true });
}
