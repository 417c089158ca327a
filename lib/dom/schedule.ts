// Cooperative scheduling: long loops give the event loop back every few milliseconds
// so the page stays responsive (no task much longer than the budget).

interface SchedulerLike {
  yield?: () => Promise<void>;
}

let channel: MessageChannel | null = null;
const waiting: (() => void)[] = [];

function messageChannelYield(): Promise<void> | null {
  if (typeof MessageChannel !== 'function') return null;
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => {
      const resolve = waiting.shift();
      resolve?.();
    };
    // Node's MessagePort would keep the process alive; browsers have no unref.
    (channel.port1 as unknown as { unref?: () => void }).unref?.();
  }
  const ch = channel;
  return new Promise<void>((resolve) => {
    waiting.push(resolve);
    ch.port2.postMessage(null);
  });
}

/**
 * Gives the event loop a turn: scheduler.yield() where present (keeps our priority),
 * else a MessageChannel macrotask, else setTimeout(0).
 */
export function yieldToMain(): Promise<void> {
  const s = (globalThis as { scheduler?: SchedulerLike }).scheduler;
  if (s && typeof s.yield === 'function') return s.yield();
  return yieldTask();
}

/** Gives the event loop a turn as a new task (a MessageChannel message, else setTimeout(0)), so
 *  tasks from other sources (an extension message's reply) can run between two: for a loop that
 *  waits for such a reply (a scheduler.yield() continuation may run before them, every time). */
export function yieldTask(): Promise<void> {
  return messageChannelYield() ?? new Promise((resolve) => setTimeout(resolve, 0));
}

/** A time budget: tells a loop when to yield. */
export interface TimeSlice {
  /** True once the current slice has used its budget. */
  shouldYield(): boolean;
  /** Yields (and starts a new slice) only when the budget is spent. Throws if aborted. */
  maybeYield(): Promise<void>;
  /** Yields unconditionally and starts a new slice. Throws if aborted. */
  yield(): Promise<void>;
  /** Number of yields so far. */
  readonly yields: number;
}

export interface TimeSliceOptions {
  signal?: AbortSignal;
  /** Replaces yieldToMain (tests). */
  yieldFn?: () => Promise<void>;
  /** Replaces performance.now (tests). */
  now?: () => number;
}

export function timeSlice(budgetMs = 8, opts: TimeSliceOptions = {}): TimeSlice {
  const now = opts.now ?? (() => performance.now());
  const yieldFn = opts.yieldFn ?? yieldToMain;
  let start = now();
  let yields = 0;
  const doYield = async (): Promise<void> => {
    yields++;
    await yieldFn();
    opts.signal?.throwIfAborted();
    start = now();
  };
  return {
    shouldYield: () => now() - start >= budgetMs,
    async maybeYield() {
      if (now() - start >= budgetMs) await doYield();
    },
    yield: doYield,
    get yields() {
      return yields;
    },
  };
}
