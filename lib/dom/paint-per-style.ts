// The CSS Custom Highlight API painter for Firefox: one Highlight object per style, however many
// ranges it holds, registered largest first.
//
// Why (measured, issue 13): in Firefox, registering a Highlight costs about 2 us a range times the
// number of Highlights registered at that moment (nsFrameSelection looks every range up in every
// highlight selection), wherever their ranges lie. 10,229 ranges: one Highlight 22 ms, the same
// ranges in 9 Highlights 145-200 ms; a page's worth in 1,024-range parts (HighlightApiPainter,
// which Chromium needs) costs Firefox the most. So here the parts are as few as the styles:
// what is drawn at once (the first screen, a scroll, a page's additions) goes into its style's
// registered Highlight; what is deferred waits in a plain Set (no DOM call) until showNext(),
// which registers every style's Highlight again, whole, the largest first, in one task.

import { isDrawable } from './guard';
import { shardName } from './highlight-styles';
import { timedSet, type HighlightEnv, type HighlightGrouping } from './paint-highlight-api';
import type { Entry, Painter, PaintOptions, Registration, Shard } from './paint';

/** One style's Highlight, and its ranges not shown yet. */
interface StyleGroup extends Shard {
  /** Every range of the style (shown or waiting): the Highlight is rebuilt from these, never read back. */
  readonly all: Set<Range>;
  /** Deferred ranges, not in hl yet. */
  readonly waiting: Set<Range>;
}

export class PerStylePainter implements Painter {
  readonly mode = 'highlight-api' as const;
  private readonly groups = new Map<string, StyleGroup>();
  private waitingCount = 0;
  readonly registrations: Registration[] = [];

  constructor(
    readonly env: HighlightEnv,
    private readonly priorities: Record<string, number>,
  ) {}

  paint(entries: readonly Entry[], opts: PaintOptions): void {
    let toShow: Set<StyleGroup> | null = null;
    let group: StyleGroup | null = null;
    for (const e of entries) {
      if (!group || group.style !== e.item.style) group = this.groupFor(e.item.style);
      const range = e.item.range;
      group.all.add(range);
      group.size = group.all.size;
      e.shard = group;
      if (opts.defer) {
        group.waiting.add(range);
        this.waitingCount++;
      } else {
        // Into the registered Highlight (Firefox adds the one range to its selection), or into one
        // registered below, at the end of this call.
        group.hl.add(range);
        if (!group.shown) (toShow ??= new Set()).add(group);
      }
    }
    if (toShow) {
      for (const g of toShow) {
        g.shown = true;
        timedSet(this.env.registry, g.name, g.hl, g.size, this.registrations);
      }
    }
  }

  erase(entries: readonly Entry[]): void {
    for (const e of entries) {
      const group = e.shard as StyleGroup | null;
      e.shard = null;
      if (!group) continue;
      const range = e.item.range;
      if (!group.all.delete(range)) continue;
      group.size = group.all.size;
      if (group.waiting.delete(range)) this.waitingCount--;
      else group.hl.delete(range);
    }
  }

  rangeOf(entry: Entry): Range | null {
    return entry.item.range;
  }

  gone(entry: Entry): boolean {
    return !isDrawable(entry.item.range);
  }

  /**
   * Shows every waiting range at once: each style's Highlight is built anew from all its ranges
   * and registered, the largest first (each registration costs its ranges times the Highlights
   * registered then). The old ones are unregistered first, in the same task, so nothing shown
   * ever disappears from a frame.
   */
  showNext(): boolean {
    if (this.waitingCount === 0) return false;
    const registry = this.env.registry;
    const groups = [...this.groups.values()].filter((g) => g.all.size > 0);
    for (const g of groups) if (g.shown && registry.get(g.name) === g.hl) registry.delete(g.name);
    groups.sort((a, b) => b.all.size - a.all.size);
    for (const g of groups) {
      const hl = new this.env.Highlight();
      hl.priority = g.hl.priority;
      for (const r of g.all) hl.add(r);
      g.hl = hl;
      g.waiting.clear();
      g.shown = true;
      timedSet(registry, g.name, hl, g.size, this.registrations);
    }
    this.waitingCount = 0;
    return true;
  }

  get hidden(): number {
    return this.waitingCount > 0 ? 1 : 0;
  }

  reset(): void {
    for (const g of this.groups.values()) if (this.env.registry.get(g.name) === g.hl) this.env.registry.delete(g.name);
    this.groups.clear();
    this.waitingCount = 0;
    this.registrations.length = 0;
  }

  private groupFor(style: string): StyleGroup {
    let g = this.groups.get(style);
    if (!g) {
      const hl = new this.env.Highlight();
      hl.priority = this.priorities[style] ?? (style.startsWith('note') ? 10 : 0);
      g = { name: shardName(style, 0), style, hl, size: 0, shown: false, all: new Set(), waiting: new Set() };
      this.groups.set(style, g);
    }
    return g;
  }
}

/** The grouping for Highlighter's options (Firefox). */
export const perStyle: HighlightGrouping = (env, priorities) => new PerStylePainter(env, priorities);
