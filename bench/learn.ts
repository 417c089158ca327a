// Learning from pages (issue 17): one 2,000-word article learned in the background of each browser
// (read with Readability in the tab + extract + store, the popup's `learnPage` round trip, timed from an
// extension page; removed between runs so each run learns it anew, incrementally); and, in Node over
// fake-indexeddb, the card's data with 1,000 learned documents and the knowledge base's size per 1,000
// learned documents (JSON size of the rows they add: a stand-in for IndexedDB's size on disk, which
// neither engine reports per table).
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXT_DIRS, launchChromium, launchFirefox, type BrowserName } from '../tests/e2e/browsers.ts';
import { askBackground, openControl, tabIdOf, waitForPageState } from '../tests/e2e/page-tools.ts';
import { startFixtureServer } from '../tests/e2e/server.ts';
import { LensDb } from '../lib/db/database';
import { KnowledgeService } from '../lib/kb/service';
import { LEARNED_KEY } from '../lib/kb/learned-store';
import { learnedDocument, learnedKey } from '../lib/learn/learned';
import { splitSentences } from '../lib/nlp';
import type { Fact, LearnedDocument, Mention, SourceDocument, Statement } from '../lib/model/types';
import type { SentenceRow } from '../lib/db/knowledge';
import { diskSources } from '../scripts/lib/sources';
import { ensureBuilt, snapshot } from './lib/build';
import { figure, median, rng, type BenchContext, type BenchModule, type Figure } from './lib/common';

const WORDS = 2000;
const OUTLETS = ['Steppe Wire', 'Eurasia Desk', 'Caspian Herald', 'Pamir Post', 'Minsk Ledger'];

/** Sentences of the seeds (real CSTO news): the material the synthetic articles are made of. */
function sentencePool(): string[] {
  const out: string[] = [];
  for (const s of diskSources().seeds) {
    for (const sent of splitSentences(s.text)) {
      const t = s.text.slice(sent.start, sent.end).replace(/\s+/g, ' ').trim();
      if (t.split(' ').length >= 6) out.push(t);
    }
  }
  return out;
}

/** Article `i`: about WORDS words of seed sentences in a seeded order, in paragraphs; different for every i. */
export function article(i: number, pool = sentencePool()): { title: string; outlet: string; date: string; text: string } {
  const next = rng(1000 + i);
  const paras: string[] = [];
  let words = 0;
  let para: string[] = [];
  while (words < WORDS) {
    const s = pool[Math.floor(next() * pool.length)]!;
    para.push(s);
    words += s.split(' ').length;
    if (para.length >= 4) {
      paras.push(para.join(' '));
      para = [];
    }
  }
  if (para.length) paras.push(para.join(' '));
  const month = String(1 + (i % 12)).padStart(2, '0');
  const day = String(1 + (i % 28)).padStart(2, '0');
  return { title: `CSTO briefing number ${i + 1}: ministers and the Secretary General on regional security`, outlet: OUTLETS[i % OUTLETS.length]!, date: `${2015 + (i % 11)}-${month}-${day}`, text: paras.join('\n') };
}

