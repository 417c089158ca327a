// Which drawn entries lie under a viewport point: the marks there (wrap mode), or the ranges
// CSS.highlights.highlightsFromPoint reports (highlight-api), else a caret and geometry test.

import { MARK_TAG } from './highlight-styles';
import type { HighlightHitResult, RegistryWithHitTest } from './paint-highlight-api';
import type { Entry } from './paint';

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

/** Wrap mode: the entries of the marks under (x, y), innermost first. */
export function marksAt(doc: Document, x: number, y: number, byMark: WeakMap<Element, Entry>): Set<Entry> {
  const found = new Set<Entry>();
  const hit = doc.elementFromPoint?.(x, y) ?? null;
  let m = hit?.closest(MARK_TAG) ?? null;
  while (m) {
    const e = byMark.get(m);
    if (e) found.add(e);
    m = m.parentElement?.closest(MARK_TAG) ?? null;
  }
  return found;
}

/** highlight-api: the entries whose ranges are painted under (x, y). */
export function rangesAt(
  doc: Document,
  x: number,
  y: number,
  registry: RegistryWithHitTest,
  byRange: ReadonlyMap<AbstractRange, Entry>,
): Set<Entry> {
  const found = new Set<Entry>();
  if (typeof registry.highlightsFromPoint === 'function') {
    try {
      for (const res of registry.highlightsFromPoint(x, y)) {
        const r = res as Partial<HighlightHitResult>;
        if (Array.isArray(r.ranges)) {
          for (const range of r.ranges) {
            const e = byRange.get(range);
            if (e) found.add(e);
          }
        } else {
          // older shape: a Highlight; test its ranges geometrically
          (res as Highlight).forEach((range) => {
            const e = byRange.get(range);
            if (e && rangeContainsPoint(range, x, y)) found.add(e);
          });
        }
      }
      return found;
    } catch {
      found.clear();
    }
  }
  const caret = caretAt(doc, x, y);
  for (const [range, e] of byRange) {
    const r = range as Range;
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
  return found;
}
