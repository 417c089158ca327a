// Draws highlights over page text.
//
// 'highlight-api' mode (default where supported) paints Ranges with the CSS Custom
// Highlight API and never touches the page DOM. 'wrap' mode (fallback, or for
// assistive technology) wraps each piece of text in <csto-lens-mark> elements and
// restores the original DOM exactly on removal.

import { cssIdent, isDrawable } from './guard';
import { MARK_TAG, shardName, StyleInjector } from './highlight-styles';

export { BASE_CSS, buildCss, HIGHLIGHT_PREFIX, highlightName, MARK_TAG, shardName, STYLE_PALETTE, styleCss, StyleInjector } from './highlight-styles';

export type HighlighterMode = 'highlight-api' | 'wrap';

export interface HighlightItem {
  /** Unique per item; adding an id again replaces the earlier item. */
  id: string;
  range: Range;
  /** Style key: an entity type ("person") or any other key ("note-yellow"). */
  style: string;
  entityId?: string;
}

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
}

// ---------------------------------------------------------------------------
// Environment

/** Result of highlightsFromPoint (not yet in TypeScript's DOM lib). */
interface HighlightHitResult {
  highlight: Highlight;
  ranges: AbstractRange[];
}
type RegistryWithHitTest = HighlightRegistry & {
  highlightsFromPoint?: (x: number, y: number, options?: unknown) => (HighlightHitResult | Highlight)[];
};
interface HighlightEnv {
  registry: RegistryWithHitTest;
  Highlight: typeof Highlight;
}
interface HighlightGlobals {
  CSS?: { highlights?: HighlightRegistry };
  Highlight?: typeof Highlight;
}

