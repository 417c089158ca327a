// Draws highlights over page text: one registry of what is drawn, and one painter per mode.
//
// 'highlight-api' (default where supported, lib/dom/paint-highlight-api.ts) paints Ranges with
// the CSS Custom Highlight API and never touches the page DOM. 'wrap' (fallback, or for
// assistive technology, lib/dom/paint-wrap.ts) wraps each piece of text in <csto-lens-mark>
// elements and restores the original DOM exactly on removal. Hit-testing: lib/dom/hit-test.ts.
//
// One drawing method, add(); what the registry keeps is the item's handle: rangeOf(id) answers
// the range it covers *now*, so callers never keep (or patch) a Range of their own.

import { isDrawable } from './guard';
import { StyleInjector } from './highlight-styles';
import { marksAt, rangesAt } from './hit-test';
import type { Entry, HighlighterMode, HighlightItem, Painter, Registration } from './paint';
import { highlightEnv, HighlightApiPainter, type HighlightEnv, type HighlightGrouping } from './paint-highlight-api';
import { WrapPainter } from './paint-wrap';

export { BASE_CSS, buildCss, HIGHLIGHT_PREFIX, highlightName, MARK_TAG, shardName, STYLE_PALETTE, styleCss, StyleInjector } from './highlight-styles';
export { SHARD_RANGES, supportsHighlightApi } from './paint-highlight-api';
export type { HighlighterMode, HighlightItem } from './paint';

export interface HighlighterOptions {
  /** Default: 'highlight-api' when CSS.highlights exists, else 'wrap'. */
  mode?: HighlighterMode;
  document?: Document;
  /** Highlight priorities per style key (higher paints on top). Notes default to 10, others 0. */
  priorities?: Record<string, number>;
  /**
   * Install the stylesheet: now (true, the default), never (false), or with the first item drawn
   * ('on-first-add': a page that never gets one never restyles for it; the reader's own notes).
   */
  styles?: boolean | 'on-first-add';
  /**
   * highlight-api: how a style's ranges are split into Highlight objects. Default: parts of at
   * most SHARD_RANGES, shown a few at a time (Chromium rebuilds every marker when a shown one
   * changes). Firefox passes perStyle (lib/dom/paint-per-style.ts: its registration costs grow
   * with what is registered), a factory so that a build without it leaves its code out.
   */
  grouping?: HighlightGrouping;
}

export type { HighlightGrouping } from './paint-highlight-api';

export interface AddOptions {
  /**
   * Fill, but do not show, the highlights this call adds to: they are shown by showNext() (in
   * the default grouping also by the next add without defer). For drawing a page's worth in slices.
   */
  defer?: boolean;
  /**
   * The caller made every range in this same task from text nodes it found in the page and
   * unchanged (lib/dom/ranges.ts RangeMaker): the drawable check is skipped.
   */
  checked?: boolean;
}

/** The marks of every highlight-api entry (it has none): one frozen array, not one per entry. */
const NO_MARKS: Element[] = Object.freeze([]) as unknown as Element[];

export class Highlighter {
  readonly mode: HighlighterMode;
  readonly document: Document;
  private readonly env: HighlightEnv | null;
  private readonly painter: Painter;
  private readonly wrapPainter: WrapPainter | null = null;
  private readonly byId = new Map<string, Entry>();
  /** highlight-api: the registered range of each entry (hit-testing answers ranges). */
  private readonly byRange = new Map<AbstractRange, Entry>();
  private styles: StyleInjector | null = null;
  private readonly stylesLater: boolean;

  constructor(opts: HighlighterOptions = {}) {
    this.document = opts.document ?? document;
    this.env = highlightEnv(this.document);
    this.mode = opts.mode ?? (this.env ? 'highlight-api' : 'wrap');
    if (this.mode === 'highlight-api') {
      if (!this.env) throw new Error('CSS Custom Highlight API is not available');
      this.painter =
        opts.grouping
          ? opts.grouping(this.env, opts.priorities ?? {})
          : new HighlightApiPainter(this.env, opts.priorities ?? {}, (style, n) => this.stylesheet()?.ensureShards(style, n));
    } else {
      this.painter = this.wrapPainter = new WrapPainter(this.document);
    }
    this.stylesLater = opts.styles === 'on-first-add';
    if (opts.styles === true || opts.styles === undefined) this.styles = new StyleInjector(this.document);
  }

