// The key-check record: a reserved record id whose payload encrypts a known constant. The first device
// of an account pushes it before anything else; every other device pulls and opens it before it applies
// or pushes anything, so a wrong passphrase is caught before it can write a single unreadable record.
//
// Its version is fixed (same hlc and device on every device), and the server keeps the first of equal
// versions, so once stored it is never replaced: it is always the account's first change (seq order),
// and `GET /v1/changes?since=0&limit=1` returns it.

import { decrypt, encrypt } from './crypto';
import { additionalData } from './envelope';
import type { Change } from './protocol';

export const KEY_CHECK_ID = '00000000-0000-4000-8000-00000000c4ec';
const HEAD = { id: KEY_CHECK_ID, hlc: '00000000000-00000-keycheck', device: 'keycheck', deleted: false } as const;
const CONSTANT = 'csto-lens key check v1';
const utf8 = new TextEncoder();

export function isKeyCheck(c: Pick<Change, 'id'>): boolean {
  return c.id === KEY_CHECK_ID;
}

/** The key check's one fixed version (any other version under its id is a forgery). */
export function isKeyCheckHead(c: Pick<Change, 'id' | 'hlc' | 'device' | 'deleted'>): boolean {
  return c.id === HEAD.id && c.hlc === HEAD.hlc && c.device === HEAD.device && c.deleted === HEAD.deleted;
}

export async function makeKeyCheck(key: CryptoKey, accountId: string): Promise<Change> {
  const body = JSON.stringify({ check: CONSTANT, accountId });
  return { ...HEAD, payload: await encrypt(key, utf8.encode(body), additionalData(HEAD)) };
}

/** True when `key` opens the key-check record of `accountId`. */
export async function verifyKeyCheck(key: CryptoKey, accountId: string, c: Change): Promise<boolean> {
  const plain = await decrypt(key, c.payload, additionalData({ ...HEAD, id: c.id }));
  if (!plain) return false;
  try {
    const body = JSON.parse(new TextDecoder().decode(plain)) as { check?: unknown; accountId?: unknown };
    return body.check === CONSTANT && body.accountId === accountId;
  } catch {
    return false;
  }
}