function highlightEnv(doc: Document): HighlightEnv | null {
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

// ---------------------------------------------------------------------------
// Highlighter

interface Entry {
  item: HighlightItem;
  /** wrap mode: the marks drawn for this item, in document order */
  marks: Element[];
  /** highlight-api mode: the part of its style's highlight that holds the range */
  shard: Shard | null;
}

/** One Highlight object of a style (highlight-api mode). */
interface Shard {
  name: string;
  style: string;
  hl: Highlight;
  /** Ranges in hl (counted here: asking the Highlight is a DOM call). */
  size: number;
  /** Registered in CSS.highlights (painted), or filled but not yet shown. */
  shown: boolean;
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

export interface AddOptions {
  /**
   * Fill, but do not show, the highlight parts this call creates: they are shown by showNext()
   * (or the next add without defer). For drawing a page's worth in slices.
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

/** Text inside these is never wrapped (it is not rendered as text, or is not ours). */
const NO_WRAP = 'script,style,noscript,template,textarea,title,select,option,svg,math,[data-csto-lens]';
/** Whitespace directly inside these is formatting, not text; never wrap it. */
const STRUCTURAL = new Set([
  'html', 'head', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'colgroup', 'ul', 'ol', 'dl', 'select', 'optgroup', 'datalist',
]);

interface Piece {
  node: Text;
  s: number;
  e: number;
  entry: Entry;
}

/** Text nodes a range covers, with the covered part of each. */
function piecesOf(range: Range, entry: Entry): Piece[] {
  const out: Piece[] = [];
  const sc = range.startContainer;
  const ec = range.endContainer;
  const push = (node: Text, s: number, e: number): void => {
    if (e <= s) return;
    const parent = node.parentElement;
    if (!parent || parent.closest(NO_WRAP)) return;
    if (STRUCTURAL.has(parent.localName) && !/\S/.test(node.data.slice(s, e))) return;
    out.push({ node, s, e, entry });
  };
  if (sc === ec && sc.nodeType === 3) {
    push(sc as Text, range.startOffset, range.endOffset);
    return out;
  }
  const root = range.commonAncestorContainer;
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, 4 /* SHOW_TEXT */);
  let n: Node | null = root.nodeType === 3 ? root : walker.nextNode();
  for (; n; n = walker.nextNode()) {
    const t = n as Text;
    if (range.comparePoint(t, 0) > 0) break; // starts after the range
    if (range.comparePoint(t, t.length) < 0) continue; // ends before the range
    const s = t === sc ? range.startOffset : 0;
    const e = t === ec ? range.endOffset : t.length;
    push(t, s, e);
  }
  return out;
}

type Caret = { node: Node; offset: number };

function caretAt(doc: Document, x: number, y: number): Caret | null {
  const d = doc as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
    caretRangeFromPoint?: (x: number, y: number) => Range | null;
  };
  if (typeof d.caretPositionFromPoint === 'function') {
    const p = d.caretPositionFromPoint(x, y);
    return p ? { node: p.offsetNode, offset: p.offset } : null;
  }
  if (typeof d.caretRangeFromPoint === 'function') {
    const r = d.caretRangeFromPoint(x, y);
    return r ? { node: r.startContainer, offset: r.startOffset } : null;
  }
  return null;
}

function rangeContainsPoint(range: AbstractRange, x: number, y: number): boolean {
  const r = range as Range;
  if (typeof r.getClientRects !== 'function') return false;
  for (const rect of Array.from(r.getClientRects())) {
    if (x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom) return true;
  }
  return false;
}

export class Highlighter {
  readonly mode: HighlighterMode;
  readonly document: Document;
  private readonly env: HighlightEnv | null;
  private readonly byId = new Map<string, Entry>();
  private readonly byRange = new Map<AbstractRange, Entry>();
  private readonly byMark = new WeakMap<Element, Entry>();
  /** highlight-api mode: each style's highlight parts, and the parts not shown yet. */
  private readonly shards = new Map<string, Shard[]>();
  private pending: Shard[] = [];
  /** Text nodes we created by splitting (wrap mode); merged back on removal. */
  private readonly splits = new WeakSet<Text>();
  private readonly priorities: Record<string, number>;
  private styles: StyleInjector | null = null;
  private readonly stylesLater: boolean;

  constructor(opts: HighlighterOptions = {}) {
    this.document = opts.document ?? document;
    this.env = highlightEnv(this.document);
    this.mode = opts.mode ?? (this.env ? 'highlight-api' : 'wrap');
    if (this.mode === 'highlight-api' && !this.env) {
      throw new Error('CSS Custom Highlight API is not available');
    }
    this.priorities = opts.priorities ?? {};
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
    for (const it of items) {
      if (!opts.checked && !isDrawable(it.range)) continue;
      if (this.byId.has(it.id)) {
        // duplicate id within items: the later one wins
        this.removeIds(new Set([it.id]));
        duplicates = true;
      }
      // The caller's item is kept as it is, unless its range is drawn already (a copy then).
      const item = this.byRange.has(it.range) ? { ...it, range: it.range.cloneRange() } : it;
      const range = item.range;
      const entry: Entry = { item, marks: this.mode === 'wrap' ? [] : NO_MARKS, shard: null };
      this.byId.set(it.id, entry);
      this.byRange.set(range, entry);
      if (it.style !== lastStyle) {
        this.stylesheet()?.ensure(it.style);
        lastStyle = it.style;
      }
      fresh.push(entry);
    }
    const live = duplicates ? fresh.filter((e) => this.byId.get(e.item.id) === e) : fresh;
    if (this.mode === 'highlight-api') {
      let shard: Shard | null = null;
      for (const e of live) {
        // Runs of one style fill the same part until it is full.
        if (!shard || shard.size >= SHARD_RANGES || shard.style !== e.item.style) shard = this.shardFor(e.item.style);
        shard.hl.add(e.item.range);
        shard.size++;
        e.shard = shard;
      }
      if (!opts.defer) while (this.showNext());
    } else if (live.length) {
      this.wrap(live);
      this.reindexRanges();
    }
    return live.length;
  }

  /**
   * Shows (registers in CSS.highlights) one highlight part that add({defer: true}) filled.
   * False when none is left.
   */
  showNext(): boolean {
    const shard = this.pending.shift();
    if (!shard) return false;
    shard.shown = true;
    this.env?.registry.set(shard.name, shard.hl);
    return true;
  }

  /** Highlight parts filled but not shown yet. */
  get hidden(): number {
    return this.pending.length;
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
    if (this.env) {
      for (const list of this.shards.values()) {
        for (const shard of list) if (this.env.registry.get(shard.name) === shard.hl) this.env.registry.delete(shard.name);
      }
    }
    this.shards.clear();
    this.pending = [];
  }

  /** The stylesheet; made now if it was to come with the first item. */
  private stylesheet(): StyleInjector | null {
    if (!this.styles && this.stylesLater) this.styles = new StyleInjector(this.document);
    return this.styles;
  }

  /** clear() and remove the stylesheet. */
  destroy(): void {
    this.clear();
    this.styles?.remove();
    this.styles = null;
  }

  /** Drops items whose text the page removed. Returns how many. */
  prune(): number {
    return this.removeWhere((it) => {
      if (this.mode === 'wrap') {
        const e = this.byId.get(it.id);
        return !e || e.marks.every((m) => !m.isConnected);
      }
      return !isDrawable(it.range);
    });
  }

  items(): HighlightItem[] {
    return [...this.byId.values()].map((e) => e.item);
  }

  get(id: string): HighlightItem | undefined {
    return this.byId.get(id)?.item;
  }

  get size(): number {
    return this.byId.size;
  }

  /** Ranges drawn with a style key. */
  rangesFor(style: string): Range[] {
    const out: Range[] = [];
    for (const e of this.byId.values()) if (e.item.style === style) out.push(e.item.range);
    return out;
  }

  /** The item drawn for a range (as registered in CSS.highlights). */
  itemForRange(range: AbstractRange): HighlightItem | undefined {
    return this.byRange.get(range)?.item;
  }

  entityIdOf(range: AbstractRange): string | undefined {
    return this.byRange.get(range)?.item.entityId;
  }

  /** wrap mode: the marks of an item. */
  marksOf(id: string): Element[] {
    return [...(this.byId.get(id)?.marks ?? [])];
  }

  /** Items drawn at viewport point (x, y), most specific (shortest) first. */
  itemsAt(x: number, y: number): HighlightItem[] {
    const found = new Set<Entry>();
    if (this.mode === 'wrap') {
      const hit = this.document.elementFromPoint?.(x, y) ?? null;
      let m = hit?.closest(MARK_TAG) ?? null;
      while (m) {
        const e = this.byMark.get(m);
        if (e) found.add(e);
        m = m.parentElement?.closest(MARK_TAG) ?? null;
      }
    } else {
      const registry = this.env?.registry;
      let handled = false;
      if (registry && typeof registry.highlightsFromPoint === 'function') {
        try {
          for (const res of registry.highlightsFromPoint(x, y)) {
            const r = res as Partial<HighlightHitResult>;
            if (Array.isArray(r.ranges)) {
              for (const range of r.ranges) {
                const e = this.byRange.get(range);
                if (e) found.add(e);
              }
            } else {
              // older shape: a Highlight; test its ranges geometrically
              (res as Highlight).forEach((range) => {
                const e = this.byRange.get(range);
                if (e && rangeContainsPoint(range, x, y)) found.add(e);
              });
            }
          }
          handled = true;
        } catch {
          handled = false;
        }
      }
      if (!handled) {
        const caret = caretAt(this.document, x, y);
        for (const e of this.byId.values()) {
          const r = e.item.range;
          if (caret) {
            let inside = false;
            try {
              inside = r.isPointInRange(caret.node, caret.offset);
            } catch {
              inside = false;
            }
            if (!inside) continue;
          }
          if (rangeContainsPoint(r, x, y)) found.add(e);
        }
      }
    }
    return [...found]
      .sort((a, b) => a.item.range.toString().length - b.item.range.toString().length)
      .map((e) => e.item);
  }

  // -- highlight-api ---------------------------------------------------------

  /** The part of style's highlight that takes the next range (a new one, not shown, when the last is full). */
  private shardFor(style: string): Shard {
    let list = this.shards.get(style);
    if (!list) this.shards.set(style, (list = []));
    const last = list[list.length - 1];
    if (last && last.size < SHARD_RANGES) return last;
    const env = this.env!;
    const hl = new env.Highlight();
    hl.priority = this.priorities[style] ?? (style.startsWith('note') ? 10 : 0);
    const shard: Shard = { name: shardName(style, list.length), style, hl, size: 0, shown: false };
    list.push(shard);
    if (list.length > 1) this.stylesheet()?.ensureShards(style, list.length);
    this.pending.push(shard);
    return shard;
  }

  // -- common removal --------------------------------------------------------

  private removeIds(ids: Set<string>): number {
    const entries: Entry[] = [];
    for (const id of ids) {
      const e = this.byId.get(id);
      if (!e) continue;
      entries.push(e);
      this.byId.delete(id);
      this.byRange.delete(e.item.range);
    }
    if (!entries.length) return 0;
    if (this.mode === 'highlight-api') {
      for (const e of entries) {
        const shard = e.shard;
        if (shard && shard.hl.delete(e.item.range)) shard.size--;
        e.shard = null;
      }
    } else {
      this.unwrap(entries);
      this.reindexRanges();
    }
    return entries.length;
  }

  // -- wrap mode -------------------------------------------------------------

  private wrap(entries: Entry[]): void {
    const doc = this.document;
    // 1. Read every piece before changing anything.
    const perNode = new Map<Text, Piece[]>();
    for (const entry of entries) {
      for (const p of piecesOf(entry.item.range, entry)) {
        const list = perNode.get(p.node);
        if (list) list.push(p);
        else perNode.set(p.node, [p]);
      }
    }
    // 2. Per text node: split at every piece boundary, wrap each covered segment.
    for (const [node, pieces] of perNode) {
      const cuts = new Set<number>();
      for (const p of pieces) {
        cuts.add(p.s);
        cuts.add(p.e);
      }
      const len = node.length;
      const bounds = [...cuts].filter((c) => c > 0 && c < len).sort((a, b) => a - b);
      const segs: Text[] = [node];
      // Split right to left so the original node keeps the first segment.
      for (let k = bounds.length - 1; k >= 0; k--) {
        const right = node.splitText(bounds[k] as number);
        this.splits.add(right);
        segs.splice(1, 0, right);
      }
      const edges = [0, ...bounds, len];
      segs.forEach((seg, k) => {
        const a = edges[k] as number;
        const b = edges[k + 1] as number;
        const covering = pieces.filter((p) => p.s <= a && p.e >= b);
        if (!covering.length) return;
        const parent = seg.parentNode;
        if (!parent) return;
        let outer: Element | null = null;
        let inner: Element | null = null;
        for (const p of covering) {
          const m = doc.createElement(MARK_TAG);
          m.setAttribute('data-type', cssIdent(p.entry.item.style));
          if (p.entry.item.entityId !== undefined) m.setAttribute('data-entity-id', p.entry.item.entityId);
          m.setAttribute('role', 'mark');
          this.byMark.set(m, p.entry);
          p.entry.marks.push(m);
          if (inner) inner.appendChild(m);
          else outer = m;
          inner = m;
        }
        parent.insertBefore(outer!, seg);
        inner!.appendChild(seg);
      });
    }
    // Marks of each entry in document order.
    for (const e of entries) {
      e.marks.sort((a, b) => (a === b ? 0 : a.compareDocumentPosition(b) & 4 ? -1 : 1));
    }
  }

  private unwrap(entries: Entry[]): void {
    const parents = new Set<Node>();
    const dropped = new Set<Element>();
    for (const e of entries) {
      for (const m of e.marks) {
        dropped.add(m);
        const parent = m.parentNode;
        if (!parent) continue;
        while (m.firstChild) parent.insertBefore(m.firstChild, m);
        parent.removeChild(m);
        parents.add(parent);
      }
      e.marks = [];
    }
    for (const p of parents) {
      if (p.nodeType === 1 && dropped.has(p as Element)) continue;
      this.mergeSplits(p);
    }
  }

  /** Merges text nodes we split off back into their left neighbours. */
  private mergeSplits(parent: Node): void {
    let c = parent.firstChild;
    while (c) {
      const next = c.nextSibling;
      if (c.nodeType === 3 && this.splits.has(c as Text)) {
        const prev = c.previousSibling;
        if (prev && prev.nodeType === 3) {
          (prev as Text).appendData((c as Text).data);
          this.splits.delete(c as Text);
          parent.removeChild(c);
        }
      }
      c = next;
    }
  }

  /** wrap mode: each item's range spans its marks. */
  private reindexRanges(): void {
    this.byRange.clear();
    for (const e of this.byId.values()) {
      const first = e.marks[0];
      const last = e.marks[e.marks.length - 1];
      if (first && last && first.isConnected && last.isConnected) {
        const r = this.document.createRange();
        r.setStartBefore(first);
        r.setEndAfter(last);
        e.item = { ...e.item, range: r };
      }
      this.byRange.set(e.item.range, e);
    }
  }
}
