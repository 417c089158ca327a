// Figure: the matcher with the generated Russian case forms (assets/ru-forms.json) against today's
// aliases without them, on the same registry in the same run: compile time, throughput on English
// and on Russian news-like text, and what the forms add to the background's bundle.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { WordTrie } from '../lib/match/word-trie';
import type { Alias } from '../lib/model/types';
import { registryAliases } from '../lib/registry/aliases';
import { ROOT, diskSources } from '../scripts/lib/sources';
import { figure, interleave, median, type BenchContext, type BenchModule, type Figure } from './lib/common';
import { newsCorpus, utf8MB } from './lib/corpus';

/** Russian text of at least `minBytes`: the evaluation paragraphs, repeated. */
function russianCorpus(minBytes = 1_048_576): string {
  const paras: string[] = [];
  for (const f of ['paragraphs.json', 'held-out.json']) {
    const d = JSON.parse(readFileSync(join(ROOT, 'tests', 'fixtures', 'ru-eval', f), 'utf8')) as { paragraphs: { text: string }[] };
    paras.push(...d.paragraphs.map((p) => p.text));
  }
  const out: string[] = [];
  let bytes = 0;
  for (let i = 0; bytes < minBytes; i++) {
    const p = paras[i % paras.length]!;
    out.push(p);
    bytes += Buffer.byteLength(p) + 2;
  }
  return out.join('\n\n');
}

function timeBuild(aliases: Alias[]): number {
  const t0 = performance.now();
  new WordTrie(aliases);
  return performance.now() - t0;
}

function rate(a: WordTrie, text: string, mb: number): number {
  const t0 = performance.now();
  a.scan(text);
  return mb / ((performance.now() - t0) / 1000);
}

const ruFormsBench: BenchModule = {
  id: 'ru-forms',
  title: 'Matcher with generated Russian forms vs today',
  async run(ctx: BenchContext): Promise<Figure[]> {
    const registry = diskSources().registry;
    const today = registryAliases(registry, { generator: 0, forms: {} });
    const withForms = registryAliases(registry);
    const reps = ctx.quick ? 5 : 11;
    const en = newsCorpus();
    const ru = russianCorpus();
    const enMB = utf8MB(en);
    const ruMB = utf8MB(ru);
    const a0 = new WordTrie(today);
    const a1 = new WordTrie(withForms);
    ctx.log(`ru-forms: ${today.length} aliases today, ${withForms.length} with forms; ${reps} interleaved runs`);
    const builds = await interleave(reps, { today: () => timeBuild(today), forms: () => timeBuild(withForms) });
    a0.scan(en);
    a1.scan(en);
    const enRates = await interleave(reps, { today: () => rate(a0, en, enMB), forms: () => rate(a1, en, enMB) });
    a0.scan(ru);
    a1.scan(ru);
    const ruRates = await interleave(reps, { today: () => rate(a0, ru, ruMB), forms: () => rate(a1, ru, ruMB) });
    const json = readFileSync(join(ROOT, 'assets', 'ru-forms.json'));
    const noteRuns = `median of ${reps} interleaved runs`;
    return [
      figure({ id: 'ru-forms.aliases', value: withForms.length, unit: 'aliases', baseline: { name: 'today (no generated forms)', value: today.length } }),
      figure({ id: 'ru-forms.compile.vs-today', value: median(builds.forms), unit: 'ms', baseline: { name: 'today', value: median(builds.today) }, target: '< 50 ms', check: (v) => v < 50, note: noteRuns }),
      figure({ id: 'ru-forms.matcher.en.vs-today', value: median(enRates.forms), unit: 'MB/s', baseline: { name: 'today', value: median(enRates.today) }, target: 'ratio ≥ 0.8', check: (_v, r) => r !== null && r >= 0.8, note: `${enMB.toFixed(2)} MB of English news-like text; ${noteRuns}` }),
      figure({ id: 'ru-forms.matcher.ru.vs-today', value: median(ruRates.forms), unit: 'MB/s', baseline: { name: 'today', value: median(ruRates.today) }, target: 'ratio ≥ 0.8', check: (_v, r) => r !== null && r >= 0.8, note: `${ruMB.toFixed(2)} MB of Russian news-like text; ${noteRuns}` }),
      figure({ id: 'ru-forms.trie-bytes.vs-today', value: a1.stats.bytes, unit: 'bytes', baseline: { name: 'today', value: a0.stats.bytes } }),
      figure({ id: 'ru-forms.asset-gzip', value: gzipSync(json).length, unit: 'bytes', note: `assets/ru-forms.json: ${json.length} bytes raw; bundled into the background only` }),
    ];
  },
};

export default ruFormsBench;
