import { Hono } from 'hono';
import { PROTOCOL_VERSION } from '../../lib/sync/protocol.ts';
import type { Db } from '../db/types.ts';
import { ApiError } from '../errors.ts';

/** GET /health: 200 when the database answers (for load balancers and systemd watchdogs). */
export function healthRoutes(db: Db): Hono {
  const app = new Hono();
  app.get('/health', async (c) => {
    try {
      await db.query('SELECT 1');
    } catch {
      throw new ApiError(503, 'unavailable', 'database unavailable');
    }
    return c.json({ ok: true, protocol: PROTOCOL_VERSION, storage: db.kind });
  });
  return app;
}
