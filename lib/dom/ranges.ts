// Maps offsets in a TextIndex to DOM Ranges and back.

import type { TextIndex } from './collect';

/** Index of the last entry of sorted a that is <= x (or < x when strict); -1 if none. */
function lastAtMost(a: readonly number[], x: number, strict: boolean): number {
  let lo = 0;
  let hi = a.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = a[mid] as number;
    if (strict ? v < x : v <= x) {
      ans = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return ans;
}

/** True when node still holds, at its recorded start, the text the index saw. */
function fresh(index: TextIndex, i: number, needed: number): boolean {
  const node = index.nodes[i];
  const start = index.starts[i];
  if (!node || start === undefined) return false;
  if (node.length < needed) return false;
  return index.text.startsWith(node.data, start);
}

/**
 * A Range covering text[start, end). Boundaries that fall in a separator move to the
 * nearest text inside the span. Null when the span holds no node text, is out of
 * bounds, or the nodes it needs changed since the index was built.
 */
export function rangeFromOffsets(index: TextIndex, start: number, end: number): Range | null {
  const { nodes, starts, text } = index;
  if (!(start >= 0 && end <= text.length && start < end) || nodes.length === 0) return null;

  let si = lastAtMost(starts, start, false);
  let so: number;
  if (si < 0) {
    si = 0;
    so = 0;
  } else {
    so = start - (starts[si] as number);
    const len = (nodes[si] as Text).length;
    if (so >= len) {
      // start sits in a separator after node si
      si++;
      so = 0;
    }
  }
  const ei = lastAtMost(starts, end, true);
  if (ei < si || si >= nodes.length) return null;
  const eNode = nodes[ei] as Text;
  const sNode = nodes[si] as Text;
  const eo = Math.min(end - (starts[ei] as number), eNode.length);
  if (si === ei && eo <= so) return null;
  if (!fresh(index, si, so + 1) || !fresh(index, ei, eo)) return null;

  const doc = sNode.ownerDocument;
  const range = doc.createRange();
  try {
    range.setStart(sNode, so);
    range.setEnd(eNode, eo);
  } catch {
    return null;
  }
  if (range.collapsed) return null;
  return range;
}

const positions = new WeakMap<TextIndex, Map<Node, number>>();

function positionOf(index: TextIndex, node: Node): number | undefined {
  let m = positions.get(index);
  if (!m) {
    m = new Map();
    index.nodes.forEach((n, i) => m!.set(n, i));
    positions.set(index, m);
  }
  return m.get(node);
}

/** First node index whose start point is at or after the boundary point (node, offset). */
function firstNodeAfter(index: TextIndex, probe: Range): number {
  let lo = 0;
  let hi = index.nodes.length; // answer in [0, n]
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    // comparePoint: -1 before probe, 0 at it, 1 after it
    if (probe.comparePoint(index.nodes[mid] as Text, 0) >= 0) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Text offset of one boundary point. For start points round forward, end points backward. */
function offsetOf(index: TextIndex, node: Node, offset: number, isEnd: boolean): number | null {
  const i = positionOf(index, node);
  if (i !== undefined) return (index.starts[i] as number) + Math.min(offset, (node as Text).length);
  const doc = node.ownerDocument ?? (node as Document);
  const probe = doc.createRange();
  try {
    probe.setStart(node, offset);
  } catch {
    return null;
  }
  const j = firstNodeAfter(index, probe);
  const prev = j - 1;
  if (isEnd) {
    if (prev < 0) return 0;
    const pn = index.nodes[prev] as Text;
    return (index.starts[prev] as number) + pn.length;
  }
  return j < index.nodes.length ? (index.starts[j] as number) : index.text.length;
}

/**
 * Offsets in index.text of the text a Range covers: the inverse of rangeFromOffsets.
 * Boundary points in elements or in unindexed text snap inward to indexed text.
 * Null when a non-collapsed range covers no indexed text; a collapsed range maps to a
 * caret position { start: o, end: o }.
 */
export function offsetsFromRange(
  index: TextIndex,
  range: AbstractRange,
): { start: number; end: number } | null {
  if (index.nodes.length === 0) return null;
  const start = offsetOf(index, range.startContainer, range.startOffset, false);
  const end = offsetOf(index, range.endContainer, range.endOffset, true);
  if (start === null || end === null || end < start) return null;
  if (end === start && !range.collapsed) return null;
  return { start, end };
}
