// The CSS Custom Highlight API painter: ranges go into Highlight objects registered in
// CSS.highlights; the page's DOM is never touched.

import { isDrawable } from './guard';
import { shardName } from './highlight-styles';
import type { Entry, Painter, PaintOptions, Registration, Shard } from './paint';

/** Result of highlightsFromPoint (not yet in TypeScript's DOM lib). */
export interface HighlightHitResult {
  highlight: Highlight;
  ranges: AbstractRange[];
}
export type RegistryWithHitTest = HighlightRegistry & {
  highlightsFromPoint?: (x: number, y: number, options?: unknown) => (HighlightHitResult | Highlight)[];
};
export interface HighlightEnv {
  registry: RegistryWithHitTest;
  Highlight: typeof Highlight;
}
interface HighlightGlobals {
  CSS?: { highlights?: HighlightRegistry };
  Highlight?: typeof Highlight;
}

/** Makes the painter that groups a Highlighter's ranges into Highlight objects. */
export type HighlightGrouping = (env: HighlightEnv, priorities: Record<string, number>) => Painter;

export function highlightEnv(doc: Document): HighlightEnv | null {
  for (const g of [doc.defaultView, globalThis] as (HighlightGlobals | null)[]) {
    const registry = g?.CSS?.highlights;
    const ctor = g?.Highlight;
    if (registry && typeof ctor === 'function') return { registry, Highlight: ctor };
  }
  return null;
}

/** True when the CSS Custom Highlight API is available for doc. */
export function supportsHighlightApi(doc: Document = document): boolean {
  return highlightEnv(doc) !== null;
}

/**
 * Most ranges one Highlight object holds. Registering a Highlight costs time in proportion to
 * its ranges, in one call (Firefox, from a content script: ~10 us each), and any change to a
 * registered one makes Chromium rebuild every highlight's markers at the next frame: a page's
 * worth of ranges is filled into unregistered parts of this size, which are then shown a few at
 * a time between yields. (Smaller parts cost Firefox more in all: 128 ranges a part tripled its
 * registration time; 4,096 makes one registration a ~45 ms task.)
 */
export const SHARD_RANGES = 1024;

/** registry.set(name, hl), timed into log as [ranges, ms]. */
export function timedSet(registry: HighlightRegistry, name: string, hl: Highlight, ranges: number, log: Registration[]): void {
  const t0 = performance.now();
  registry.set(name, hl);
  log.push([ranges, performance.now() - t0]);
}

export class HighlightApiPainter implements Painter {
  readonly mode = 'highlight-api' as const;
  /** Each style's highlight parts, and the parts not shown yet. */
  private readonly shards = new Map<string, Shard[]>();
  private pending: Shard[] = [];
  readonly registrations: Registration[] = [];

  constructor(
    readonly env: HighlightEnv,
    private readonly priorities: Record<string, number>,
    /** A style now has n parts (each needs its ::highlight() rule). */
    private readonly onShards: (style: string, n: number) => void,
  ) {}

  paint(entries: readonly Entry[], opts: PaintOptions): void {
    let shard: Shard | null = null;
    for (const e of entries) {
      // Runs of one style fill the same part until it is full.
      if (!shard || shard.size >= SHARD_RANGES || shard.style !== e.item.style) shard = this.shardFor(e.item.style);
      shard.hl.add(e.item.range);
      shard.size++;
      e.shard = shard;
    }
    if (!opts.defer) while (this.showNext());
  }

  erase(entries: readonly Entry[]): void {
    for (const e of entries) {
      const shard = e.shard;
      if (shard && shard.hl.delete(e.item.range)) shard.size--;
      e.shard = null;
    }
  }

  rangeOf(entry: Entry): Range | null {
    return entry.item.range;
  }

  gone(entry: Entry): boolean {
    return !isDrawable(entry.item.range);
  }

  showNext(): boolean {
    const shard = this.pending.shift();
    if (!shard) return false;
    shard.shown = true;
    timedSet(this.env.registry, shard.name, shard.hl, shard.size, this.registrations);
    return true;
  }

  get hidden(): number {
    return this.pending.length;
  }

  reset(): void {
    for (const list of this.shards.values()) {
      for (const shard of list) if (this.env.registry.get(shard.name) === shard.hl) this.env.registry.delete(shard.name);
    }
    this.shards.clear();
    this.pending = [];
    this.registrations.length = 0;
  }

  /** The part of style's highlight that takes the next range (a new one, not shown, when the last is full). */
  private shardFor(style: string): Shard {
    let list = this.shards.get(style);
    if (!list) this.shards.set(style, (list = []));
    const last = list[list.length - 1];
    // A part shown already is not added to (any change to a shown one costs a repaint of all).
    if (last && last.size < SHARD_RANGES && !last.shown) return last;
    const hl = new this.env.Highlight();
    hl.priority = this.priorities[style] ?? (style.startsWith('note') ? 10 : 0);
    const shard: Shard = { name: shardName(style, list.length), style, hl, size: 0, shown: false };
    list.push(shard);
    if (list.length > 1) this.onShards(style, list.length);
    this.pending.push(shard);
    return shard;
  }
}
