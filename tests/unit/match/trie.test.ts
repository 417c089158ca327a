import { describe, expect, it } from 'vitest';
import { buildTrie, childOf } from '../../../lib/match/trie';

function lookup(keys: string[], key: string): number {
  const t = buildTrie(keys);
  let node = 0;
  for (let i = 0; i < key.length && node >= 0; i++) node = childOf(t, node, key.charCodeAt(i));
  return node < 0 ? -1 : t.termStart[node]!;
}

describe('buildTrie', () => {
  const keys = ['a', 'ab', 'abc', 'abd', 'b', 'b', 'ба', 'бб'].sort();

  it.each([
    ['a', 0],
    ['ab', 1],
    ['abc', 2],
    ['abd', 3],
    ['b', 4],
    ['ба', 6],
    ['бб', 7],
    ['ac', -1],
    ['abcd', -1],
  ])('finds %s', (key, want) => {
    expect(lookup(keys, key)).toBe(want);
  });

  it('shares prefixes and counts duplicate keys once per node', () => {
    const t = buildTrie(keys);
    expect(t.nodeCount).toBe(1 + 4 + 1 + 2 + 1); // root, a-b-c/d, b, б-а/б
    const b = childOf(t, 0, 'b'.charCodeAt(0));
    expect(t.termCount[b]).toBe(2);
  });

  it('binary-searches wide nodes', () => {
    const wide = Array.from({ length: 300 }, (_, i) => String.fromCharCode(0x100 + i)).sort();
    for (const k of ['\u0100', '\u01ff', '\u022b']) expect(lookup(wide, k)).toBe(wide.indexOf(k));
    expect(lookup(wide, '\u0050')).toBe(-1);
  });

  it('rejects unsorted keys', () => {
    expect(() => buildTrie(['b', 'a'])).toThrow();
  });
});
