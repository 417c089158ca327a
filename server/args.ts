// Command-line options of server/main.ts.
import { parseArgs } from 'node:util';

export interface ServerArgs {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl?: string;
  trustProxy: boolean;
  /** Requests per second allowed per sync token (bursts of 12 seconds' worth); 0: no rate limits. */
  rateLimit: number;
  /** Failed authentications allowed per client address in 10 minutes; 0: no limit. */
  authFailures: number;
}

export const USAGE = `usage: tsx server/main.ts [--port 8787] [--host 127.0.0.1] [--data ./.sync-data] [--trust-proxy] [--rate-limit 10]
       [--auth-failures 30]
  storage: PostgreSQL when DATABASE_URL is set, else PGlite in the --data directory
  --rate-limit N: requests per second per sync token (bursts of 12 N); 0 turns rate limiting off
    (behind a proxy that limits, or for load tests)
  --auth-failures N: failed authentications per client address in 10 minutes, then 429 before any
    database query; 0 turns it off
  env: DATABASE_URL, CSTO_SYNC_PORT, CSTO_SYNC_HOST, CSTO_SYNC_DATA, CSTO_SYNC_TRUST_PROXY=1, CSTO_SYNC_RATE_LIMIT,
    CSTO_SYNC_AUTH_FAILURES`;

/** A non-negative integer (or decimal, with `decimal`) option; anything else stops the server at start. */
function count(name: string, text: string, { decimal = false } = {}): number {
  const n = Number(text);
  if (!(decimal ? /^\d+(\.\d+)?$/ : /^\d+$/).test(text) || !Number.isFinite(n)) throw new Error(`bad --${name} ${text}\n${USAGE}`);
  return n;
}

export function parseServerArgs(argv: string[], env: NodeJS.ProcessEnv): ServerArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      'trust-proxy': { type: 'boolean' },
      'rate-limit': { type: 'string' },
      'auth-failures': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) throw new Error(USAGE);
  const portText = values.port ?? env.CSTO_SYNC_PORT ?? '8787';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new Error(`bad --port ${portText}\n${USAGE}`);
  const rateText = values['rate-limit'] ?? env.CSTO_SYNC_RATE_LIMIT ?? '10';
  const rateLimit = Number(rateText);
  if (!/^\d+(\.\d+)?$/.test(rateText) || !Number.isFinite(rateLimit)) throw new Error(`bad --rate-limit ${rateText}\n${USAGE}`);
  return {
    host: values.host ?? env.CSTO_SYNC_HOST ?? '127.0.0.1',
    port,
    dataDir: values.data ?? env.CSTO_SYNC_DATA ?? '.sync-data',
    databaseUrl: env.DATABASE_URL || undefined,
    trustProxy: values['trust-proxy'] ?? env.CSTO_SYNC_TRUST_PROXY === '1',
    rateLimit,
    authFailures: count('auth-failures', values['auth-failures'] ?? env.CSTO_SYNC_AUTH_FAILURES ?? '30'),
  };
}
