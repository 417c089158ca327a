import { Hono } from 'hono';
import { createAccountSchema, type CreateAccountResponse } from '../../lib/sync/protocol.ts';
import { rateLimited } from '../auth.ts';
import { readJson } from '../body.ts';
import { clientIp } from '../client-ip.ts';
import type { Db } from '../db/types.ts';
import type { RateLimiter } from '../rate-limit.ts';
import { createAccount } from '../store/accounts.ts';
import { hashToken, newToken } from '../tokens.ts';

/** POST /v1/accounts → 201 {accountId, token}. The token is returned once and stored only hashed. */
export function accountRoutes(db: Db, limiter: RateLimiter, trustProxy: boolean): Hono {
  const app = new Hono();
  app.post('/v1/accounts', async (c) => {
    const wait = limiter.take(`ip:${clientIp(c, trustProxy)}`);
    if (wait) throw rateLimited(wait);
    const body = await readJson(c, createAccountSchema, { emptyAs: {} });
    const token = newToken();
    const accountId = await createAccount(db, hashToken(token), body.device);
    const res: CreateAccountResponse = { accountId, token };
    return c.json(res, 201, { 'Cache-Control': 'no-store' });
  });
  return app;
}
