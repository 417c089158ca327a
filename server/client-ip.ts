// The client's address, for rate-limiting account creation. Behind a reverse proxy (trustProxy), the
// first X-Forwarded-For entry; otherwise the socket's address; 'unknown' in in-process tests.
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request(): no socket
  }
}
