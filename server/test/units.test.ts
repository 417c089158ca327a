import { describe, expect, it } from 'vitest';
import { parseServerArgs } from '../args.ts';
import { winnersOf } from '../store/changes.ts';
import { hashToken, newToken } from '../tokens.ts';
import { change } from './client.ts';

describe('winnersOf', () => {
  it('keeps the greatest version per record id, in first-seen order', () => {
    const a1 = change({ hlc: '1' });
    const b1 = change({ hlc: '5' });
    const a2 = change({ id: a1.id, hlc: '2' });
    const a0 = change({ id: a1.id, hlc: '0' });
    const b1z = change({ id: b1.id, hlc: '5', device: 'zz' });
    expect(winnersOf([a1, b1, a2, a0, b1z])).toEqual([a2, b1z]);
  });
});

describe('tokens', () => {
  it('are 32 random bytes in base64url; the hash is hex SHA-256', () => {
    const t = newToken();
    expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newToken()).not.toBe(t);
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('server arguments', () => {
  it('defaults to 127.0.0.1:8787 and PGlite in .sync-data', () => {
    expect(parseServerArgs([], {})).toEqual({ host: '127.0.0.1', port: 8787, dataDir: '.sync-data', databaseUrl: undefined, trustProxy: false });
  });
  it('reads --port, --data and DATABASE_URL', () => {
    const a = parseServerArgs(['--port', '9000', '--data', '/var/lib/x', '--trust-proxy'], { DATABASE_URL: 'postgres://h/db' });
    expect(a).toMatchObject({ port: 9000, dataDir: '/var/lib/x', databaseUrl: 'postgres://h/db', trustProxy: true });
  });
  it('rejects a bad port or an unknown option', () => {
    expect(() => parseServerArgs(['--port', 'x'], {})).toThrow(/bad --port/);
    expect(() => parseServerArgs(['--nope'], {})).toThrow();
  });
});
