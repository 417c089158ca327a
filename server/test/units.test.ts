import { describe, expect, it } from 'vitest';
import { parseServerArgs } from '../args.ts';
import { EventHub } from '../events.ts';
import { authFailureLimitFor, DEFAULT_LIMITS, rateLimitsFor } from '../limits.ts';
import { RateLimiter } from '../rate-limit.ts';
import { winnersOf } from '../store/changes.ts';
import { hashToken, newToken } from '../tokens.ts';
import { change, stamp } from './client.ts';

describe('winnersOf', () => {
  it('keeps the greatest version per record id, in first-seen order', () => {
    const a1 = change({ hlc: stamp('1') });
    const b1 = change({ hlc: stamp('5') });
    const a2 = change({ id: a1.id, hlc: stamp('2') });
    const a0 = change({ id: a1.id, hlc: stamp('0') });
    const b1z = change({ id: b1.id, hlc: stamp('5'), device: 'zz' });
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
    expect(parseServerArgs([], {})).toEqual({ host: '127.0.0.1', port: 8787, dataDir: '.sync-data', databaseUrl: undefined, trustProxy: false, rateLimit: 10, authFailures: 30,
      headersTimeout: 10, requestTimeout: 30, maxConnections: 1024, maxConnectionsPerIp: 64, maxEventStreams: 8,
    });
  });
  it('reads --port, --data and DATABASE_URL', () => {
    const a = parseServerArgs(['--port', '9000', '--data', '/var/lib/x', '--trust-proxy'], { DATABASE_URL: 'postgres://h/db' });
    expect(a).toMatchObject({ port: 9000, dataDir: '/var/lib/x', databaseUrl: 'postgres://h/db', trustProxy: true });
  });
  it('reads --rate-limit (or CSTO_SYNC_RATE_LIMIT); 0 turns the limits off', () => {
    expect(parseServerArgs(['--rate-limit', '0'], {}).rateLimit).toBe(0);
    expect(parseServerArgs([], { CSTO_SYNC_RATE_LIMIT: '2.5' }).rateLimit).toBe(2.5);
    expect(() => parseServerArgs(['--rate-limit=-1'], {})).toThrow(/bad --rate-limit/);
    expect(() => parseServerArgs(['--rate-limit', 'lots'], {})).toThrow(/bad --rate-limit/);
    expect(rateLimitsFor(5).perToken).toEqual({ capacity: 60, refillPerSecond: 5 });
    expect(rateLimitsFor(10).perToken).toEqual(DEFAULT_LIMITS.perToken);
    expect(rateLimitsFor(10).accountCreation).toEqual(DEFAULT_LIMITS.accountCreation);
    let t = 0;
    const off = new RateLimiter(rateLimitsFor(0).perToken, () => t);
    const creation = new RateLimiter(rateLimitsFor(0).accountCreation, () => t);
    for (let i = 0; i < 10_000; i++, t += 0.01) {
      expect(off.take('token')).toBe(0);
      expect(creation.take('10.0.0.1')).toBe(0);
    }
    // A slow rate still lets a request through now and then.
    let at = 0;
    const slow = new RateLimiter(rateLimitsFor(0.05).perToken, () => at);
    expect(slow.take('token')).toBe(0);
    expect(slow.take('token')).toBeGreaterThan(0);
    at = 20_000;
    expect(slow.take('token')).toBe(0);
    const five = new RateLimiter(rateLimitsFor(5).perToken, () => 0);
    for (let i = 0; i < 60; i++) expect(five.take('token')).toBe(0);
    expect(five.take('token')).toBeGreaterThan(0);
  });
  it('reads --auth-failures (or CSTO_SYNC_AUTH_FAILURES): n per address in 10 minutes; 0 turns it off', () => {
    expect(parseServerArgs(['--auth-failures', '5'], {}).authFailures).toBe(5);
    expect(parseServerArgs([], { CSTO_SYNC_AUTH_FAILURES: '0' }).authFailures).toBe(0);
    expect(() => parseServerArgs(['--auth-failures', '2.5'], {})).toThrow(/bad --auth-failures/);
    expect(authFailureLimitFor(30)).toEqual(DEFAULT_LIMITS.authFailures);
    expect(authFailureLimitFor(5)).toEqual({ capacity: 5, refillPerSecond: 5 / 600 });
    const off = new RateLimiter(authFailureLimitFor(0), () => 0);
    for (let i = 0; i < 10_000; i++) expect(off.take('ip')).toBe(0);
  });
  it.each<[string, string[], Record<string, string>, Record<string, number> | RegExp]>([
    ['timeouts in seconds', ['--headers-timeout', '0.5', '--request-timeout', '2'], {}, { headersTimeout: 0.5, requestTimeout: 2 }],
    ['timeouts from env', [], { CSTO_SYNC_HEADERS_TIMEOUT: '5', CSTO_SYNC_REQUEST_TIMEOUT: '5' }, { headersTimeout: 5, requestTimeout: 5 }],
    ['connection caps', ['--max-connections', '10', '--max-connections-per-ip', '0'], {}, { maxConnections: 10, maxConnectionsPerIp: 0 }],
    ['connection caps from env', [], { CSTO_SYNC_MAX_CONNECTIONS: '99', CSTO_SYNC_MAX_CONNECTIONS_PER_IP: '7' }, { maxConnections: 99, maxConnectionsPerIp: 7 }],
    ['a headers timeout over the request timeout', ['--headers-timeout', '40'], {}, /bad timeouts/],
    ['a zero headers timeout', ['--headers-timeout', '0'], {}, /bad timeouts/],
    ['a negative timeout', ['--request-timeout=-1'], {}, /bad --request-timeout/],
    ['no connections at all', ['--max-connections', '0'], {}, /bad --max-connections/],
    ['event streams per account', ['--max-event-streams', '2'], {}, { maxEventStreams: 2 }],
    ['no event streams at all', [], { CSTO_SYNC_MAX_EVENT_STREAMS: '0' }, /bad --max-event-streams/],
    ['a fractional cap', ['--max-connections-per-ip', '1.5'], {}, /bad --max-connections-per-ip/],
  ])('reads %s', (_label, argv, env, expected) => {
    if (expected instanceof RegExp) expect(() => parseServerArgs(argv, env)).toThrow(expected);
    else expect(parseServerArgs(argv, env)).toMatchObject(expected);
  });
  it('rejects a bad port or an unknown option', () => {
    expect(() => parseServerArgs(['--port', 'x'], {})).toThrow(/bad --port/);
    expect(() => parseServerArgs(['--nope'], {})).toThrow();
  });
});

