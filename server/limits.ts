// Server limits: the protocol's published limits plus the rate limits, all overridable per server.
import { EVENT_HEARTBEAT_MS, SYNC_LIMITS, type SyncLimits } from '../lib/sync/protocol.ts';

export interface RateLimit {
  /** Bucket size: requests allowed in a burst. */
  capacity: number;
  /** Tokens added per second. */
  refillPerSecond: number;
}

export interface ServerLimits extends SyncLimits {
  /** Per sync token (account), on every authenticated request. */
  perToken: RateLimit;
  /** Per client address, on account creation (the only unauthenticated write). */
  accountCreation: RateLimit;
  /**
   * Per client address, failed authentications (every 401): once spent, the address gets 429 on every
   * authenticated endpoint before any database query (tokens that authenticated recently still pass).
   */
  authFailures: RateLimit;
  /** Open GET /v1/events streams per account; one more gets 429. */
  eventStreamsPerAccount: number;
  /** A ping on an idle event stream this often (ms). */
  eventHeartbeatMs: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  ...SYNC_LIMITS,
  perToken: { capacity: 120, refillPerSecond: 10 },
  accountCreation: { capacity: 10, refillPerSecond: 1 / 60 },
  authFailures: { capacity: 30, refillPerSecond: 30 / 600 },
  eventStreamsPerAccount: 8,
  eventHeartbeatMs: EVENT_HEARTBEAT_MS,
};

/** `--auth-failures n`: n failed authentications per address in 10 minutes (a burst of n); 0: no limit. */
export function authFailureLimitFor(perTenMinutes: number): RateLimit {
  if (perTenMinutes === 0) return { capacity: Number.MAX_SAFE_INTEGER, refillPerSecond: Number.MAX_SAFE_INTEGER };
  return { capacity: Math.max(1, perTenMinutes), refillPerSecond: perTenMinutes / 600 };
}

export function resolveLimits(overrides: Partial<ServerLimits> = {}): ServerLimits {
  return { ...DEFAULT_LIMITS, ...overrides };
}

/** The rate limits for `--rate-limit n`: n requests per second per token, bursts of 12 n (at least 1); 0: none. */
export function rateLimitsFor(perSecond: number): Pick<ServerLimits, 'perToken' | 'accountCreation'> {
  if (perSecond === 0) {
    const none = { capacity: Number.MAX_SAFE_INTEGER, refillPerSecond: Number.MAX_SAFE_INTEGER };
    return { perToken: none, accountCreation: none };
  }
  // At least one request in a bucket, or a rate under 1/12 a second would refuse every request.
  return { perToken: { capacity: Math.max(1, 12 * perSecond), refillPerSecond: perSecond }, accountCreation: DEFAULT_LIMITS.accountCreation };
}
