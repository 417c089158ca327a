// What the highlighter registry and its painters share: the item a caller draws, the entry the
// registry keeps for it (its handle), and the one interface every drawing mode implements.

export type HighlighterMode = 'highlight-api' | 'wrap';

export interface HighlightItem {
  /** Unique per item; adding an id again replaces the earlier item. */
  id: string;
  range: Range;
  /** Style key: an entity type ("person") or any other key ("note-yellow"). */
  style: string;
  entityId?: string;
  /**
   * Wrap mode: the accessible description of its marks ("Your highlight: yellow"), so a screen
   * reader says what the highlight is. Never private text: anything in the page's DOM can be read
   * by the page's scripts.
   */
  label?: string;
}

/** One Highlight object of a style (highlight-api mode). */
export interface Shard {
  name: string;
  style: string;
  hl: Highlight;
  /** Ranges in hl (counted here: asking the Highlight is a DOM call). */
  size: number;
  /** Registered in CSS.highlights (painted), or filled but not yet shown. */
  shown: boolean;
}

/** What the registry keeps for a drawn item: the handle its painter filled in. */
export interface Entry {
  item: HighlightItem;
  /** wrap mode: the marks drawn for this item, in document order */
  marks: Element[];
  /** highlight-api mode: the part of its style's highlight that holds the range */
  shard: Shard | null;
}

export interface PaintOptions {
  /** highlight-api: fill, but do not show, the parts this call creates (see Highlighter.showNext). */
  defer?: boolean;
}

/** One drawing mode. The registry (lib/dom/highlighter.ts) owns the entries; a painter draws them. */
export interface Painter {
  readonly mode: HighlighterMode;
  /** Draws entries the registry just made (their ranges are drawable). */
  paint(entries: readonly Entry[], opts: PaintOptions): void;
  /** Undraws entries (wrap mode restores the page's DOM exactly). */
  erase(entries: readonly Entry[]): void;
  /** The range the entry covers now (wrap mode: around its marks), or null when nothing is left of it. */
  rangeOf(entry: Entry): Range | null;
  /** True when the page removed the entry's text. */
  gone(entry: Entry): boolean;
  /** highlight-api: registers one filled part; false when none is left. Wrap mode: always false. */
  showNext(): boolean;
  /** Parts filled but not shown yet. */
  readonly hidden: number;
  /** Forgets every part (after every entry was erased). */
  reset(): void;
  /** highlight-api: each CSS.highlights.set since the last reset, as [ranges, ms] (diagnostics for the benchmarks). */
  readonly registrations: readonly Registration[];
}

/** One CSS.highlights.set: the ranges the Highlight held, and the milliseconds the call took. */
export type Registration = readonly [ranges: number, ms: number];
