import { Hono } from 'hono';
import { pullQuerySchemaWith, pushRequestSchemaWith, type PullResponse, type PushResponse } from '../../lib/sync/protocol.ts';
import { requireToken, type AuthEnv, type AuthOptions } from '../auth.ts';
import type { Db } from '../db/types.ts';
import type { EventHub } from '../events.ts';
import type { ServerLimits } from '../limits.ts';
import { pullChanges, pushChanges, type PushHooks } from '../store/changes.ts';
import { jsonBody, queryParams } from '../validate.ts';

/** POST /v1/changes {changes} → {accepted, applied, cursor} (and a change notice to the account's event streams); GET /v1/changes?since&limit → {changes, cursor, more}. */
export function changeRoutes(db: Db, auth: AuthOptions, limits: ServerLimits, hooks: PushHooks, events?: EventHub): Hono<AuthEnv> {
  const authed = requireToken(db, auth);
  const pushSchema = pushRequestSchemaWith(limits);
  const pullSchema = pullQuerySchemaWith(limits);
  const r = new Hono<AuthEnv>();
  r.post('/v1/changes', authed, jsonBody(pushSchema), async (c) => {
    const { changes } = c.req.valid('json');
    const { appliedDevices, ...res } = await pushChanges(db, c.var.accountId, changes, hooks);
    if (res.applied > 0) events?.publish(c.var.accountId, { cursor: res.cursor, devices: appliedDevices });
    return c.json(res satisfies PushResponse);
  });
  r.get('/v1/changes', authed, queryParams(pullSchema), async (c) => {
    const { since, limit } = c.req.valid('query');
    const res: PullResponse = await pullChanges(db, c.var.accountId, since, limit);
    return c.json(res);
  });
  return r;
}
