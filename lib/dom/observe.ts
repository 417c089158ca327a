// Watches the page for added, removed and edited content, in debounced batches.

import { OWN_UI_ATTR } from './collect';

export interface ObserveOptions {
  /** Quiet time before a batch is delivered. Default 150 ms. */
  debounceMs?: number;
  /** Longest a batch may wait under a steady stream of mutations. Default 1000 ms. */
  maxWaitMs?: number;
  signal?: AbortSignal;
  /** Extra filter: mutations in or of nodes for which this returns true are ignored. */
  ignore?: (node: Node) => boolean;
}

export interface MutationWatch {
  /** Delivers the pending batch now. */
  flush(): void;
  /**
   * Runs fn (e.g. wrap-mode highlighting) and drops the mutations it made.
   * Mutations queued before fn are kept.
   */
  ignoring<T>(fn: () => T): T;
  /** Stops observing and drops the pending batch (also done when the signal aborts). */
  disconnect(): void;
  /**
   * How many batches of page changes have been seen so far (ours, made inside ignoring(), and
   * the extension's own UI are not counted). Equal counts at two moments, both after a task
   * boundary, mean the page's content did not change in between.
   */
  readonly changes: number;
}

const OWN_SELECTOR = `[${OWN_UI_ATTR}]`;

/** True for the extension's own UI and anything inside it. */
export function isOwnUi(node: Node): boolean {
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return !!el && el.closest(OWN_SELECTOR) !== null;
}

/** Keeps only nodes none of whose ancestors (below root) is also in the set. */
function topmost(nodes: Set<Node>, root: Node): Node[] {
  const out: Node[] = [];
  for (const n of nodes) {
    let p = n.parentNode;
    let covered = false;
    while (p && p !== root) {
      if (nodes.has(p)) {
        covered = true;
        break;
      }
      p = p.parentNode;
    }
    if (!covered) out.push(n);
  }
  return out;
}

/**
 * Observes root's subtree. onRemoved gets nodes taken out of the page (and text nodes
 * whose content changed); onAdded gets the topmost newly added, still-connected nodes
 * (and edited text nodes). Within a batch, onRemoved runs before onAdded; a node added
 * and removed within one batch is reported to neither.
 */
export function observeMutations(
  root: Node,
  onAdded: (nodes: Node[]) => void,
  onRemoved: (nodes: Node[]) => void,
  opts: ObserveOptions = {},
): MutationWatch {
  const debounceMs = opts.debounceMs ?? 150;
  const maxWaitMs = Math.max(opts.maxWaitMs ?? 1000, debounceMs);
  const ignored = (n: Node): boolean => isOwnUi(n) || (opts.ignore?.(n) ?? false);

  let added = new Set<Node>();
  let removed = new Set<Node>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let firstPendingAt = 0;
  let stopped = false;
  let changes = 0;

  const take = (records: MutationRecord[]): void => {
    let any = false;
    for (const r of records) {
      if (ignored(r.target)) continue;
      if (r.type === 'characterData') {
        if (r.target.nodeType !== 3) continue;
        if (!added.has(r.target)) removed.add(r.target);
        added.add(r.target);
        any = true;
        continue;
      }
      if (r.type !== 'childList') continue;
      r.removedNodes.forEach((n) => {
        if (n.nodeType === 1 && (n as Element).hasAttribute(OWN_UI_ATTR)) return;
        if (opts.ignore?.(n)) return;
        if (added.has(n)) added.delete(n); // added in this batch: never reported
        else removed.add(n);
        any = true;
      });
      r.addedNodes.forEach((n) => {
        if (n.nodeType !== 1 && n.nodeType !== 3) return;
        if (ignored(n)) return;
        added.add(n);
        any = true;
      });
    }
    if (any) {
      changes++;
      schedule();
    }
  };

  const schedule = (): void => {
    if (stopped) return;
    const now = Date.now();
    if (timer === null) firstPendingAt = now;
    else clearTimeout(timer);
    const wait = Math.max(0, Math.min(debounceMs, firstPendingAt + maxWaitMs - now));
    timer = setTimeout(flush, wait);
  };

  const flush = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (stopped) return;
    take(observer.takeRecords());
    if (timer !== null) clearTimeout(timer);
    timer = null;
    const a = added;
    const r = removed;
    added = new Set();
    removed = new Set();
    const live = new Set<Node>();
    for (const n of a) {
      if (n.isConnected && root.contains(n) && !ignored(n)) live.add(n);
    }
    const removedList = [...r];
    const addedList = topmost(live, root);
    if (removedList.length) onRemoved(removedList);
    if (addedList.length) onAdded(addedList);
  };

  const observer = new MutationObserver(take);
  observer.observe(root, { childList: true, subtree: true, characterData: true });

  const disconnect = (): void => {
    if (stopped) return;
    stopped = true;
    live.delete(watch);
    observer.disconnect();
    if (timer !== null) clearTimeout(timer);
    timer = null;
    added.clear();
    removed.clear();
  };


  const watch: MutationWatch = {
    flush,
    disconnect,
    get changes() {
      return changes;
    },
    ignoring<T>(fn: () => T): T {
      if (!stopped) take(observer.takeRecords());
      try {
        return fn();
      } finally {
        if (!stopped) observer.takeRecords();
      }
    },
  };
  live.add(watch);
  if (opts.signal) {
    if (opts.signal.aborted) disconnect();
    else opts.signal.addEventListener('abort', disconnect, { once: true });
  }
  return watch;
}

/** Every watch not disconnected yet. */
const live = new Set<MutationWatch>();

/**
 * Runs fn with every live watch ignoring what it changes (MutationWatch.ignoring for all): for
 * drawing that another watcher of the page must not take for a page change (wrap-mode entity
 * marks change no text, and the notes' marks and offsets survive them).
 */
export function quietly<T>(fn: () => T): T {
  let run = fn;
  for (const w of live) {
    const inner = run;
    run = () => w.ignoring(inner);
  }
  return run();
}
