import { Hono } from 'hono';
import { registerDeviceSchema, type ListDevicesResponse } from '../../lib/sync/protocol.ts';
import { requireToken, type AuthEnv, type AuthOptions } from '../auth.ts';
import type { Db } from '../db/types.ts';
import { listDevices, upsertDevice } from '../store/accounts.ts';
import { jsonBody } from '../validate.ts';

/** POST /v1/devices {deviceId, name} → {ok: true} (links or renames a device); GET /v1/devices → {devices}. */
export function deviceRoutes(db: Db, auth: AuthOptions): Hono<AuthEnv> {
  const authed = requireToken(db, auth);
  const r = new Hono<AuthEnv>();
  r.post('/v1/devices', authed, jsonBody(registerDeviceSchema), async (c) => {
    const device = c.req.valid('json');
    await upsertDevice(db, c.var.accountId, device);
    return c.json({ ok: true as const });
  });
  r.get('/v1/devices', authed, async (c) => {
    const res: ListDevicesResponse = { devices: await listDevices(db, c.var.accountId) };
    return c.json(res);
  });
  return r;
}
