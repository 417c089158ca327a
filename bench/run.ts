// `npm run bench [-- --quick] [-- --only matcher,kb]`: runs every benchmark module registered
// below, then writes bench/results.json and bench/results.md and prints the table.
import { existsSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, type as osType, release } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchModule, Figure } from './lib/common';
import { browserVersions } from './lib/machine';

const HERE = dirname(fileURLToPath(import.meta.url));

/** Benchmarks in run order: one file each. Files not written yet are skipped. */
const REGISTRY: { file: string; title: string }[] = [
  { file: 'matcher.ts', title: 'matcher throughput' },
  { file: 'kb.ts', title: 'knowledge base build' },
  { file: 'bundle.ts', title: 'bundle sizes' },
  { file: 'highlight.ts', title: 'highlighting in Chromium and Firefox' },
  { file: 'card.ts', title: 'card open time' },
  { file: 'reanchor.ts', title: 're-anchoring' },
  { file: 'sync.ts', title: 'sync' },
  { file: 'sync-load.ts', title: 'sync server under load' },
  { file: 'import.ts', title: 'large imports in slices' }, // interop
  { file: 'coldstart.ts', title: 'cold worker, browser start, CLI' },
  { file: 'ru-forms.ts', title: 'matcher with generated Russian forms vs today' }, // ru-match
  { file: 'learn.ts', title: 'learning from pages' }, // knowledge (issue 17)
];

function parseArgs(argv: string[]) {
  const quick = argv.includes('--quick');
  const i = argv.indexOf('--only');
  const only = i >= 0 ? (argv[i + 1] ?? '').split(',').filter(Boolean) : [];
  return { quick, only };
}

function fmt(x: number | null): string {
  if (x === null) return '—';
  if (Number.isInteger(x)) return x.toLocaleString('en-US');
  if (Math.abs(x) >= 100) return Math.round(x).toLocaleString('en-US');
  if (Math.abs(x) >= 10) return x.toFixed(1);
  return x.toPrecision(3);
}

export function markdownTable(figures: Figure[]): string {
  const rows = [
    '| figure | value | baseline | ratio | target | met |',
    '| --- | ---: | --- | ---: | --- | :---: |',
    ...figures.map((f) => {
      const base = f.baseline ? `${f.baseline.name}: ${fmt(f.baseline.value)} ${f.baseline.value === null ? '' : f.unit}`.trim() : '—';
      const met = f.met === null ? '—' : f.met ? 'yes' : '**no**';
      return `| ${f.id} | ${`${fmt(f.value)} ${f.value === null ? '' : f.unit}`.trim()} | ${base} | ${fmt(f.ratio)} | ${f.target ?? '—'} | ${met} |`;
    }),
  ];
  return rows.join('\n');
}

async function main() {
  const { quick, only } = parseArgs(process.argv.slice(2));
  const t0 = Date.now();
  const log = (msg: string) => process.stderr.write(`[bench ${((Date.now() - t0) / 1000).toFixed(0).padStart(3)}s] ${msg}\n`);
  const figures: Figure[] = [];
  const skipped: string[] = [];
  for (const entry of REGISTRY) {
    const id = entry.file.replace(/\.ts$/, '');
    if (only.length && !only.includes(id)) continue;
    if (!existsSync(join(HERE, entry.file))) {
      skipped.push(id);
      continue;
    }
    const mod = (await import(`./${entry.file}`)) as { default: BenchModule };
    log(`${mod.default.title}…`);
    try {
      figures.push(...(await mod.default.run({ quick, log })));
    } catch (err) {
      log(`${id} FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      figures.push({ id: `${id}.error`, value: null, unit: '', baseline: null, ratio: null, target: 'runs', met: false, note: String(err) });
    }
  }
  if (skipped.length) log(`not built yet, skipped: ${skipped.join(', ')}`);

  const cpu = cpus();
  const machine = {
    cpus: cpu.length,
    model: cpu[0]?.model ?? 'unknown',
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    os: `${osType()} ${release()}`,
    ...browserVersions(),
  };
  const results = { machine, quick, figures };
  writeFileSync(join(HERE, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  const notes = figures.filter((f) => f.note).map((f) => `- **${f.id}**: ${f.note}`);
  const md = [
    `# Benchmark results${quick ? ' (--quick)' : ''}`,
    '',
    `${machine.cpus} × ${machine.model}, ${machine.memory}, Node ${machine.node}, ${machine.os}; ${machine.chromium}; ${machine.firefox}.`,
    'Values are medians of interleaved runs; ratio = value / baseline.',
    '',
    markdownTable(figures),
    '',
    ...(notes.length ? ['Notes:', '', ...notes, ''] : []),
  ].join('\n');
  writeFileSync(join(HERE, 'results.md'), md);
  process.stdout.write(md + '\n');
  const failed = figures.filter((f) => f.met === false).length;
  log(`done in ${((Date.now() - t0) / 1000).toFixed(0)} s: ${figures.length} figures, ${failed} target(s) not met`);
}

await main();
