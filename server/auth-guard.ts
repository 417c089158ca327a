// The per-address limit on failed authentication. Guessing tokens costs the attacker a request and
// the server a database query each: after `authFailures.capacity` failures an address gets 429 on every
// authenticated endpoint *before* the database is asked, until its bucket refills. Successes neither
// spend nor refill it (else one valid account of the attacker's own would reset the count). A token
// that authenticated recently still passes from a blocked address, so a reader behind the same NAT as
// an attacker keeps syncing; knowing such a token is being that account anyway.
import type { RateLimit } from './limits.ts';
import { RateLimiter, type Clock } from './rate-limit.ts';

export class AuthFailureGuard {
  private readonly failures: RateLimiter;
  /** Token hashes that authenticated recently (least recently used first), bounded. */
  private readonly known = new Map<string, true>();

  constructor(
    limit: RateLimit,
    clock?: Clock,
    private readonly maxKnown = 10_000,
  ) {
    this.failures = new RateLimiter(limit, clock);
  }

  /** 0: go ahead; else the seconds `address` must wait. Asks no database. */
  check(address: string, tokenHash?: string): number {
    if (tokenHash && this.known.has(tokenHash)) return 0;
    return this.failures.peek(`ip:${address}`);
  }

  failed(address: string): void {
    this.failures.take(`ip:${address}`);
  }

  succeeded(tokenHash: string): void {
    this.known.delete(tokenHash);
    this.known.set(tokenHash, true);
    if (this.known.size > this.maxKnown) this.known.delete(this.known.keys().next().value as string);
  }
}
