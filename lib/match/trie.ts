// A static trie over UTF-16 code units, built in one pass from sorted keys and stored in
// flat typed arrays (compressed sparse rows): node i's children are the edges
// childStart[i] .. childStart[i+1]-1, sorted by code unit. About 14 bytes per node.

export interface Trie {
  readonly nodeCount: number;
  readonly childStart: Int32Array;
  readonly edgeChar: Uint16Array;
  readonly edgeNode: Int32Array;
  /** For a node that ends keys: the index of its first key in sorted order; else -1. */
  readonly termStart: Int32Array;
  readonly termCount: Int32Array;
}

/** Keys must already be sorted by code unit (the default string sort); equal keys adjacent. */
export function buildTrie(sortedKeys: readonly string[]): Trie {
  let total = 1;
  for (const k of sortedKeys) total += k.length;
  const parent = new Int32Array(total);
  const char = new Uint16Array(total);
  const termStart = new Int32Array(total).fill(-1);
  const termCount = new Int32Array(total);
  const path: number[] = [0];
  let nodes = 1;
  let prev = '';
  for (let idx = 0; idx < sortedKeys.length; idx++) {
    const key = sortedKeys[idx]!;
    let lcp = 0;
    const max = Math.min(prev.length, key.length);
    while (lcp < max && prev.charCodeAt(lcp) === key.charCodeAt(lcp)) lcp++;
    if (idx > 0 && lcp < key.length && lcp < prev.length && key.charCodeAt(lcp) < prev.charCodeAt(lcp)) {
      throw new Error('trie: keys are not sorted');
    }
    for (let d = lcp; d < key.length; d++) {
      const node = nodes++;
      parent[node] = path[d]!;
      char[node] = key.charCodeAt(d);
      path[d + 1] = node;
    }
    const end = path[key.length]!;
    if (termStart[end] === -1) termStart[end] = idx;
    termCount[end]!++;
    prev = key;
  }

  // Children of a node were created in ascending order of their code unit, so a counting
  // sort by parent (stable, in creation order) leaves every row sorted.
  const childStart = new Int32Array(nodes + 1);
  for (let n = 1; n < nodes; n++) childStart[parent[n]! + 1]!++;
  for (let n = 0; n < nodes; n++) childStart[n + 1]! += childStart[n]!;
  const fill = childStart.slice(0, nodes);
  const edgeChar = new Uint16Array(Math.max(0, nodes - 1));
  const edgeNode = new Int32Array(Math.max(0, nodes - 1));
  for (let n = 1; n < nodes; n++) {
    const e = fill[parent[n]!]!++;
    edgeChar[e] = char[n]!;
    edgeNode[e] = n;
  }
  return {
    nodeCount: nodes,
    childStart,
    edgeChar,
    edgeNode,
    termStart: termStart.slice(0, nodes),
    termCount: termCount.slice(0, nodes),
  };
}

/** The child of `node` along code unit `c`, or -1. */
export function childOf(t: Trie, node: number, c: number): number {
  let lo = t.childStart[node]!;
  let hi = t.childStart[node + 1]!;
  if (hi - lo <= 8) {
    for (; lo < hi; lo++) {
      const ec = t.edgeChar[lo]!;
      if (ec === c) return t.edgeNode[lo]!;
      if (ec > c) return -1;
    }
    return -1;
  }
  hi--;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const ec = t.edgeChar[mid]!;
    if (ec === c) return t.edgeNode[mid]!;
    if (ec < c) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
