// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chunked, timeSlice, yieldToMain } from '../../../lib/dom/schedule';

afterEach(() => {
  delete (globalThis as { scheduler?: unknown }).scheduler;
  vi.restoreAllMocks();
});

/** A clock that advances by step ms on every reading. */
function fakeClock(step: number) {
  let t = 0;
  return () => (t += step);
}

describe('chunked', () => {
  it('calls fn on every item in order', async () => {
    const seen: [number, number][] = [];
    await chunked([10, 20, 30], (x, i) => seen.push([x, i]));
    expect(seen).toEqual([[10, 0], [20, 1], [30, 2]]);
  });

  it.each([
    [8, 1, 100],
    [4, 1, 100],
    [8, 3, 100],
  ])('yields whenever the %d ms budget is spent (clock step %d, %d items)', async (budget, step, n) => {
    let yields = 0;
    const count = await chunked(
      Array.from({ length: n }, (_, i) => i),
      () => {},
      budget,
      { now: fakeClock(step), yieldFn: async () => void yields++ },
    );
    expect(count).toBe(yields);
    // one clock reading per item plus one per slice start
    expect(yields).toBeGreaterThanOrEqual(Math.floor((n * step) / (budget + step)) - 1);
    expect(yields).toBeLessThanOrEqual(Math.ceil((n * step) / budget));
  });

  it('never yields for work inside the budget', async () => {
    const yieldFn = vi.fn(async () => {});
    await chunked([1, 2, 3], () => {}, 1000, { yieldFn });
    expect(yieldFn).not.toHaveBeenCalled();
  });

  it('lets other tasks run between slices', async () => {
    const log: string[] = [];
    setTimeout(() => log.push('timer'), 0);
    await chunked(
      Array.from({ length: 50 }, (_, i) => i),
      (i) => {
        const until = performance.now() + 1;
        while (performance.now() < until);
        log.push(`item${i}`);
      },
      5,
      { yieldFn: () => new Promise((r) => setTimeout(r, 0)) },
    );
    const t = log.indexOf('timer');
    expect(t).toBeGreaterThan(0);
    expect(t).toBeLessThan(log.length - 1);
  });

  it('splits 200,000 items into many slices', async () => {
    const words = Array.from({ length: 200_000 }, (_, i) => `word${i}`);
    const stamps: number[] = [performance.now()];
    let acc = 0;
    await chunked(
      words,
      (w) => {
        acc += w.toUpperCase().length;
      },
      8,
      {
        yieldFn: async () => {
          stamps.push(performance.now());
          await new Promise((r) => setTimeout(r, 0));
          stamps.push(performance.now());
        },
      },
    );
    stamps.push(performance.now());
    // Many yields, not one long task; slice durations are measured by the benchmarks, not asserted here.
    expect(acc).toBeGreaterThan(0);
    expect(stamps.length).toBeGreaterThan(4);
  });

  it('rejects with the abort reason', async () => {
    const ac = new AbortController();
    const seen: number[] = [];
    const p = chunked([1, 2, 3, 4, 5], (x) => seen.push(x), 0, {
      signal: ac.signal,
      yieldFn: async () => ac.abort(new Error('cancelled')),
    });
    await expect(p).rejects.toThrow('cancelled');
    expect(seen).toEqual([1]);
  });

  it('rejects at once when already aborted', async () => {
    const fn = vi.fn();
    await expect(chunked([1], fn, 8, { signal: AbortSignal.abort() })).rejects.toBeDefined();
    expect(fn).not.toHaveBeenCalled();
  });
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
