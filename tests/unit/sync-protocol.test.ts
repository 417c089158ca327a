import { describe, expect, it } from 'vitest';
import {
  SYNC_LIMITS,
  compareVersions,
  pullQuerySchema,
  pushRequestSchema,
  pushRequestSchemaWith,
  registerDeviceSchema,
  tokenSchema,
  type Change,
} from '../../lib/sync/protocol';

const ok: Change = { id: '0b6f1f3e-8f0a-4a57-9a4e-1c2d3e4f5a6b', hlc: '0000001a000-00000-dev', device: 'dev-1', deleted: false, payload: 'AbC_-9' };

describe('sync protocol schemas', () => {
  it('accepts a well-formed push and rejects unknown fields', () => {
    expect(pushRequestSchema.parse({ changes: [ok] })).toEqual({ changes: [ok] });
    expect(pushRequestSchema.safeParse({ changes: [{ ...ok, extra: 1 }] }).success).toBe(false);
  });

  it.each([
    ['id', { id: 'not-a-uuid' }],
    ['id', { id: ok.id.toUpperCase() }],
    ['hlc', { hlc: '' }],
    ['hlc', { hlc: 'has space' }],
    ['hlc', { hlc: 'x'.repeat(65) }],
    ['device', { device: 'a/b' }],
    ['payload', { payload: 'a=' }],
    ['payload', { payload: 'A'.repeat(SYNC_LIMITS.maxPayloadChars + 1) }],
  ])('rejects a bad %s', (field, over) => {
    const r = pushRequestSchema.safeParse({ changes: [{ ...ok, ...over }] });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['changes', 0, field]);
  });

  it('caps the number of changes per push (configurable)', () => {
    const small = pushRequestSchemaWith({ maxChangesPerPush: 2, maxPayloadChars: 10 });
    expect(small.safeParse({ changes: [ok, ok] }).success).toBe(true);
    expect(small.safeParse({ changes: [ok, ok, ok] }).success).toBe(false);
  });

  it('pull query: defaults, bounds', () => {
    expect(pullQuerySchema.parse({})).toEqual({ since: '0', limit: 500 });
    expect(pullQuerySchema.parse({ since: '42', limit: '1000' })).toEqual({ since: '42', limit: 1000 });
    for (const q of [{ limit: '0' }, { limit: '1001' }, { limit: '1.5' }, { since: '01' }, { since: 'x' }]) {
      expect(pullQuerySchema.safeParse(q).success, JSON.stringify(q)).toBe(false);
    }
  });

  it('tokens and devices', () => {
    expect(tokenSchema.safeParse('A'.repeat(43)).success).toBe(true);
    expect(tokenSchema.safeParse('A'.repeat(42)).success).toBe(false);
    expect(registerDeviceSchema.parse({ deviceId: 'd1', name: '  Laptop ' })).toEqual({ deviceId: 'd1', name: 'Laptop' });
  });
});

describe('compareVersions', () => {
  it('greater hlc wins, then greater device; equal is 0', () => {
    expect(compareVersions({ hlc: 'b', device: 'a' }, { hlc: 'a', device: 'z' })).toBe(1);
    expect(compareVersions({ hlc: 'a', device: 'b' }, { hlc: 'a', device: 'a' })).toBe(1);
    expect(compareVersions({ hlc: 'a', device: 'a' }, { hlc: 'a', device: 'b' })).toBe(-1);
    expect(compareVersions({ hlc: 'a', device: 'a' }, { hlc: 'a', device: 'a' })).toBe(0);
    expect(compareVersions({ hlc: 'a', device: 'a' }, { hlc: 'B', device: 'a' })).toBe(1); // bytewise, not locale
  });
});
