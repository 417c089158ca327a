import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { LensDb } from '../../../lib/db/database';
import { KnowledgeService } from '../../../lib/kb/service';
import { LearnService } from '../../../lib/kb/learn-service';
import { learnProblem, MAX_LEARNED_CHARS } from '../../../lib/learn/learned';
import type { ArticleRead } from '../../../lib/model/types';
import { diskSources } from '../../../scripts/lib/sources';

// Learning from pages the reader chooses (issue 17): stored as user data, built into the knowledge
// base with its provenance, kept across rebuilds, updated (not doubled) under another address, removed
// with what it brought, and refused with a reason when it cannot be read.
const names: string[] = [];
function setup() {
  const name = `learn-${process.pid}-${names.length}`;
  names.push(name);
  const db = new LensDb(name);
  const kb = new KnowledgeService(db, () => diskSources());
  return { db, kb, learn: new LearnService(db, kb) };
}
afterEach(async () => {
  for (const n of names.splice(0)) await Dexie.delete(n);
});

// An article written for this test (not a seed), in wire style.
const TEXT = [
  'CSTO chief warns of rising threats on the Tajik-Afghan border',
  'DUSHANBE, March 4 — The Secretary General of the Collective Security Treaty Organization said on Tuesday that the situation on the Tajik-Afghan border remained tense.',
  '"We see a growing number of militants near the border, and the CSTO is ready to help Tajikistan," Imangali Tasmagambetov told reporters in Dushanbe.',
  'He added that the Collective Rapid Reaction Forces would hold exercises in Tajikistan in the autumn.',
  'Russian Foreign Minister Sergey Lavrov said the alliance would strengthen the outer perimeter of its member states.',
].join('\n');
const read = (over: Partial<ArticleRead> = {}): ArticleRead => ({
  location: 'https://www.example-news.com/world/2025/03/04/csto-border?utm_source=feed',
  canonical: 'https://www.example-news.com/world/2025/03/04/csto-border',
  title: 'CSTO chief warns of rising threats on the Tajik-Afghan border',
  outlet: 'Example News',
  published: '2025-03-04',
  lang: 'en',
  text: TEXT,
  ...over,
});

describe('learning a page', () => {
  it('adds its statements to the knowledge base with the page as their source', async () => {
    const { db, kb, learn } = setup();
    await kb.ensureBuilt();
    const before = await db.statements.count();
    const r = await learn.learn(read());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.created).toBe(true);
    expect(r.summary.statements).toBeGreaterThan(0);
    const doc = await db.documents.get(r.summary.id);
    expect(doc).toMatchObject({ title: read().title, outlet: 'Example News', date: '2025-03-04', url: read().canonical, origin: 'learned' });
    expect(await db.statements.count()).toBe(before + r.summary.statements);
    const quote = (await db.statements.where('documentId').equals(r.summary.id).toArray()).find((s) => s.text.includes('growing number of militants'));
    expect(quote?.date).toBe('2025-03-04');
    db.close();
  }, 60_000);

  it('the same article under another address (AMP, its canonical) updates it instead of adding another', async () => {
    const { db, learn } = setup();
    const first = await learn.learn(read());
    const amp = await learn.learn(read({ location: 'https://amp.example-news.com/world/2025/03/04/csto-border.amp', canonical: null, text: `${TEXT}\nUpdated at 14:00.` }));
    const same = await learn.learn(read({ location: 'https://www.example-news.com/print/csto-border', canonical: read().canonical }));
    expect(first.ok && amp.ok && same.ok).toBe(true);
    if (!first.ok || !amp.ok || !same.ok) return;
    expect([amp.created, same.created]).toEqual([false, false]);
    expect(new Set([first.summary.id, amp.summary.id, same.summary.id]).size).toBe(1);
    expect(await db.learned.count()).toBe(1);
    expect(await db.documents.where('id').equals(first.summary.id).count()).toBe(1);
    db.close();
  }, 60_000);

  it('is kept when the knowledge base is rebuilt (a new release of the seeds), and by its key unchanged otherwise', async () => {
    const { db, kb, learn } = setup();
    const r = await learn.learn(read());
    if (!r.ok) throw new Error(r.error);
    expect(await kb.ensureBuilt()).toBe(false); // nothing changed: no build
    // A new release: the shipped sources change, the build runs again, the learned page stays in it.
    const shipped = diskSources();
    const kb2 = new KnowledgeService(db, () => ({ ...shipped, seeds: shipped.seeds.slice(0, 4) }));
    expect(await kb2.ensureBuilt()).toBe(true);
    expect(await db.learned.count()).toBe(1);
    expect(await db.documents.get(r.summary.id)).toBeTruthy();
    expect(await db.statements.where('documentId').equals(r.summary.id).count()).toBe(r.summary.statements);
    db.close();
  }, 60_000);

  it('removing it takes its statements, facts and mentions with it; undo brings them back', async () => {
    const { db, learn } = setup();
    const r = await learn.learn(read());
    if (!r.ok) throw new Error(r.error);
    const removed = await learn.remove(r.summary.id);
    expect(removed?.id).toBe(r.summary.id);
    expect(await db.documents.get(r.summary.id)).toBeUndefined();
    expect(await db.statements.where('documentId').equals(r.summary.id).count()).toBe(0);
    expect(await db.mentions.where('documentId').equals(r.summary.id).count()).toBe(0);
    const back = await learn.restore(removed!);
    expect(back.statements).toBe(r.summary.statements);
    expect(await learn.forUrl(read().canonical!)).toMatchObject({ id: r.summary.id });
    db.close();
  }, 60_000);

  it('restore holds what comes back to the rules of learning (a page cannot slip a data: document in)', async () => {
    const { db, learn } = setup();
    const r = await learn.learn(read());
    if (!r.ok) throw new Error(r.error);
    const removed = (await learn.remove(r.summary.id))!;
    await expect(learn.restore({ ...removed, url: 'data:text/html,<p>x</p>' })).rejects.toThrow(/http/);
    expect(await db.learned.count()).toBe(0);
    db.close();
  }, 60_000);

  it.each([
    ['empty', read({ text: 'Subscribe to read.' }), /no article text/],
    ['too large', read({ text: 'The CSTO met. '.repeat(MAX_LEARNED_CHARS / 10) }), /too large/],
    ['in another language', read({ lang: 'de', text: 'Die OVKS traf sich in Moskau. '.repeat(40) }), /language.*\(de\)/],
    ['not a web page', read({ location: 'file:///home/me/a.html' }), /http/],
  ])('a page that is %s gets a clear message and is not stored', async (_what, page, message) => {
    const { db, learn } = setup();
    expect(learnProblem(page)).toMatch(message);
    const r = await learn.learn(page);
    expect(r).toEqual({ ok: false, error: expect.stringMatching(message) });
    expect(await db.learned.count()).toBe(0);
    db.close();
  });

  it('a Russian page with no lang attribute is read as Russian', () => {
    expect(learnProblem(read({ lang: '', text: 'Генеральный секретарь ОДКБ заявил, что ситуация на таджикско-афганской границе остается напряженной. '.repeat(5) }))).toBeNull();
  });
});
