import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay, BACKOFF } from '../../../lib/sync/backoff';
import { HttpError, WrongPassphraseError } from '../../../lib/sync/errors';
import { SyncScheduler } from '../../../lib/sync/scheduler';
import { agoText, statusLine, type SyncStatus } from '../../../lib/sync/status';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('backoff', () => {
  it('doubles, is capped at 30 min, and is jittered within [d/2, d]', () => {
    expect(backoffDelay(1, () => 0)).toBe(BACKOFF.baseMs / 2);
    expect(backoffDelay(1, () => 1)).toBe(BACKOFF.baseMs);
    expect(backoffDelay(3, () => 1)).toBe(BACKOFF.baseMs * 4);
    expect(backoffDelay(50, () => 1)).toBe(30 * 60_000);
    expect(backoffDelay(50, () => 0)).toBe(15 * 60_000);
    const samples = new Set(Array.from({ length: 20 }, () => backoffDelay(4)));
    expect(samples.size).toBeGreaterThan(1);
  });
});

describe('SyncScheduler', () => {
  it('debounces local changes: one run 2 s after the last one', async () => {
    const run = vi.fn(async () => undefined);
    const s = new SyncScheduler({ run });
    s.soon(2000);
    await vi.advanceTimersByTimeAsync(1500);
    s.soon(2000);
    await vi.advanceTimersByTimeAsync(1500);
    expect(run).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(600);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('retries failures with growing delays until it succeeds, then resets', async () => {
    let fail = 3;
    const run = vi.fn(async () => {
      if (fail-- > 0) throw new HttpError('cannot reach the sync server', 0);
    });
    const s = new SyncScheduler({ run, random: () => 1 });
    await s.runNow();
    expect(s.consecutiveFailures).toBe(1);
    expect(s.nextRetryAt).toBe(Date.now() + 5_000);
    s.soon(100); // a local change does not cut the backoff short
    await vi.advanceTimersByTimeAsync(4_999);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(run).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(run).toHaveBeenCalledTimes(4);
    expect(s.consecutiveFailures).toBe(0);
    expect(s.nextRetryAt).toBeNull();
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(run).toHaveBeenCalledTimes(4);
  });

  it('honours Retry-After, skips alarm ticks during backoff, and does not retry what only the user can fix', async () => {
    const run = vi.fn(async () => {
      throw new HttpError('rate limited', 429, 'rate_limited', 60_000);
    });
    const s = new SyncScheduler({ run, random: () => 0 });
    await s.runNow();
    expect(s.nextRetryAt).toBe(Date.now() + 60_000);
    await s.tick();
    expect(run).toHaveBeenCalledTimes(1);

    const wrong = vi.fn(async () => {
      throw new WrongPassphraseError();
    });
    const w = new SyncScheduler({ run: wrong });
    await w.runNow();
    expect(w.nextRetryAt).toBeNull();
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(wrong).toHaveBeenCalledTimes(1);
  });
});

describe('status line', () => {
  const base: SyncStatus = {
    enabled: true,
    serverUrl: 'http://127.0.0.1:8787',
    accountId: 'x',
    deviceId: 'd',
    hasKey: true,
    verified: true,
    pending: 0,
    running: false,
    lastSyncAt: 1_000_000,
    lastAttemptAt: 1_000_000,
    lastError: null,
    nextRetryAt: null,
    choosingPassphrase: false,
    setAside: 0,
    setAsideReasons: [],
    kept: 0,
  };
  it('says what the popup shows', () => {
    expect(statusLine(null, 0)).toBe('Sync off');
    expect(statusLine({ ...base, enabled: false }, 0)).toBe('Sync off');
    expect(statusLine(base, 1_000_000 + 120_000)).toBe('Synced 2 min ago');
    expect(statusLine({ ...base, pending: 3 }, 0)).toBe('3 changes waiting');
    expect(statusLine({ ...base, pending: 1 }, 0)).toBe('1 change waiting');
    expect(statusLine({ ...base, lastError: 'cannot reach the sync server' }, 0)).toBe('Sync error: cannot reach the sync server');
    expect(statusLine({ ...base, hasKey: false }, 0)).toMatch(/passphrase/);
    expect(statusLine({ ...base, setAside: 2, setAsideReasons: [{ reason: 'does not decrypt: altered', count: 2 }] }, 1_000_000)).toBe(
      'Synced just now; 2 changes set aside (does not decrypt: altered)',
    );
    expect(statusLine({ ...base, setAside: 1, setAsideReasons: [{ reason: 'x', count: 1 }, { reason: 'y', count: 1 }] }, 1_000_000)).toBe('Synced just now; 1 change set aside (x, …)');
    expect(agoText(10_000)).toBe('just now');
    expect(agoText(3 * 3600_000)).toBe('3 h ago');
    expect(agoText(3 * 86400_000)).toBe('3 days ago');
  });
});
