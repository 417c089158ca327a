// The HTTP application: Hono routes over a Db. No state that matters for correctness lives here
// (only the per-instance rate-limit buckets), so any number of instances can share one PostgreSQL.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AuthFailureGuard } from './auth-guard.ts';
import type { AuthOptions } from './auth.ts';
import type { Db } from './db/types.ts';
import { ApiError, errorResponse, tooLarge } from './errors.ts';
import { resolveLimits, type ServerLimits } from './limits.ts';
import { RateLimiter, type Clock } from './rate-limit.ts';
import { EventHub } from './events.ts';
import { accountRoutes } from './routes/accounts.ts';
import { changeRoutes } from './routes/changes.ts';
import { deviceRoutes } from './routes/devices.ts';
import { eventRoutes } from './routes/events.ts';
import { healthRoutes } from './routes/health.ts';
import type { PushHooks } from './store/changes.ts';

export interface AppOptions {
  db: Db;
  /** Overrides of DEFAULT_LIMITS (server/limits.ts). */
  limits?: Partial<ServerLimits>;
  /** Milliseconds; drives the rate limiters (tests pass a fake one). */
  clock?: Clock;
  /** Take the client address from X-Forwarded-For (only behind a reverse proxy you control). */
  trustProxy?: boolean;
  hooks?: PushHooks;
  /** The change notices of GET /v1/events; pass one to close its streams on shutdown (EventHub.close). */
  events?: EventHub;
  log?: (message: string) => void;
}

export function createApp(opts: AppOptions): Hono {
  const limits = resolveLimits(opts.limits);
  const log = opts.log ?? ((m: string) => console.error(m));
  const app = new Hono();

  app.onError((err, c) => {
    if (err instanceof ApiError) return errorResponse(c, err);
    // The client went away (or was cut off by the request timeout) while its body was being read:
    // nobody will read an answer, and it is not a server fault worth a stack trace.
    if (c.req.raw.signal.aborted || (err as NodeJS.ErrnoException).code === 'ECONNRESET') {
      return errorResponse(c, new ApiError(400, 'malformed_json', 'request body cut off'));
    }
    log(`internal error on ${c.req.method} ${c.req.path}: ${err.stack ?? err.message}`);
    return errorResponse(c, new ApiError(500, 'internal', 'internal server error'));
  });
  app.notFound((c) => errorResponse(c, new ApiError(404, 'not_found', `no such endpoint: ${c.req.method} ${c.req.path}`)));
  app.use(
    '*',
    bodyLimit({
      maxSize: limits.maxBodyBytes,
      onError: () => {
        throw tooLarge(limits.maxBodyBytes);
      },
    }),
  );

  const trustProxy = opts.trustProxy ?? false;
  const auth: AuthOptions = {
    limiter: new RateLimiter(limits.perToken, opts.clock),
    guard: new AuthFailureGuard(limits.authFailures, opts.clock),
    trustProxy,
  };
  const perIp = new RateLimiter(limits.accountCreation, opts.clock);
  app.route('/', healthRoutes(opts.db));
  app.route('/', accountRoutes(opts.db, perIp, trustProxy));
  app.route('/', deviceRoutes(opts.db, auth));
  const events = opts.events ?? new EventHub(limits.eventStreamsPerAccount);
  app.route('/', changeRoutes(opts.db, auth, limits, opts.hooks ?? {}, events));
  app.route('/', eventRoutes(opts.db, auth, events, limits));
  return app;
}
