// Figure 3a: knowledge-base build time from the seeds, as the background does it on install:
// buildKnowledgeBase (registry + seeds -> records) then storeKnowledgeBase into IndexedDB.
// In the real background of each browser (a fresh profile per run: the build the extension makes
// on install, as its kbStats reply times it), and in Node over fake-indexeddb, each run into a
// fresh database.
import 'fake-indexeddb/auto';
import { rmSync } from 'node:fs';
import { EXT_DIRS, launchChromium, launchFirefox } from '../tests/e2e/browsers.ts';
import { askBackground, openControl } from '../tests/e2e/page-tools.ts';
import { ensureBuilt, snapshot } from './lib/build';
import { buildKnowledgeBase } from '../lib/kb/build';
import { LensDb } from '../lib/db/database';
import { storeKnowledgeBase } from '../lib/kb/store';
import { diskSources } from '../scripts/lib/sources';
import { figure, median, type BenchContext, type BenchModule, type Figure } from './lib/common';

let dbs = 0;

async function once(): Promise<{ build: number; store: number; records: number }> {
  const { registry, seeds, manifest } = diskSources();
  const t0 = performance.now();
  const data = buildKnowledgeBase(registry, seeds, manifest);
  const t1 = performance.now();
  const db = new LensDb(`csto-lens-bench-${process.pid}-${dbs++}`);
  try {
    const wrote = await storeKnowledgeBase(db, data);
    if (!wrote) throw new Error('storeKnowledgeBase wrote nothing into a fresh database');
    const t2 = performance.now();
    const records = data.documents.length + data.entities.length + data.aliases.length + data.mentions.length +
      data.sentences.length + data.statements.length + data.facts.length;
    return { build: t1 - t0, store: t2 - t1, records };
  } finally {
    await db.delete();
  }
}

interface BackgroundBuild {
  buildMs: number;
  storeMs: number;
}

/** One install into a fresh profile: the build the background makes, as it timed it. */
async function backgroundOnce(browser: 'chromium' | 'firefox', extDir: string): Promise<BackgroundBuild> {
  const b = await (browser === 'chromium' ? launchChromium : launchFirefox)(extDir);
  try {
    const ext = await openControl(b);
    const until = Date.now() + 120_000;
    for (;;) {
      const stats = await askBackground<{ ready: boolean; lastBuild: BackgroundBuild | null }>(ext, 'kbStats');
      if (stats?.ready && stats.lastBuild) return { buildMs: stats.lastBuild.buildMs, storeMs: stats.lastBuild.storeMs };
      if (Date.now() > until) throw new Error(`${browser}: no knowledge-base build reported in 120 s (${JSON.stringify(stats)})`);
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await b.close();
  }
}

async function backgroundFigures(ctx: BenchContext): Promise<Figure[]> {
  ensureBuilt(ctx.log);
  const reps = ctx.quick ? 1 : 3;
  const figures: Figure[] = [];
  for (const browser of ['chromium', 'firefox'] as const) {
    const extDir = await snapshot(EXT_DIRS[browser]);
    try {
      const runs: BackgroundBuild[] = [];
      for (let i = 0; i < reps; i++) runs.push(await backgroundOnce(browser, extDir));
      const build = median(runs.map((r) => r.buildMs));
      const store = median(runs.map((r) => r.storeMs));
      const total = median(runs.map((r) => r.buildMs + r.storeMs));
      ctx.log(`kb in the ${browser} background: build ${build.toFixed(0)} ms + store ${store.toFixed(0)} ms`);
      figures.push(
        figure({
          id: `kb.background.${browser}.build-and-store`,
          value: total,
          unit: 'ms',
          note: `the build the extension makes on install into a fresh profile, timed by the background (kbStats.lastBuild); median of ${reps}: build ${build.toFixed(0)} ms, store into IndexedDB ${store.toFixed(0)} ms`,
        }),
      );
    } catch (err) {
      ctx.log(`kb in the ${browser} background FAILED: ${String(err)}`);
      figures.push({ id: `kb.background.${browser}.error`, value: null, unit: '', baseline: null, ratio: null, target: 'runs', met: false, note: String(err).slice(0, 300) });
    } finally {
      rmSync(extDir, { recursive: true, force: true });
    }
  }
  return figures;
}

export const kbBench: BenchModule = {
  id: 'kb',
  title: 'Knowledge base build (each browser\'s background; Node over fake-indexeddb)',
  async run(ctx: BenchContext): Promise<Figure[]> {
    const inBrowsers = await backgroundFigures(ctx);
    const reps = ctx.quick ? 3 : 7;
    await once(); // warm-up (module loading, JIT)
    const runs = [];
    for (let i = 0; i < reps; i++) runs.push(await once());
    const build = median(runs.map((r) => r.build));
    const store = median(runs.map((r) => r.store));
    const total = median(runs.map((r) => r.build + r.store));
    ctx.log(`kb: build ${build.toFixed(0)} ms + store ${store.toFixed(0)} ms (${runs[0]!.records} records)`);
    const { seeds } = diskSources();
    return [
      ...inBrowsers,
      figure({
        id: 'kb.build-and-store',
        value: total,
        unit: 'ms',
        note: `in Node over fake-indexeddb: ${seeds.length} seeds, ${runs[0]!.records.toLocaleString()} records; median of ${reps}: buildKnowledgeBase ${build.toFixed(0)} ms, storeKnowledgeBase ${store.toFixed(0)} ms`,
      }),
      figure({ id: 'kb.build', value: build, unit: 'ms' }),
      figure({ id: 'kb.store', value: store, unit: 'ms' }),
    ];
  },
};

export default kbBench;
