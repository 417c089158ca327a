// Import of 100,000 Hypothesis-shaped annotations (10,000 with --quick) through the background's import
// (lib/annotations/store-import.ts) on fake-indexeddb: the longest the background's event loop is blocked
// while the file is staged in slices (one message each) and while the accepted records are written.
// Baseline: reading the whole file in one go (what the background did before: up to 15.5 s unresponsive).
import 'fake-indexeddb/auto';
import { openImport, readItems } from '../lib/annotations/import';
import { AnnotationImports, STAGE_SLICE } from '../lib/annotations/store-import';
import { AnnotationStore } from '../lib/annotations/store';
import { LensDb } from '../lib/db/database';
import { figure, median, type BenchContext, type BenchModule, type Figure } from './lib/common';

function rows(n: number): string {
  const out = Array.from({ length: n }, (_, i) => ({
    id: `hyp${i.toString(36)}`,
    created: '2024-02-23T10:12:33.801464+00:00',
    updated: '2024-02-23T10:13:02.027436+00:00',
    user: 'acct:researcher@hypothes.is',
    uri: `https://news.example/story-${i % 400}?utm_source=x`,
    text: `Note ${i}: the CSTO's statement on the summit, with a few words of commentary.`,
    tags: ['csto', `t${i % 17}`],
    target: [{ source: `https://news.example/story-${i % 400}`, selector: [{ type: 'TextPositionSelector', start: 59, end: 98 }, { type: 'TextQuoteSelector', exact: 'Collective Security Treaty Organization', prefix: 'Lavrov stressed that the ', suffix: ' should focus on' }] }],
    document: { title: [`Story ${i % 400}`] },
  }));
  return JSON.stringify({ total: n, rows: out });
}

/** The longest gap between 2 ms ticks, minus the tick: how long the event loop was blocked. */
function lagMonitor(): { stop(): number } {
  let last = performance.now();
  let worst = 0;
  const t = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - 2);
    last = now;
  }, 2);
  return {
    stop() {
      clearInterval(t);
      return Math.max(0, worst);
    },
  };
}

async function run(ctx: BenchContext): Promise<Figure[]> {
  const n = ctx.quick ? 10_000 : 100_000;
  const text = rows(n);
  const file = openImport(text);
  if (!file.ok) throw new Error(file.errors.join('; '));
  const t0 = performance.now();
  readItems(file.items, Date.now());
  const whole = performance.now() - t0;

  const db = new LensDb(`bench-import-${process.pid}`);
  const imports = new AnnotationImports(new AnnotationStore(db));
  const token = imports.begin();
  let slowestSlice = 0;
  const slices: number[] = [];
  const stageLag = lagMonitor();
  for (let i = 0; i < file.items.length; i += STAGE_SLICE) {
    const s = performance.now();
    await imports.stage(token, file.items.slice(i, i + STAGE_SLICE), file.shape);
    slices.push(performance.now() - s);
    slowestSlice = Math.max(slowestSlice, slices[slices.length - 1]!);
    await new Promise((r) => setTimeout(r, 0));
  }
  const stageBlock = stageLag.stop();
  // Which slices ran long, and whether the event loop was blocked as long (else the slice waited: GC, another process).
  const long = slices.map((ms, i) => `#${i + 1} ${ms.toFixed(0)} ms`).filter((_, i) => slices[i]! > 50);
  ctx.log(`staged ${n} in slices of ${STAGE_SLICE}`);
  const writeLag = lagMonitor();
  const w0 = performance.now();
  const out = await imports.commit(token);
  const writeMs = performance.now() - w0;
  const writeBlock = writeLag.stop();
  if (out.added !== n) throw new Error(`expected ${n} added, got ${out.added}`);
  db.close();
  const baseline = { name: `whole file read at once (${n.toLocaleString('en')})`, value: whole };
  const note = 'fake-indexeddb in Node; a browser\'s IndexedDB writes off the main thread';
  return [
    figure({ id: 'import.stage.medianSliceMs', value: median(slices), unit: 'ms', baseline, target: '≤ 50 ms per message', check: (v) => v <= 50 }),
    figure({
      id: 'import.stage.slowestSliceMs',
      value: slowestSlice,
      unit: 'ms',
      baseline,
      target: '≤ 50 ms per message',
      check: (v) => v <= 50,
      note: `${long.length ? `over 50 ms: ${long.join(', ')} of ${slices.length} slices, while the longest the event loop was blocked was ${stageBlock.toFixed(0)} ms (the rest of the slice it waited, not ran: fake-indexeddb answers in timer tasks). ` : ''}wall time of each stage() call of ${STAGE_SLICE} records`,
    }),
    figure({ id: 'import.stage.longestBlockMs', value: stageBlock, unit: 'ms', baseline, target: '≤ 50 ms', check: (v) => v <= 50 }),
    figure({ id: 'import.commit.longestBlockMs', value: writeBlock, unit: 'ms', baseline, target: '≤ 50 ms', check: (v) => v <= 50, note }),
    figure({ id: 'import.commit.totalMs', value: writeMs, unit: 'ms', baseline: null, note }),
  ];
}

const mod: BenchModule = { id: 'import', title: 'large imports in slices', run };
export default mod;
