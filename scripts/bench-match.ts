// Matcher throughput on ~1 MB of synthetic news-like text with 1x, 10x and 100x alias sets.
// Run: npx tsx scripts/bench-match.ts   (prints numbers, asserts nothing)
import { WordTrie } from '../lib/match/word-trie';
import { syntheticAliases, syntheticText } from '../tests/unit/match/synthetic';

const BASE = 200; // about the size of the curated registry's alias list
const TEXT_CHARS = 1_000_000;
const RUNS = 10;
const all = syntheticAliases(BASE * 100);
// Mentions come from the base set so every run scans the same text.
const text = syntheticText(all.slice(0, BASE), TEXT_CHARS);
const mb = new TextEncoder().encode(text).length / 1e6;

console.log(`node ${process.version}; text: ${text.length.toLocaleString()} UTF-16 units, ${mb.toFixed(2)} MB UTF-8`);
console.log('aliases  build ms  trie nodes  trie MB  scan ms (median of 10)  MB/s  spans');
for (const factor of [1, 10, 100]) {
  const aliases = all.slice(0, BASE * factor);
  const t0 = performance.now();
  const m = new WordTrie(aliases); // what buildMatcher wraps
  const build = performance.now() - t0;
  m.scan(text); // warm up
  const times: number[] = [];
  let spans = 0;
  for (let i = 0; i < RUNS; i++) {
    const t1 = performance.now();
    spans = m.scan(text).length;
    times.push(performance.now() - t1);
  }
  times.sort((a, b) => a - b);
  const scan = times[RUNS >> 1]!;
  const { nodes, bytes } = m.stats;
  console.log(
    [
      String(aliases.length).padStart(7),
      build.toFixed(1).padStart(9),
      String(nodes).padStart(11),
      (bytes / 1e6).toFixed(2).padStart(8),
      scan.toFixed(1).padStart(23),
      (mb / (scan / 1000)).toFixed(1).padStart(5),
      String(spans).padStart(6),
    ].join(' '),
  );
}