function articleHtml(a: ReturnType<typeof article>): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(a.title)} | ${a.outlet}</title>
<meta property="og:site_name" content="${a.outlet}"><meta property="article:published_time" content="${a.date}T09:00:00Z"></head>
<body><header><nav><a href="#">World</a> <a href="#">Politics</a></nav></header><main><article><h1>${esc(a.title)}</h1>
${a.text.split('\n').map((p) => `<p>${esc(p)}</p>`).join('\n')}
</article></main><footer>© ${a.outlet}</footer></body></html>`;
}

async function learnInBrowser(name: BrowserName, extDir: string, url: string, ctx: BenchContext): Promise<Figure> {
  const browser = await (name === 'chromium' ? launchChromium : launchFirefox)(extDir);
  try {
    const ext = await openControl(browser);
    // The first build (install) must be done before timing.
    const until = Date.now() + 180_000;
    while (!(await askBackground<{ ready: boolean }>(ext, 'kbStats')).ready && Date.now() < until) await new Promise((r) => setTimeout(r, 500));
    const page = await browser.newPage();
    await page.goto(url, { timeout: 60_000 });
    await waitForPageState(ext, url, (s) => s.scans >= 1, 120_000);
    const tabId = await tabIdOf(ext, url);
    // Timed here around the message (the test driver's round trip adds a few ms).
    const once = async () => {
      const t0 = performance.now();
      const r = await askBackground<{ ok: boolean; error?: string; summary?: { id: string; statements: number } }>(ext, 'learnPage', { tabId });
      return { ms: performance.now() - t0, r };
    };
    const n = ctx.quick ? 4 : 10;
    const samples: number[] = [];
    let first = NaN;
    let statements = 0;
    for (let i = 0; i <= n; i++) {
      const { ms, r } = await once();
      if (!r?.ok || !r.summary) throw new Error(`learnPage: ${JSON.stringify(r)}`);
      statements = r.summary.statements;
      if (i === 0) first = ms; // loads the build script (NLP) into the worker
      else samples.push(ms);
      await askBackground(ext, 'learnedRemove', { id: r.summary.id });
    }
    const value = median(samples);
    ctx.log(`learn ${name}: ${value.toFixed(0)} ms (first ${first.toFixed(0)} ms; ${statements} statements)`);
    return figure({
      id: `learn.one.${name}`,
      value,
      unit: 'ms',
      note: `a ${WORDS}-word article (seed sentences; ${statements} statements found) in a tab: learnPage sent from an extension page until its answer (timed by the bench driver) (Readability in the tab, extract, store; incremental), median of ${n}, removed between runs; the first run, which also loads the build script, took ${first.toFixed(0)} ms`,
    });
  } finally {
    await browser.close();
  }
}

/** JSON bytes of rows: a stand-in for what IndexedDB stores (structured clone plus indexes). */
const bytes = (rows: unknown[]) => rows.reduce<number>((n, r) => n + Buffer.byteLength(JSON.stringify(r)), 0);

/** Rows with `documentId` (and ids that start with it) copied under another document id. */
function copyRows<T extends { id: string; documentId: string }>(rows: T[], from: string, to: string): T[] {
  return rows.map((r) => ({ ...r, id: to + r.id.slice(from.length), documentId: to }));
}

/** The card's data with the seed-only knowledge base (no learned page), the same entities, cold. */
export async function seedOnlyCard(ctx: BenchContext): Promise<Figure> {
  const db = new LensDb(`csto-lens-bench-seed-card-${process.pid}`);
  try {
    await new KnowledgeService(db, () => diskSources()).ensureBuilt();
    const times: number[] = [];
    for (let r = 0; r < (ctx.quick ? 10 : 30); r++) {
      for (const id of CARD_ENTITIES) {
        const fresh = new KnowledgeService(db, () => diskSources());
        const c0 = performance.now();
        await fresh.card(id);
        times.push(performance.now() - c0);
      }
    }
    ctx.log(`learn: seed-only card median ${median(times).toFixed(1)} ms`);
    return figure({
      id: 'learn.card-seed-only.node',
      value: median(times),
      unit: 'ms',
      note: `the card's data (as learn.card-with-1000-docs.node) for ${CARD_ENTITIES.join(', ')} with the seed-only knowledge base (${await db.documents.count()} documents), from a fresh service, median of ${times.length}; Node over fake-indexeddb`,
    });
  } finally {
    db.close();
    await db.delete().catch(() => {});
  }
}

const CARD_ENTITIES = ['person:sergey-lavrov', 'org:csto', 'person:stanislav-zas'];

