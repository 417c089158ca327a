import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../rate-limit.ts';

describe('RateLimiter (token bucket)', () => {
  it('allows a burst of `capacity`, then asks to wait until one token has refilled', () => {
    let now = 0;
    const rl = new RateLimiter({ capacity: 2, refillPerSecond: 4 }, () => now);
    expect([rl.take('k'), rl.take('k')]).toEqual([0, 0]);
    expect(rl.take('k')).toBe(1); // 0.25 s rounds up to 1 s (Retry-After is whole seconds)
    now += 250;
    expect(rl.take('k')).toBe(0);
  });

  it('computes the wait from the refill rate', () => {
    let now = 0;
    const rl = new RateLimiter({ capacity: 1, refillPerSecond: 0.1 }, () => now);
    expect(rl.take('k')).toBe(0);
    expect(rl.take('k')).toBe(10);
    now += 5000;
    expect(rl.take('k')).toBe(5);
  });

  it('never refills beyond capacity, and keys are independent', () => {
    let now = 0;
    const rl = new RateLimiter({ capacity: 2, refillPerSecond: 1 }, () => now);
    now += 3_600_000;
    expect([rl.take('a'), rl.take('a'), rl.take('a') > 0]).toEqual([0, 0, true]);
    expect(rl.take('b')).toBe(0);
  });

  it('peek tells the wait without taking a token, and never creates a bucket', () => {
    let now = 0;
    const rl = new RateLimiter({ capacity: 2, refillPerSecond: 0.5 }, () => now);
    expect(rl.peek('k')).toBe(0);
    expect(rl.size).toBe(0);
    rl.take('k');
    expect([rl.peek('k'), rl.peek('k')]).toEqual([0, 0]);
    rl.take('k');
    expect(rl.peek('k')).toBe(2);
    now += 1000;
    expect(rl.peek('k')).toBe(1);
    now += 1000;
    expect(rl.peek('k')).toBe(0);
    expect(rl.take('k')).toBe(0);
  });

  it('forgets the least recently used keys beyond maxKeys', () => {
    const rl = new RateLimiter({ capacity: 1, refillPerSecond: 1 }, () => 0, 100);
    for (let i = 0; i < 1000; i++) rl.take(`k${i}`);
    expect(rl.size).toBeLessThanOrEqual(100);
    expect(rl.take('k999')).toBeGreaterThan(0); // recent key still remembered
  });
});
