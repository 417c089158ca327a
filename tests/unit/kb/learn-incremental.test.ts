import { Dexie, type DBCore, type DBCoreMutateRequest } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { LensDb } from '../../../lib/db/database';
import { KnowledgeService } from '../../../lib/kb/service';
import { LearnService } from '../../../lib/kb/learn-service';
import { BUILD_KEY } from '../../../lib/kb/store';
import type { ArticleRead } from '../../../lib/model/types';
import { diskSources } from '../../../scripts/lib/sources';

// Learning one page updates only that page's records (issue 17): the seeds' rows are not written
// again, the build key follows (a cold start builds nothing), and the records are the ones a whole
// build makes of the same page.

const names: string[] = [];
let made = 0;
/** Every write to the knowledge-base tables: [table, type, keys] (a DBCore middleware sees each one). */
type Write = { table: string; type: DBCoreMutateRequest['type']; keys: string[] };
function setup() {
  const name = `learn-inc-${process.pid}-${made++}`;
  names.push(name);
  const db = new LensDb(name);
  const writes: Write[] = [];
  db.use({
    stack: 'dbcore',
    name: 'count-writes',
    create: (down: DBCore): DBCore => ({
      ...down,
      table: (tableName) => {
        const t = down.table(tableName);
        return {
          ...t,
          mutate: (req) => {
            const keys =
              req.type === 'delete' ? req.keys : req.type === 'deleteRange' ? ['*'] : req.type === 'add' || req.type === 'put' ? (req.keys ?? req.values.map((v: { id?: string; key?: string }) => v.id ?? v.key ?? '?')) : [];
            writes.push({ table: tableName, type: req.type, keys: keys.map(String) });
            return t.mutate(req);
          },
        };
      },
    }),
  });
  const shipped = diskSources();
  const kb = new KnowledgeService(db, () => ({ ...shipped, fingerprint: 'test-sources' }));
  return { db, kb, learn: new LearnService(db, kb), writes };
}
afterEach(async () => {
  for (const n of names.splice(0)) await Dexie.delete(n);
});

// Written for this test: a wire story with a speaker the registry lacks (a press secretary).
const TEXT = [
  'CSTO to hold staff talks on air defence in Minsk',
  'MINSK, May 12 — CSTO Press Secretary Rustam Bekmurzaev said on Monday that the talks would open next week.',
  '"The delegations will discuss a joint air defence system for the region," Bekmurzaev told reporters in Minsk.',
  'Russian Foreign Minister Sergey Lavrov said the Collective Security Treaty Organization remained the guarantor of stability in Central Asia.',
  'The talks follow exercises of the Collective Rapid Reaction Forces in Tajikistan last autumn, where troops from Kazakhstan and Kyrgyzstan took part.',
].join('\n');
const read = (over: Partial<ArticleRead> = {}): ArticleRead => ({
  location: 'https://news.example.org/2025/05/12/csto-air-defence',
  canonical: null,
  title: 'CSTO to hold staff talks on air defence in Minsk',
  outlet: 'Example Wire',
  published: '2025-05-12',
  lang: 'en',
  text: TEXT,
  ...over,
});
const LAVROV = 'person:sergey-lavrov';