  /**
   * Draws items; items whose range is no longer drawable are skipped. Returns how many were
   * drawn. Linear in items: a page's worth is drawn by calling this on slices of it between
   * yields, with `defer` (then showNext() until false) so no single call does it all.
   */
  add(items: readonly HighlightItem[], opts: AddOptions = {}): number {
    let replaced: Set<string> | null = null;
    for (const it of items) if (this.byId.has(it.id)) (replaced ??= new Set()).add(it.id);
    if (replaced) this.removeIds(replaced);
    const fresh: Entry[] = [];
    let duplicates = false;
    let lastStyle: string | null = null;
    const wrap = this.mode === 'wrap';
    for (const it of items) {
      if (!opts.checked && !isDrawable(it.range)) continue;
      if (this.byId.has(it.id)) {
        // duplicate id within items: the later one wins
        this.removeIds(new Set([it.id]));
        duplicates = true;
      }
      // The caller's item is kept as it is, unless its range is drawn already (a copy then).
      const item = !wrap && this.byRange.has(it.range) ? { ...it, range: it.range.cloneRange() } : it;
      const entry: Entry = { item, marks: wrap ? [] : NO_MARKS, shard: null };
      this.byId.set(it.id, entry);
      if (!wrap) this.byRange.set(item.range, entry);
      if (it.style !== lastStyle) {
        this.stylesheet()?.ensure(it.style);
        lastStyle = it.style;
      }
      fresh.push(entry);
    }
    const live = duplicates ? fresh.filter((e) => this.byId.get(e.item.id) === e) : fresh;
    if (live.length) this.painter.paint(live, { defer: opts.defer });
    return live.length;
  }

  /**
   * Shows (registers in CSS.highlights) one highlight part that add({defer: true}) filled.
   * False when none is left.
   */
  showNext(): boolean {
    return this.painter.showNext();
  }

  /** highlight-api: each CSS.highlights.set since the last clear(), as [ranges, ms] (benchmark diagnostics). */
  get registrations(): readonly Registration[] {
    return this.painter.registrations;
  }

  /** Highlight parts filled but not shown yet. */
  get hidden(): number {
    return this.painter.hidden;
  }

  /** Removes items matching pred; returns how many. */
  removeWhere(pred: (item: HighlightItem) => boolean): number {
    const ids = new Set<string>();
    for (const [id, e] of this.byId) if (pred(e.item)) ids.add(id);
    return this.removeIds(ids);
  }

  /** Removes items by id; returns how many. */
  remove(ids: Iterable<string>): number {
    return this.removeIds(new Set(ids));
  }

  /** Removes every item (restoring the DOM in wrap mode). */
  clear(): void {
    this.removeIds(new Set(this.byId.keys()));
    this.painter.reset();
  }

  /** clear() and remove the stylesheet. */
  destroy(): void {
    this.clear();
    this.styles?.remove();
    this.styles = null;
  }

  /** Drops items whose text the page removed. Returns how many. */
  prune(): number {
    const ids = new Set<string>();
    for (const [id, e] of this.byId) if (this.painter.gone(e)) ids.add(id);
    return this.removeIds(ids);
  }

  /** Every item, each with the range it covers now. */
  items(): HighlightItem[] {
    return [...this.byId.keys()].map((id) => this.get(id)!);
  }

  /** The item, with the range it covers now (wrap mode: around its marks). */
  get(id: string): HighlightItem | undefined {
    const e = this.byId.get(id);
    if (!e) return undefined;
    if (this.mode !== 'wrap') return e.item;
    const range = this.painter.rangeOf(e);
    return range ? { ...e.item, range } : e.item;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** The range an item covers now, or null (not drawn, or nothing left of it). */
  rangeOf(id: string): Range | null {
    const e = this.byId.get(id);
    return e ? this.painter.rangeOf(e) : null;
  }

  get size(): number {
    return this.byId.size;
  }

  /** Ranges drawn with a style key. */
  rangesFor(style: string): Range[] {
    const out: Range[] = [];
    for (const e of this.byId.values()) {
      if (e.item.style !== style) continue;
      const r = this.painter.rangeOf(e);
      if (r) out.push(r);
    }
    return out;
  }

  /** highlight-api: the item drawn for a range (as registered in CSS.highlights). */
  entityIdOf(range: AbstractRange): string | undefined {
    return this.byRange.get(range)?.item.entityId;
  }

  /** wrap mode: the marks of an item. */
  marksOf(id: string): Element[] {
    return [...(this.byId.get(id)?.marks ?? [])];
  }

  /** Items drawn at viewport point (x, y), most specific (shortest) first. */
  itemsAt(x: number, y: number): HighlightItem[] {
    const found = this.wrapPainter
      ? marksAt(this.document, x, y, this.wrapPainter.byMark)
      : rangesAt(this.document, x, y, this.env!.registry, this.byRange);
    const live = [...found].filter((e) => this.byId.get(e.item.id) === e);
    const len = new Map(live.map((e) => [e, this.painter.rangeOf(e)?.toString().length ?? 0]));
    return live.sort((a, b) => len.get(a)! - len.get(b)!).map((e) => this.get(e.item.id)!);
  }

  /** The stylesheet; made now if it was to come with the first item. */
  private stylesheet(): StyleInjector | null {
    if (!this.styles && this.stylesLater) this.styles = new StyleInjector(this.document);
    return this.styles;
  }

  private removeIds(ids: Set<string>): number {
    const entries: Entry[] = [];
    for (const id of ids) {
      const e = this.byId.get(id);
      if (!e) continue;
      entries.push(e);
      this.byId.delete(id);
      this.byRange.delete(e.item.range);
    }
    if (entries.length) this.painter.erase(entries);
    return entries.length;
  }
}
