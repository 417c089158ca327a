// The HTTP listener with its defences against slow and piled-up connections (slowloris):
// - headers must arrive within `headersTimeoutMs` and the whole request (headers and body) within
//   `requestTimeoutMs`, or Node answers 408 and closes the socket; that is also the body-read deadline;
// - at most `maxConnections` sockets at once, and `maxConnectionsPerAddress` from one address: beyond
//   them a new connection is closed at once, before a byte of it is parsed.
// Long-lived responses (GET /v1/events) count as connections too; their requests are complete, so the
// timeouts do not cut them.
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HttpLimits {
  headersTimeoutMs: number;
  /** The whole request, headers and body; at least headersTimeoutMs. */
  requestTimeoutMs: number;
  maxConnections: number;
  /** 0: no per-address cap (behind a reverse proxy every connection comes from the proxy). */
  maxConnectionsPerAddress: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  maxConnections: 1024,
  maxConnectionsPerAddress: 64,
};

export interface ListenOptions {
  fetch: (request: Request) => Response | Promise<Response>;
  host: string;
  port: number;
  limits?: Partial<HttpLimits>;
}

/** Starts listening; resolves with the server and its port once it listens. */
export async function listen(opts: ListenOptions): Promise<{ server: Server; port: number }> {
  const limits = { ...DEFAULT_HTTP_LIMITS, ...opts.limits };
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) throw new Error('the headers timeout must not exceed the request timeout');
  const server = serve({
    fetch: opts.fetch,
    hostname: opts.host,
    port: opts.port,
    serverOptions: {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // How often Node looks for requests past those timeouts (its default, 30 s, would let a slow
      // connection live up to 30 s longer than its timeout).
      connectionsCheckingInterval: Math.max(50, Math.min(1000, limits.headersTimeoutMs / 4)),
    },
  }) as Server;
  capConnections(server, limits);
  await new Promise<void>((resolve, reject) => {
    const failed = (err: Error) => reject(err);
    server.once('error', failed);
    server.once('listening', () => {
      server.off('error', failed);
      resolve();
    });
  });
  return { server, port: (server.address() as AddressInfo).port };
}

/** Closes new connections beyond the caps, before any of their bytes are parsed. */
export function capConnections(server: Server, limits: Pick<HttpLimits, 'maxConnections' | 'maxConnectionsPerAddress'>): void {
  server.maxConnections = limits.maxConnections;
  const perAddress = limits.maxConnectionsPerAddress;
  if (!perAddress) return;
  const open = new Map<string, number>();
  server.on('connection', (socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const n = (open.get(address) ?? 0) + 1;
    if (n > perAddress) {
      socket.destroy();
      return;
    }
    open.set(address, n);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}
