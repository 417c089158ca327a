// Retry delays after failed syncs: exponential, capped, with jitter (half fixed, half random) so
// many devices that failed together do not retry together.

export const BACKOFF = { baseMs: 5_000, capMs: 30 * 60_000 } as const;

/** Delay before retry number `failures` (1 = after the first failure). */
export function backoffDelay(failures: number, random: () => number = Math.random, opts: { baseMs: number; capMs: number } = BACKOFF): number {
  const exp = Math.min(opts.capMs, opts.baseMs * 2 ** Math.max(0, Math.min(30, failures - 1)));
  return Math.round(exp / 2 + random() * (exp / 2));
}