describe('learning one page, incrementally', () => {
  it('adds its statement to the card without writing the seeds again; a cold start builds nothing; removing takes it out', async () => {
    const { db, kb, learn, writes } = setup();
    expect(await kb.ensureBuilt()).toBe(true);
    const seedStatements = await db.statements.toArray();
    const seedKey = (await db.meta.get(BUILD_KEY))!.value as string;
    writes.length = 0;

    const r = await learn.learn(read());
    if (!r.ok) throw new Error(r.error);
    const id = r.summary.id;
    expect(r.summary.statements).toBeGreaterThan(0);
    // Only this document's rows were written: no clear (deleteRange), no seed row touched.
    const kbWrites = writes.filter((w) => ['documents', 'mentions', 'sentences', 'statements', 'facts'].includes(w.table));
    expect(kbWrites.filter((w) => w.type === 'deleteRange')).toEqual([]);
    expect(kbWrites.flatMap((w) => (w.type === 'put' || w.type === 'add' ? w.keys : [])).filter((k) => !k.startsWith(id))).toEqual([]);
    expect(writes.filter((w) => w.table === 'statements' && w.type === 'put').flatMap((w) => w.keys).length).toBe(r.summary.statements);
    const seedAfter = (await db.statements.toArray()).filter((s) => !s.documentId.startsWith('l-'));
    expect(seedAfter).toEqual(seedStatements);

    const card = await kb.card(LAVROV);
    const mine = card!.statements.find((s) => s.source.documentId === id);
    expect(mine).toMatchObject({ source: { outlet: 'Example Wire', date: '2025-05-12' } });
    expect(mine!.text).toMatch(/guarantor of stability/);

    // The build key follows the learned set: this worker and a cold one compare and build nothing.
    const key = (await db.meta.get(BUILD_KEY))!.value as string;
    expect(key.startsWith(`${seedKey}+`)).toBe(true);
    expect(await kb.ensureBuilt()).toBe(false);
    const shipped = diskSources();
    const cold = new KnowledgeService(db, () => ({ ...shipped, fingerprint: 'test-sources' }));
    expect(await cold.ensureBuilt()).toBe(false);
    expect((await cold.stats()).lastCheck).toMatchObject({ built: false, keyMs: 0 }); // not even the key hashed

    writes.length = 0;
    await learn.remove(id);
    // No table is cleared (a rebuild clears them all); only this document's rows are deleted.
    const removedWrites = writes.filter((w) => ['documents', 'mentions', 'sentences', 'statements', 'facts'].includes(w.table));
    expect(removedWrites.filter((w) => w.type !== 'delete')).toEqual([]);
    expect(removedWrites.flatMap((w) => w.keys).filter((k) => !k.startsWith(id))).toEqual([]);
    expect(await db.statements.count()).toBe(seedStatements.length);
    expect((await kb.card(LAVROV))!.statements.some((s) => s.source.documentId === id)).toBe(false);
    expect((await db.meta.get(BUILD_KEY))!.value).toBe(seedKey);
    expect(await cold.ensureBuilt()).toBe(false);
    db.close();
  }, 120_000);

  it('gives the records a whole build gives the same page, the new person with the page as provenance; removing it removes the person', async () => {
    const { db, kb, learn } = setup();
    await kb.ensureBuilt();
    const r = await learn.learn(read());
    if (!r.ok) throw new Error(r.error);
    const id = r.summary.id;
    const rows = async () => ({
      statements: await db.statements.where('documentId').equals(id).sortBy('id'),
      mentions: await db.mentions.where('documentId').equals(id).sortBy('id'),
      facts: await db.facts.where('documentId').equals(id).sortBy('id'),
      sentences: await db.sentences.where('documentId').equals(id).sortBy('id'),
      document: await db.documents.get(id),
    });
    const incremental = await rows();
    const person = (await db.entities.toArray()).find((e) => e.name === 'Rustam Bekmurzaev');
    expect(person).toMatchObject({ type: 'person', origin: 'extracted', documentId: id });
    expect(await db.aliases.where('entityId').equals(person!.id).count()).toBe(1);
    expect(incremental.statements.some((s) => s.speakerId === person!.id)).toBe(true);
    // The whole build of the same sources (the stored key forgotten):
    await db.meta.delete(BUILD_KEY);
    expect(await kb.ensureBuilt()).toBe(true);
    expect(await rows()).toEqual(incremental);
    expect(await db.entities.get(person!.id)).toEqual(person);

    await learn.remove(id);
    expect(await db.entities.get(person!.id)).toBeUndefined();
    expect(await db.aliases.where('entityId').equals(person!.id).count()).toBe(0);
    db.close();
  }, 120_000);

  it('an article read again unchanged (another visit) writes nothing; changed, it replaces its records', async () => {
    const { db, kb, learn, writes } = setup();
    await kb.ensureBuilt();
    const first = await learn.learn(read());
    if (!first.ok) throw new Error(first.error);
    writes.length = 0;
    const again = await learn.learn(read());
    expect(again).toMatchObject({ ok: true, created: false, unchanged: true });
    expect(writes.filter((w) => w.table !== 'matcherSnapshots')).toEqual([]);
    const changed = await learn.learn(read({ text: TEXT.replace('remained the guarantor of stability', 'remained the main guarantor of security') }));
    if (!changed.ok) throw new Error(changed.error);
    expect(changed.unchanged).toBeUndefined();
    const texts = (await db.statements.where('documentId').equals(first.summary.id).toArray()).map((s) => s.text).join(' ');
    expect(texts).toMatch(/main guarantor of security/);
    expect(texts).not.toMatch(/guarantor of stability/);
    expect((await db.entities.toArray()).filter((e) => e.name === 'Rustam Bekmurzaev')).toHaveLength(1);
    expect(await kb.ensureBuilt()).toBe(false);
    db.close();
  }, 120_000);
});
