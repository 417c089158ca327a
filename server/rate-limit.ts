// Token-bucket rate limiter, in memory, per server instance: with N instances behind a balancer a
// client gets up to N times the limit. Nothing else depends on it, so instances stay interchangeable.
import type { RateLimit } from './limits.ts';

export type Clock = () => number; // milliseconds

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: RateLimit,
    private readonly clock: Clock = Date.now,
    private readonly maxKeys = 100_000,
  ) {}

  /** Takes one token for `key`: 0 if allowed, else the seconds to wait (≥ 1) before a retry. */
  take(key: string): number {
    const now = this.clock();
    const { capacity, refillPerSecond } = this.limit;
    const b = this.buckets.get(key) ?? { tokens: capacity, at: now };
    b.tokens = Math.min(capacity, b.tokens + (Math.max(0, now - b.at) / 1000) * refillPerSecond);
    b.at = now;
    this.buckets.delete(key); // re-insert: Map order = least recently used first
    this.buckets.set(key, b);
    if (this.buckets.size > this.maxKeys) this.evict();
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / refillPerSecond));
  }

  /** The seconds to wait (≥ 1) before `key` has a token, or 0 if it has one now; takes nothing. */
  peek(key: string): number {
    const b = this.buckets.get(key);
    if (!b) return 0;
    const { capacity, refillPerSecond } = this.limit;
    const tokens = Math.min(capacity, b.tokens + (Math.max(0, this.clock() - b.at) / 1000) * refillPerSecond);
    return tokens >= 1 ? 0 : Math.max(1, Math.ceil((1 - tokens) / refillPerSecond));
  }

  private evict(): void {
    // Forget the least recently used keys; a forgotten key starts again with a full bucket.
    const drop = this.buckets.size - Math.floor(this.maxKeys * 0.9);
    let n = 0;
    for (const key of this.buckets.keys()) {
      if (n++ >= drop) break;
      this.buckets.delete(key);
    }
  }

  get size(): number {
    return this.buckets.size;
  }
}
