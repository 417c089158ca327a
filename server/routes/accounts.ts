import { Hono, type MiddlewareHandler } from 'hono';
import { createAccountSchema, type CreateAccountResponse } from '../../lib/sync/protocol.ts';
import { rateLimited } from '../auth.ts';
import { clientIp } from '../client-ip.ts';
import type { Db } from '../db/types.ts';
import type { RateLimiter } from '../rate-limit.ts';
import { createAccount } from '../store/accounts.ts';
import { hashToken, newToken } from '../tokens.ts';
import { jsonBody } from '../validate.ts';

/** POST /v1/accounts → 201 {accountId, token}. The token is returned once and stored only hashed. */
export function accountRoutes(db: Db, limiter: RateLimiter, trustProxy: boolean): Hono {
  const app = new Hono();
  const creationLimit: MiddlewareHandler = async (c, next) => {
    const wait = limiter.take(`ip:${clientIp(c, trustProxy)}`);
    if (wait) throw rateLimited(wait);
    await next();
  };
  app.post('/v1/accounts', creationLimit, jsonBody(createAccountSchema, { emptyAs: {} }), async (c) => {
    const body = c.req.valid('json');
    const token = newToken();
    const accountId = await createAccount(db, hashToken(token), body.device);
    const res: CreateAccountResponse = { accountId, token };
    return c.json(res, 201, { 'Cache-Control': 'no-store' });
  });
  return app;
}
