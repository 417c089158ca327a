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
  /** Seconds for a request's headers, and for the whole request (headers and body). */
  headersTimeout: number;
  requestTimeout: number;
  /** Open connections at once, and from one client address (0: no per-address cap). */
  maxConnections: number;
  maxConnectionsPerIp: number;
  /** Open GET /v1/events streams per account. */
  maxEventStreams: number;
}

export const USAGE = `usage: tsx server/main.ts [--port 8787] [--host 127.0.0.1] [--data ./.sync-data] [--trust-proxy] [--rate-limit 10]
       [--auth-failures 30] [--headers-timeout 10] [--request-timeout 30] [--max-connections 1024] [--max-connections-per-ip 64]
       [--max-event-streams 8]
  storage: PostgreSQL when DATABASE_URL is set, else PGlite in the --data directory
  --rate-limit N: requests per second per sync token (bursts of 12 N); 0 turns rate limiting off
    (behind a proxy that limits, or for load tests)
  --auth-failures N: failed authentications per client address in 10 minutes, then 429 before any
    database query; 0 turns it off
  --headers-timeout S, --request-timeout S: seconds for a request's headers, and for the whole request
    with its body, before the connection is closed (slow clients)
  --max-connections N, --max-connections-per-ip N: open connections at once, and from one address
    (0: no per-address cap; it is not applied with --trust-proxy, where every connection is the proxy's)
  --max-event-streams N: open GET /v1/events streams per account (at least 1); one more gets 429
  env: DATABASE_URL, CSTO_SYNC_PORT, CSTO_SYNC_HOST, CSTO_SYNC_DATA, CSTO_SYNC_TRUST_PROXY=1, CSTO_SYNC_RATE_LIMIT,
    CSTO_SYNC_AUTH_FAILURES, CSTO_SYNC_HEADERS_TIMEOUT, CSTO_SYNC_REQUEST_TIMEOUT, CSTO_SYNC_MAX_CONNECTIONS,
    CSTO_SYNC_MAX_CONNECTIONS_PER_IP, CSTO_SYNC_MAX_EVENT_STREAMS`;

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
      'headers-timeout': { type: 'string' },
      'request-timeout': { type: 'string' },
      'max-connections': { type: 'string' },
      'max-connections-per-ip': { type: 'string' },
      'max-event-streams': { type: 'string' },
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
  const headersTimeout = count('headers-timeout', values['headers-timeout'] ?? env.CSTO_SYNC_HEADERS_TIMEOUT ?? '10', { decimal: true });
  const requestTimeout = count('request-timeout', values['request-timeout'] ?? env.CSTO_SYNC_REQUEST_TIMEOUT ?? '30', { decimal: true });
  if (headersTimeout <= 0 || requestTimeout < headersTimeout) throw new Error(`bad timeouts: need 0 < --headers-timeout ≤ --request-timeout\n${USAGE}`);
  const maxConnections = count('max-connections', values['max-connections'] ?? env.CSTO_SYNC_MAX_CONNECTIONS ?? '1024');
  if (maxConnections < 1) throw new Error(`bad --max-connections ${maxConnections}: at least 1\n${USAGE}`);
  const maxEventStreams = count('max-event-streams', values['max-event-streams'] ?? env.CSTO_SYNC_MAX_EVENT_STREAMS ?? '8');
  if (maxEventStreams < 1) throw new Error(`bad --max-event-streams 0: at least 1\n${USAGE}`);
  return {
    host: values.host ?? env.CSTO_SYNC_HOST ?? '127.0.0.1',
    port,
    dataDir: values.data ?? env.CSTO_SYNC_DATA ?? '.sync-data',
    databaseUrl: env.DATABASE_URL || undefined,
    trustProxy: values['trust-proxy'] ?? env.CSTO_SYNC_TRUST_PROXY === '1',
    rateLimit,
    authFailures: count('auth-failures', values['auth-failures'] ?? env.CSTO_SYNC_AUTH_FAILURES ?? '30'),
    headersTimeout,
    requestTimeout,
    maxConnections,
    maxEventStreams,
    maxConnectionsPerIp: count('max-connections-per-ip', values['max-connections-per-ip'] ?? env.CSTO_SYNC_MAX_CONNECTIONS_PER_IP ?? '64'),
  };
}
