// Bearer-token authentication, rate-limited per token before the database is asked.
import type { MiddlewareHandler } from 'hono';
import { tokenSchema } from '../lib/sync/protocol.ts';
import type { Db } from './db/types.ts';
import { ApiError, unauthorized } from './errors.ts';
import type { RateLimiter } from './rate-limit.ts';
import { findAccountId } from './store/accounts.ts';
import { hashToken } from './tokens.ts';

export type AuthEnv = { Variables: { accountId: string } };

export function requireToken(db: Db, limiter: RateLimiter): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (!header) throw unauthorized('missing Authorization: Bearer <sync token>');
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const token = match?.[1];
    if (!token || !tokenSchema.safeParse(token).success) throw unauthorized('malformed Authorization header or sync token');
    const hash = hashToken(token);
    const wait = limiter.take(`token:${hash}`);
    if (wait) throw rateLimited(wait);
    const accountId = await findAccountId(db, hash);
    if (!accountId) throw unauthorized('unknown sync token');
    c.set('accountId', accountId);
    await next();
  };
}

export const rateLimited = (seconds: number) =>
  new ApiError(429, 'rate_limited', `too many requests: retry in ${seconds} s`, undefined, { 'Retry-After': String(seconds) });