describe('EventHub (change notices)', () => {
  it('merges notices a stream has not sent yet: the newest cursor, every device', async () => {
    const hub = new EventHub(2);
    const s = hub.open('acct')!;
    hub.publish('acct', { cursor: '9', devices: ['b'] });
    hub.publish('acct', { cursor: '12', devices: ['a'] });
    hub.publish('acct', { cursor: '10', devices: ['b'] }); // arrives late: the cursor stays the newest
    hub.publish('other', { cursor: '99', devices: ['x'] });
    expect(await s.next(1000)).toEqual({ cursor: '12', devices: ['a', 'b'] });
    expect(await s.next(10)).toBe('ping');
  });

  it('caps the streams per account, frees a place on close, and refuses all once closed', async () => {
    const hub = new EventHub(2);
    const [a, b] = [hub.open('acct'), hub.open('acct')];
    expect(hub.open('acct')).toBeNull();
    expect(hub.open('another')).not.toBeNull();
    a!.close();
    expect(hub.count('acct')).toBe(1);
    expect(hub.open('acct')).not.toBeNull();
    const waiting = b!.next(60_000);
    hub.close();
    expect(await waiting).toBe('closed');
    expect(hub.count()).toBe(0);
    expect(hub.open('acct')).toBeNull();
  });
});
