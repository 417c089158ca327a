// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { formatSyncKey, parseSyncKey } from '../../../lib/sync/sync-key';
import { pullOnFocus } from '../../../lib/ui/pull-on-focus';

const ACCOUNT = '0b6f3c1e-2a4d-4e5f-8a9b-0c1d2e3f4a5b';
const TOKEN = 'A'.repeat(43);
const SALT = 'c2FsdHNhbHRzYWx0c2FsdA';

describe('sync key v3 (names its server)', () => {
  it('round-trips account, token, salt and server; v2 and v1 keys still parse, without a server', () => {
    const key = formatSyncKey(ACCOUNT, TOKEN, SALT, 'https://sync.example.org/csto');
    expect(key.startsWith('v3.')).toBe(true);
    expect(parseSyncKey(`  ${key.slice(0, 30)}\n${key.slice(30)} `)).toEqual({ accountId: ACCOUNT, token: TOKEN, salt: SALT, serverUrl: 'https://sync.example.org/csto' });
    expect(parseSyncKey(formatSyncKey(ACCOUNT, TOKEN, SALT))).toEqual({ accountId: ACCOUNT, token: TOKEN, salt: SALT, serverUrl: null });
    expect(parseSyncKey(`${ACCOUNT}.${TOKEN}`)).toEqual({ accountId: ACCOUNT, token: TOKEN, salt: null, serverUrl: null });
  });

  it('refuses a key whose server part is not an http(s) address, or that is cut', () => {
    const key = formatSyncKey(ACCOUNT, TOKEN, SALT, 'https://sync.example.org');
    const bad = `${key.split('.').slice(0, 4).join('.')}.${Buffer.from('javascript:alert(1)').toString('base64url')}`;
    expect(() => parseSyncKey(bad)).toThrow(/server part is not an http\(s\) address/);
    expect(() => parseSyncKey(key.split('.').slice(0, 3).join('.'))).toThrow(/not a sync key/);
  });
});

describe('the notebook pulls when it is looked at', () => {
  it('calls pull on visibilitychange to visible and on window focus, not when hidden; stops when unsubscribed', () => {
    let pulls = 0;
    let state: DocumentVisibilityState = 'hidden';
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
    const off = pullOnFocus(document, () => pulls++);
    document.dispatchEvent(new Event('visibilitychange'));
    expect(pulls).toBe(0);
    state = 'visible';
    document.dispatchEvent(new Event('visibilitychange'));
    window.dispatchEvent(new Event('focus'));
    expect(pulls).toBe(2);
    off();
    document.dispatchEvent(new Event('visibilitychange'));
    expect(pulls).toBe(2);
  });
});
