// The wrap painter (no Highlight API, or accessible mode): each piece of text an item covers is
// wrapped in a <csto-lens-mark role="mark"> element; erasing restores the page's DOM exactly
// (the text nodes it split are merged back).

import { cssIdent } from './guard';
import { MARK_TAG } from './highlight-styles';
import type { Entry, Painter } from './paint';

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

export class WrapPainter implements Painter {
  readonly mode = 'wrap' as const;
  readonly registrations = [] as const;
  /** Text nodes we created by splitting; merged back on removal. */
  private readonly splits = new WeakSet<Text>();
  /** Which entry each mark belongs to (hit-testing). */
  readonly byMark = new WeakMap<Element, Entry>();

  constructor(private readonly document: Document) {}

  paint(entries: readonly Entry[]): void {
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
          const item = p.entry.item;
          m.setAttribute('data-type', cssIdent(item.style));
          if (item.entityId !== undefined) m.setAttribute('data-entity-id', item.entityId);
          m.setAttribute('role', 'mark');
          if (item.label) m.setAttribute('aria-description', item.label);
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
      // A mention is reachable by keyboard through its first mark (lib/page/keyboard.ts: one of them in the tab order).
      if (e.item.entityId !== undefined) e.marks[0]?.setAttribute('tabindex', '-1');
    }
  }

  erase(entries: readonly Entry[]): void {
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

  /** A range around the entry's marks: made when asked, so it is never one the page's changes left behind. */
  rangeOf(entry: Entry): Range | null {
    const first = entry.marks[0];
    const last = entry.marks[entry.marks.length - 1];
    if (!first || !last || !first.isConnected || !last.isConnected) return null;
    const r = this.document.createRange();
    r.setStartBefore(first);
    r.setEndAfter(last);
    return r;
  }

  gone(entry: Entry): boolean {
    return entry.marks.every((m) => !m.isConnected);
  }

  showNext(): boolean {
    return false;
  }

  get hidden(): number {
    return 0;
  }

  reset(): void {}

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
}
