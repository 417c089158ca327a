import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { EVENTS_PATH, type ReadyEvent } from '../../lib/sync/protocol.ts';
import { rateLimited, requireToken, type AuthEnv, type AuthOptions } from '../auth.ts';
import type { Db } from '../db/types.ts';
import type { EventHub } from '../events.ts';
import type { ServerLimits } from '../limits.ts';
import { headCursor } from '../store/changes.ts';

/** Seconds a client refused for too many streams should wait (it may poll meanwhile). */
const STREAMS_FULL_RETRY_S = 60;

/**
 * GET /v1/events → text/event-stream: `ready {cursor}` first, then `changed {cursor, devices}` after
 * every push of the account that applied changes, and `ping {}` on an idle stream (see protocol.ts).
 */
export function eventRoutes(db: Db, auth: AuthOptions, hub: EventHub, limits: Pick<ServerLimits, 'eventHeartbeatMs'>): Hono<AuthEnv> {
  const authed = requireToken(db, auth);
  const r = new Hono<AuthEnv>();
  r.get(EVENTS_PATH, authed, async (c) => {
    const sub = hub.open(c.var.accountId);
    if (!sub) throw rateLimited(STREAMS_FULL_RETRY_S, 'too many event streams for this account');
    let ready: ReadyEvent;
    try {
      // Subscribed first, so a push that commits meanwhile is not missed: its notice waits in `sub`.
      ready = { cursor: await headCursor(db, c.var.accountId) };
    } catch (err) {
      sub.close();
      throw err;
    }
    const res = streamSSE(
      c,
      async (stream) => {
        stream.onAbort(() => sub.close());
        try {
          await stream.writeSSE({ event: 'ready', data: JSON.stringify(ready), retry: 5000 });
          for (;;) {
            const next = await sub.next(limits.eventHeartbeatMs);
            if (next === 'closed' || stream.aborted) break;
            if (next === 'ping') await stream.writeSSE({ event: 'ping', data: '{}' });
            else await stream.writeSSE({ event: 'changed', data: JSON.stringify(next) });
          }
        } finally {
          sub.close();
        }
      },
      async () => sub.close(),
    );
    // The stream's end is the connection's end (a closed hub on shutdown leaves no idle socket behind),
    // and a buffering proxy (nginx) must pass events on at once.
    res.headers.set('Connection', 'close');
    res.headers.set('X-Accel-Buffering', 'no');
    return res;
  });
  return r;
}
