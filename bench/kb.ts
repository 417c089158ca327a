// Figure 3a: knowledge-base build time from the seeds, as the background does it on install:
// buildKnowledgeBase (registry + seeds -> records) then storeKnowledgeBase into IndexedDB
// (fake-indexeddb in Node), each run into a fresh database.
import 'fake-indexeddb/auto';
import { buildKnowledgeBase } from '../lib/kb/build';
import { LensDb } from '../lib/kb/db';
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

export const kbBench: BenchModule = {
  id: 'kb',
  title: 'Knowledge base build (Node, fake-indexeddb)',
  async run(ctx: BenchContext): Promise<Figure[]> {
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
      figure({
        id: 'kb.build-and-store',
        value: total,
        unit: 'ms',
        note: `${seeds.length} seeds, ${runs[0]!.records.toLocaleString()} records; median of ${reps}: buildKnowledgeBase ${build.toFixed(0)} ms, storeKnowledgeBase ${store.toFixed(0)} ms`,
      }),
      figure({ id: 'kb.build', value: build, unit: 'ms' }),
      figure({ id: 'kb.store', value: store, unit: 'ms' }),
    ];
  },
};

export default kbBench;
