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

/** True when node i still holds the text the index saw (and, with lengths, no more). */
function unchanged(index: TextIndex, i: number): boolean {
  const node = index.nodes[i];
  const start = index.starts[i];
  if (!node || start === undefined) return false;
  const recorded = index.lengths?.[i];
  if (recorded !== undefined && node.length !== recorded) return false;
  return index.text.startsWith(node.data, start);
}

/** Length of node i as the index saw it (its current length for an index without lengths). */
function lengthAt(index: TextIndex, i: number): number {
  return index.lengths?.[i] ?? (index.nodes[i] as Text).length;
}

/**
 * The boundary points of text[start, end): [si, so, ei, eo] (node indexes and offsets), or
 * null when the span holds no node text or is out of bounds.
 */
function locate(index: TextIndex, start: number, end: number): [number, number, number, number] | null {
  const { nodes, starts, text } = index;
  if (!(start >= 0 && end <= text.length && start < end) || nodes.length === 0) return null;
  let si = lastAtMost(starts, start, false);
  let so: number;
  if (si < 0) {
    si = 0;
    so = 0;
  } else {
    so = start - (starts[si] as number);
    if (so >= lengthAt(index, si)) {
      // start sits in a separator after node si
      si++;
      so = 0;
    }
  }
  const ei = lastAtMost(starts, end, true);
  if (ei < si || si >= nodes.length) return null;
  const eo = Math.min(end - (starts[ei] as number), lengthAt(index, ei));
  if (si === ei && eo <= so) return null;
  return [si, so, ei, eo];
}

function makeRange(doc: Document, sNode: Text, so: number, eNode: Text, eo: number): Range | null {
  const range = doc.createRange();
  try {
    range.setStart(sNode, so);
    range.setEnd(eNode, eo);
  } catch {
    return null;
  }
  return range;
}

/** The text node holding text[offset] (or the last one starting before it), or null. */
export function nodeAt(index: TextIndex, offset: number): Text | null {
  const i = lastAtMost(index.starts, offset, false);
  return index.nodes[Math.max(0, i)] ?? null;
}

/**
 * A Range covering text[start, end). Boundaries that fall in a separator move to the
 * nearest text inside the span. Null when the span holds no node text, is out of
 * bounds, or the nodes it needs changed since the index was built.
 */
export function rangeFromOffsets(index: TextIndex, start: number, end: number): Range | null {
  const at = locate(index, start, end);
  if (!at) return null;
  const [si, so, ei, eo] = at;
  if (!unchanged(index, si) || (ei !== si && !unchanged(index, ei))) return null;
  const sNode = index.nodes[si] as Text;
  const range = makeRange(sNode.ownerDocument, sNode, so, index.nodes[ei] as Text, eo);
  return range && !range.collapsed ? range : null;
}

/**
 * rangeFromOffsets for many spans of one index, in one stretch of work: each node is checked
 * once (still in the page, same text as read) until reset(), instead of once per span. The
 * ranges it makes are drawable (connected, not collapsed) as long as the page has not run
 * since the check: call reset() after every yield to the event loop.
 */
export class RangeMaker {
  private readonly stamp: Int32Array;
  private readonly ok: Uint8Array;
  private epoch = 1;
  private doc: Document | null = null;
  /** The page is known not to have changed since the index was read: nodes need no check. */
  private quiet: boolean;

  /**
   * `unchangedSinceRead`: true when nothing in the page changed since the index was read (a
   * mutation observer's count); then a node is not read again to be compared, a check that
   * costs a copy of its text. Asked again at every reset().
   */
  constructor(
    readonly index: TextIndex,
    private readonly unchangedSinceRead: () => boolean = () => false,
  ) {
    this.stamp = new Int32Array(index.nodes.length);
    this.ok = new Uint8Array(index.nodes.length);
    this.quiet = unchangedSinceRead();
  }

  /** Forgets the node checks: the page may have changed since. */
  reset(): void {
    this.epoch++;
    this.quiet = this.unchangedSinceRead();
  }

  /** The Range of text[start, end), or null (see rangeFromOffsets; also null for nodes no longer in the page). */
  make(start: number, end: number): Range | null {
    const at = locate(this.index, start, end);
    if (!at) return null;
    const [si, so, ei, eo] = at;
    if (!this.check(si) || (ei !== si && !this.check(ei))) return null;
    const nodes = this.index.nodes;
    const sNode = nodes[si] as Text;
    this.doc ??= sNode.ownerDocument;
    // Never collapsed: locate() keeps at least one character of node si.
    return makeRange(this.doc, sNode, so, nodes[ei] as Text, eo);
  }

  private check(i: number): boolean {
    if (this.quiet) return true;
    if (this.stamp[i] === this.epoch) return this.ok[i] === 1;
    const good = unchanged(this.index, i) && (this.index.nodes[i] as Text).isConnected;
    this.stamp[i] = this.epoch;
    this.ok[i] = good ? 1 : 0;
    return good;
  }
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
