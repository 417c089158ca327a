// When syncs run: soon after local changes (debounced), now on request, and again after a failure
// with exponential backoff. Timers are injected, so tests drive it with fake time.

import { backoffDelay } from './backoff';
import { HttpError, SyncError } from './errors';

export interface SchedulerDeps {
  run(): Promise<unknown>;
  now?: () => number;
  random?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export class SyncScheduler {
  private timer: unknown = null;
  private failures = 0;
  private retryAt: number | null = null;
  private inFlight: Promise<void> | null = null;

  constructor(private readonly deps: SchedulerDeps) {}

  private get now(): number {
    return (this.deps.now ?? Date.now)();
  }

  /** When the next retry after a failure runs (null when not backing off). */
  get nextRetryAt(): number | null {
    return this.retryAt;
  }

  get consecutiveFailures(): number {
    return this.failures;
  }

  private schedule(ms: number): void {
    if (this.timer !== null) (this.deps.clearTimer ?? clearTimeout)(this.timer as ReturnType<typeof setTimeout>);
    this.timer = (this.deps.setTimer ?? setTimeout)(() => {
      this.timer = null;
      void this.fire();
    }, ms);
  }

  /**
   * A local change: sync after `delayMs` of quiet (each call restarts the wait). While backing off
   * after failures, the retry time stands (a change does not hammer a failing server).
   */
  soon(delayMs = 2_000): void {
    if (this.retryAt !== null && this.timer !== null) return;
    this.schedule(delayMs);
  }

  /** A periodic tick (alarm): runs unless a retry is pending later. */
  tick(): Promise<void> {
    if (this.retryAt !== null && this.retryAt > this.now) return Promise.resolve();
    return this.fire();
  }

  /** Runs now (the user asked): resolves when that run is over, whatever its outcome. */
  runNow(): Promise<void> {
    return this.fire();
  }

  private fire(): Promise<void> {
    if (this.timer !== null) {
      (this.deps.clearTimer ?? clearTimeout)(this.timer as ReturnType<typeof setTimeout>);
      this.timer = null;
    }
    const run = (this.inFlight ?? Promise.resolve()).then(() => this.attempt());
    this.inFlight = run;
    void run.finally(() => {
      if (this.inFlight === run) this.inFlight = null;
    });
    return run;
  }

  private async attempt(): Promise<void> {
    try {
      await this.deps.run();
      this.failures = 0;
      this.retryAt = null;
    } catch (err) {
      const retryable = err instanceof SyncError ? err.retryable : true;
      if (!retryable) {
        this.failures = 0;
        this.retryAt = null;
        return;
      }
      this.failures++;
      const hinted = err instanceof HttpError ? (err.retryAfterMs ?? 0) : 0;
      const delay = Math.max(hinted, backoffDelay(this.failures, this.deps.random));
      this.retryAt = this.now + delay;
      this.schedule(delay);
    }
  }
}
