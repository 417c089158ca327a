// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { timeSlice, yieldToMain } from '../../../lib/dom/schedule';

afterEach(() => {
  delete (globalThis as { scheduler?: unknown }).scheduler;
  vi.restoreAllMocks();
});

describe('yieldToMain', () => {
  it('uses scheduler.yield() where present', async () => {
    const y = vi.fn(() => Promise.resolve());
    (globalThis as { scheduler?: unknown }).scheduler = { yield: y };
    await yieldToMain();
    expect(y).toHaveBeenCalledOnce();
  });

  it('otherwise yields a macrotask (after pending microtasks)', async () => {
    const log: string[] = [];
    const p = yieldToMain().then(() => log.push('yielded'));
    queueMicrotask(() => log.push('microtask'));
    await p;
    expect(log).toEqual(['microtask', 'yielded']);
  });

  it('resolves many concurrent yields', async () => {
    await Promise.all(Array.from({ length: 20 }, () => yieldToMain()));
  });
});

describe('timeSlice', () => {
  it('reports when to yield and counts yields', async () => {
    let t = 0;
    const yieldFn = vi.fn(async () => {});
    const s = timeSlice(10, { now: () => t, yieldFn });
    expect(s.shouldYield()).toBe(false);
    await s.maybeYield();
    expect(yieldFn).not.toHaveBeenCalled();
    t = 10;
    expect(s.shouldYield()).toBe(true);
    await s.maybeYield();
    expect(s.yields).toBe(1);
    expect(s.shouldYield()).toBe(false); // new slice started at t = 10
  });
});
