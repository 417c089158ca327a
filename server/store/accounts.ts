// Accounts and devices. An account is found only by the hash of its token.
import { randomUUID } from 'node:crypto';
import type { DeviceInfo, RegisterDeviceRequest } from '../../lib/sync/protocol.ts';
import type { Db, Queryable } from '../db/types.ts';

export async function createAccount(db: Db, tokenHash: string, device?: RegisterDeviceRequest): Promise<string> {
  const id = randomUUID();
  await db.transaction(async (tx) => {
    await tx.query('INSERT INTO accounts (id, token_hash) VALUES ($1, $2)', [id, tokenHash]);
    if (device) await upsertDevice(tx, id, device);
  });
  return id;
}

export async function findAccountId(db: Queryable, tokenHash: string): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM accounts WHERE token_hash = $1', [tokenHash]);
  return rows[0]?.id ?? null;
}

/** Registers a device, or renames it and marks it seen if it is already linked. */
export async function upsertDevice(db: Queryable, accountId: string, device: RegisterDeviceRequest): Promise<void> {
  await db.query(
    `INSERT INTO devices (account_id, device_id, name) VALUES ($1, $2, $3)
     ON CONFLICT (account_id, device_id) DO UPDATE SET name = excluded.name, last_seen_at = now()`,
    [accountId, device.deviceId, device.name],
  );
}

export async function listDevices(db: Queryable, accountId: string): Promise<DeviceInfo[]> {
  const { rows } = await db.query<{ device_id: string; name: string; created_at: string; last_seen_at: string }>(
    `SELECT device_id, name,
            to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at,
            to_char(last_seen_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS last_seen_at
       FROM devices WHERE account_id = $1 ORDER BY created_at, device_id`,
    [accountId],
  );
  return rows.map((r) => ({ deviceId: r.device_id, name: r.name, createdAt: r.created_at, lastSeenAt: r.last_seen_at }));
}
