// Starts the sync server: `tsx server/main.ts [--port N] [--data DIR]` (see args.ts, README.md).
import { resolve } from 'node:path';
import { createApp } from './app.ts';
import { parseServerArgs } from './args.ts';
import { openDb } from './db/open.ts';
import { EventHub } from './events.ts';
import { listen } from './http-server.ts';
import { authFailureLimitFor, rateLimitsFor } from './limits.ts';

async function main(): Promise<void> {
  let args;
  try {
    args = parseServerArgs(process.argv.slice(2), process.env);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
  const dataDir = resolve(args.dataDir);
  const db = await openDb(args.databaseUrl ? { databaseUrl: args.databaseUrl } : { dataDir });
  const storage = args.databaseUrl ? 'postgres (DATABASE_URL)' : `pglite ${dataDir}`;

  // Fault tests only: hold every push open before COMMIT so the process can be killed mid-push.
  const pauseMs = Number(process.env.CSTO_SYNC_TEST_PAUSE_BEFORE_COMMIT_MS ?? 0);
  const hooks = pauseMs > 0
    ? { beforeCommit: async () => { console.log('push: before commit'); await new Promise((r) => setTimeout(r, pauseMs)); } }
    : {};

  const events = new EventHub(args.maxEventStreams);
  const limits = { ...rateLimitsFor(args.rateLimit), authFailures: authFailureLimitFor(args.authFailures), eventStreamsPerAccount: args.maxEventStreams };
  const app = createApp({ db, trustProxy: args.trustProxy, hooks, limits, events });
  const { server, port } = await listen({
    fetch: app.fetch,
    host: args.host,
    port: args.port,
    limits: {
      headersTimeoutMs: args.headersTimeout * 1000,
      requestTimeoutMs: args.requestTimeout * 1000,
      maxConnections: args.maxConnections,
      // Behind a proxy every connection is the proxy's: limit per client there.
      maxConnectionsPerAddress: args.trustProxy ? 0 : args.maxConnectionsPerIp,
    },
  });
  console.log(`CSTO Lens sync server listening on http://${args.host}:${port} (storage: ${storage})`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    server.close(() => void db.close().finally(() => process.exit(0)));
    events.close(); // ends every GET /v1/events stream, and with it its connection
    server.closeIdleConnections(); // keep-alive sockets would hold close()
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err) => {
  console.error(`sync server failed to start: ${(err as Error).stack ?? err}`);
  process.exit(1);
});