export async function manyLearned(ctx: BenchContext): Promise<Figure[]> {
  const count = 1000;
  // Distinct articles extracted for real; the rest are copies of their records under other ids (the
  // NLP of 1,000 articles would take minutes; the rows, their sizes and the card's reads are the same).
  const distinct = ctx.quick ? 10 : 40;
  const pool = sentencePool();
  const now = new Date('2026-01-01T00:00:00Z');
  const docs: LearnedDocument[] = [];
  for (let i = 0; i < distinct; i++) {
    const a = article(i, pool);
    docs.push(learnedDocument({ location: `https://news${i % 5}.example.com/a/${i}`, canonical: null, title: a.title, outlet: a.outlet, published: a.date, lang: 'en', text: a.text }, now));
  }
  const db = new LensDb(`csto-lens-bench-learn-${process.pid}`);
  try {
    await db.learned.bulkPut(docs);
    await db.meta.put({ key: LEARNED_KEY, value: learnedKey(docs) });
    const t0 = performance.now();
    const kb = new KnowledgeService(db, () => diskSources());
    await kb.ensureBuilt();
    ctx.log(`learn: built with ${distinct} learned documents in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const all = [...docs];
    for (let k = 1; all.length < count; k++) {
      const copies: LearnedDocument[] = [];
      const rows = { documents: [] as SourceDocument[], mentions: [] as Mention[], sentences: [] as SentenceRow[], statements: [] as Statement[], facts: [] as Fact[] };
      for (const d of docs) {
        if (all.length + copies.length >= count) break;
        const to = `${d.id}x${k}`;
        copies.push({ ...d, id: to, url: `${d.url}?copy=${k}`, urls: [`${d.url}?copy=${k}`] });
        const doc = (await db.documents.get(d.id))!;
        rows.documents.push({ ...doc, id: to, file: `${to}.txt` });
        rows.mentions.push(...copyRows(await db.mentions.where('documentId').equals(d.id).toArray(), d.id, to));
        rows.sentences.push(...copyRows(await db.sentences.where('documentId').equals(d.id).toArray(), d.id, to));
        rows.statements.push(...copyRows(await db.statements.where('documentId').equals(d.id).toArray(), d.id, to));
        rows.facts.push(...copyRows(await db.facts.where('documentId').equals(d.id).toArray(), d.id, to));
      }
      await db.transaction('rw', [db.learned, db.documents, db.mentions, db.sentences, db.statements, db.facts], async () => {
        await db.learned.bulkPut(copies);
        await db.documents.bulkPut(rows.documents);
        await db.mentions.bulkPut(rows.mentions);
        await db.sentences.bulkPut(rows.sentences);
        await db.statements.bulkPut(rows.statements);
        await db.facts.bulkPut(rows.facts);
      });
      all.push(...copies);
    }
    ctx.log(`learn: ${all.length} learned documents stored (${await db.statements.count()} statements)`);
    // The card's data, as the background answers entityCard, cold (a new service: no cached card).
    const entities = CARD_ENTITIES;
    const times: number[] = [];
    let statements = 0;
    for (let r = 0; r < (ctx.quick ? 2 : 5); r++) {
      for (const id of entities) {
        const fresh = new KnowledgeService(db, () => diskSources());
        const c0 = performance.now();
        const card = await fresh.card(id);
        times.push(performance.now() - c0);
        ctx.log(`learn: card of ${id} in ${times.at(-1)!.toFixed(0)} ms`);
        statements = Math.max(statements, card?.statements.length ?? 0);
      }
    }
    const learnedIds = new Set(all.map((d) => d.id));
    const mine = <T extends { documentId: string }>(rows: T[]) => rows.filter((r) => learnedIds.has(r.documentId));
    const [documents, statementsRows, mentions, sentences, facts, entitiesRows] = await Promise.all([
      db.documents.toArray(),
      db.statements.toArray(),
      db.mentions.toArray(),
      db.sentences.toArray(),
      db.facts.toArray(),
      db.entities.toArray(),
    ]);
    const derived =
      bytes(documents.filter((d) => learnedIds.has(d.id))) + bytes(mine(statementsRows)) + bytes(mine(mentions)) + bytes(mine(sentences)) + bytes(mine(facts)) + bytes(entitiesRows.filter((e) => e.documentId && learnedIds.has(e.documentId)));
    const stored = bytes(all);
    const perThousand = ((derived + stored) / all.length) * 1000;
    ctx.log(`learn: ${count} documents: learned rows ${(stored / 1e6).toFixed(1)} MB, derived ${(derived / 1e6).toFixed(1)} MB`);
    return [
      figure({
        id: 'learn.card-with-1000-docs.node',
        value: median(times),
        unit: 'ms',
        note: `${count} learned ${WORDS}-word documents (${distinct} extracted, the others copies of their records under other ids); the card's data (cardFor: facts, ranked statements, peers) for ${entities.join(', ')} from a fresh service (nothing cached), median of ${times.length}; up to ${statements} statements on a card; Node over fake-indexeddb (the page UI's rendering not included)`,
      }),
      figure({
        id: 'learn.size-per-1000-docs',
        value: perThousand / 1e6,
        unit: 'MB',
        note: `JSON bytes of the rows ${count} learned ${WORDS}-word documents add: the stored documents (text, addresses: ${((stored / count) * 1000 / 1e6).toFixed(1)} MB) plus their knowledge-base rows (the document's copy of the text, statements, mentions, sentences, facts, people: ${((derived / count) * 1000 / 1e6).toFixed(1)} MB); IndexedDB adds its indexes and per-record overhead`,
      }),
    ];
  } finally {
    db.close();
    await db.delete().catch(() => {});
  }
}

const bench: BenchModule = {
  id: 'learn',
  title: 'learning from pages',
  async run(ctx: BenchContext): Promise<Figure[]> {
    const figures: Figure[] = [];
    figures.push(...(await manyLearned(ctx)));
    figures.push(await seedOnlyCard(ctx));
    ensureBuilt(ctx.log);
    const dir = mkdtempSync(join(tmpdir(), 'csto-learn-bench-'));
    writeFileSync(join(dir, 'article.html'), articleHtml(article(0)));
    const server = await startFixtureServer(dir);
    try {
      for (const name of ['chromium', 'firefox'] as const) {
        const extDir = await snapshot(EXT_DIRS[name]);
        try {
          figures.push(await learnInBrowser(name, extDir, server.url('article.html'), ctx));
        } catch (err) {
          ctx.log(`learn ${name} FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
          figures.push({ id: `learn.one.${name}`, value: null, unit: 'ms', baseline: null, ratio: null, target: null, met: false, note: `failed: ${String(err).slice(0, 300)}` });
        } finally {
          rmSync(extDir, { recursive: true, force: true });
        }
      }
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
    return figures;
  },
};
export default bench;
