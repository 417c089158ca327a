// Re-anchoring throughput: 1,000 annotations on the ~200,000-word text of big.html, then on an
// edited copy (words inserted and removed throughout, so every position shifts and ~1 quote
// in 10 is edited inside: the exact and fuzzy paths). Run: npx tsx scripts/bench-anchoring.ts
// Prints numbers and the share anchored at the right place; asserts nothing.
import { readFileSync } from 'node:fs';
import { anchorMany, describe, type SelectorPair } from '../lib/anchoring';

function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pageText(html: string): string {
  const body = html.replace(/^[\s\S]*?<body[^>]*>/, '').replace(/<\/body>[\s\S]*$/, '');
  return body
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, '')
    .replace(/<\/?(p|h\d|div|li|article|header|footer|section|aside|nav|main)\b[^>]*>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
    .replace(/\n\s*\n+/g, '\n');
}

const rnd = mulberry32(7);
const text = pageText(readFileSync(new URL('../tests/fixtures/pages/big.html', import.meta.url), 'utf8'));
const wordStarts: number[] = [];
for (const m of text.matchAll(/\S+/g)) wordStarts.push(m.index);

// 1,000 highlights of 3 to 30 words, spread over the text.
const N = 1000;
const spans: [number, number][] = [];
for (let i = 0; i < N; i++) {
  const w = Math.floor(rnd() * (wordStarts.length - 40));
  const n = 3 + Math.floor(rnd() * 28);
  const start = wordStarts[w]!;
  const next = wordStarts[w + n]!;
  spans.push([start, text.slice(start, next).trimEnd().length + start]);
}
const targets: SelectorPair[] = spans.map(([s, e]) => describe(text, s, e));

// Edited copy: at every ~150th word, insert a word or remove one; remember the edits.
const edits: { at: number; del: number; ins: string }[] = [];
for (let w = 200; w < wordStarts.length - 1; w += 100 + Math.floor(rnd() * 100)) {
  const at = wordStarts[w]!;
  if (rnd() < 0.6) edits.push({ at, del: 0, ins: ['reportedly ', 'also ', 'in fact ', 'officially '][w % 4]! });
  else edits.push({ at, del: wordStarts[w + 1]! - at, ins: '' });
}
let edited = '';
let last = 0;
for (const e of edits) {
  edited += text.slice(last, e.at) + e.ins;
  last = e.at + e.del;
}
edited += text.slice(last);
/** Where original offset x lands in the edited text. */
function shifted(x: number, isEnd: boolean): number {
  let d = 0;
  for (const e of edits) {
    if (e.at > x || (isEnd && e.at === x)) break;
    d += e.ins.length - Math.min(e.del, Math.max(0, x - e.at));
  }
  return x + d;
}

function run(label: string, page: string, truth: (i: number) => [number, number]): void {
  anchorMany(page, targets.slice(0, 20)); // warm up the JIT
  const t0 = performance.now();
  const anchors = anchorMany(page, targets);
  const ms = performance.now() - t0;
  const by: Record<string, number> = { position: 0, quote: 0, fuzzy: 0, orphan: 0 };
  let right = 0;
  let twin = 0;
  anchors.forEach((a, i) => {
    by[a ? a.method : 'orphan']!++;
    const [s, e] = truth(i);
    if (a && Math.abs(a.start - s) <= 3 && Math.abs(a.end - e) <= 3) right++;
    else if (a) {
      // big.html repeats its sentences: an identical copy of the quote in an identical context
      const [q] = targets[i]!;
      const same = page.slice(a.start, a.end) === q.exact && page.startsWith(q.suffix, a.end) && page.slice(0, a.start).endsWith(q.prefix);
      if (same) twin++;
    }
  });
  console.log(
    `${label.padEnd(28)} ${ms.toFixed(1).padStart(8)} ms  position ${by.position}  quote ${by.quote}  fuzzy ${by.fuzzy}  orphan ${by.orphan}  right place ${right}/${N}, identical copy in identical context ${twin}`,
  );
}

const words = wordStarts.length;
console.log(`node ${process.version}; text ${text.length.toLocaleString()} chars, ${words.toLocaleString()} words; ${N} annotations; ${edits.length} edits`);
run('unchanged text', text, (i) => spans[i]!);
run('edited copy', edited, (i) => [shifted(spans[i]![0], false), shifted(spans[i]![1], true)]);
const insideEdited = spans.filter(([s, e]) => edits.some((x) => x.at > s && x.at < e)).length;
console.log(`quotes with an edit inside: ${insideEdited}`);
