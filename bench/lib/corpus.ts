// Inputs shared by the benchmarks: today's aliases (the real knowledge-base build), synthetic
// alias sets k times larger, and a news corpus of at least 1 MB built from the seeds and fixture pages.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildKnowledgeBase, type KbData } from '../../lib/kb/build';
import type { Alias } from '../../lib/model/types';
import { ROOT, diskSources } from '../../scripts/lib/sources';
import { syntheticAliases } from '../../tests/unit/match/synthetic';
import { rng, shuffle } from './common';

export { ROOT };

let kb: KbData | null = null;

/** The knowledge base as the background builds it from the bundled registry and seeds. */
export function realKnowledgeBase(): KbData {
  if (!kb) {
    const { registry, seeds, manifest } = diskSources();
    kb = buildKnowledgeBase(registry, seeds, manifest);
  }
  return kb;
}

/** Today's aliases, as the background reads them back from the aliases table. */
export function realAliases(): Alias[] {
  return realKnowledgeBase().aliases.map(({ id: _id, ...alias }) => alias);
}

/** Today's aliases plus synthetic ones: `factor` times as many in all. */
export function scaledAliases(factor: number): Alias[] {
  const real = realAliases();
  if (factor <= 1) return real;
  const taken = new Set(real.map((a) => a.text.toLowerCase()));
  const extra = syntheticAliases(real.length * factor + 64, 7).filter((a) => !taken.has(a.text.toLowerCase().replace(/\*$/, '')));
  return [...real, ...extra.slice(0, real.length * (factor - 1))];
}

/** Readable text of an HTML page (scripts, styles and tags dropped, entities decoded). */
export function htmlText(html: string): string {
  return html
    .replace(/<(script|style|head)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<\/(p|h\d|li|div|blockquote|tr)>/gi, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: '\u00a0' })[e] ?? ' ')
    .replace(/[ \t]+/g, ' ');
}

/** Sentences of the seed texts and of the small fixture pages (big.html repeats the seeds). */
export function newsSentences(): string[] {
  const texts: string[] = [];
  const seedDir = join(ROOT, 'assets', 'seeds');
  for (const f of readdirSync(seedDir).filter((f) => f.endsWith('.txt')).sort()) texts.push(readFileSync(join(seedDir, f), 'utf8'));
  const pageDir = join(ROOT, 'tests', 'fixtures', 'pages');
  for (const f of readdirSync(pageDir).filter((f) => f.endsWith('.html') && f !== 'big.html').sort()) {
    texts.push(htmlText(readFileSync(join(pageDir, f), 'utf8')));
  }
  return texts
    .flatMap((t) => t.split(/\n+/))
    .flatMap((b) => b.split(/(?<=[.!?”"])\s+(?=[A-ZА-ЯЁ“"«])/u))
    .map((s) => s.trim())
    .filter((s) => s.length >= 20);
}

/** At least `minBytes` (UTF-8) of news text: the sentences shuffled with a fixed seed, repeated, in paragraphs. */
export function newsCorpus(minBytes = 1_048_576, seed = 20240601): string {
  const sentences = newsSentences();
  const r = rng(seed);
  const out: string[] = [];
  let bytes = 0;
  while (bytes < minBytes) {
    for (const s of shuffle([...sentences], r)) {
      out.push(s, r() < 0.2 ? '\n' : ' ');
      bytes += Buffer.byteLength(s) + 1;
      if (bytes >= minBytes) break;
    }
  }
  return out.join('');
}

export const utf8MB = (s: string) => Buffer.byteLength(s) / 1e6;
