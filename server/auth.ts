// Bearer-token authentication: the failed-authentication limit per address, then the rate limit per
// token, both before the database is asked.
import type { MiddlewareHandler } from 'hono';
import { tokenSchema } from '../lib/sync/protocol.ts';
import type { AuthFailureGuard } from './auth-guard.ts';
import { clientIp } from './client-ip.ts';
import type { Db } from './db/types.ts';
import { ApiError, unauthorized } from './errors.ts';
import type { RateLimiter } from './rate-limit.ts';
import { findAccountId } from './store/accounts.ts';
import { hashToken } from './tokens.ts';

export type AuthEnv = { Variables: { accountId: string } };

export interface AuthOptions {
  /** Per token, on every authenticated request. */
  limiter: RateLimiter;
  /** Per client address, on failed authentication. */
  guard: AuthFailureGuard;
  trustProxy: boolean;
}

export function requireToken(db: Db, { limiter, guard, trustProxy }: AuthOptions): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const address = clientIp(c, trustProxy);
    const header = c.req.header('authorization');
    const token = header ? /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] : undefined;
    const wellFormed = token !== undefined && tokenSchema.safeParse(token).success;
    const hash = wellFormed ? hashToken(token) : undefined;
    const blocked = guard.check(address, hash);
    if (blocked) throw rateLimited(blocked, 'too many failed authentications from this address');
    const fail = (message: string) => {
      guard.failed(address);
      return unauthorized(message);
    };
    if (!header) throw fail('missing Authorization: Bearer <sync token>');
    if (!hash) throw fail('malformed Authorization header or sync token');
    const wait = limiter.take(`token:${hash}`);
    if (wait) throw rateLimited(wait);
    const accountId = await findAccountId(db, hash);
    if (!accountId) throw fail('unknown sync token');
    guard.succeeded(hash);
    c.set('accountId', accountId);
    await next();
  };
}

export const rateLimited = (seconds: number, why = 'too many requests') =>
  new ApiError(429, 'rate_limited', `${why}: retry in ${seconds} s`, undefined, { 'Retry-After': String(seconds) });
