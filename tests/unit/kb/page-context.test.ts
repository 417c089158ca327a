import { Dexie } from 'dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LensDb } from '../../../lib/db/database';
import { KnowledgeService } from '../../../lib/kb/service';
import { oneLine, pageContextFor } from '../../../lib/kb/page-context';
import { diskSources } from '../../../scripts/lib/sources';

// The popup's context view of a page, from the real knowledge base built from the seeds.
const name = `page-context-${process.pid}`;
let svc: KnowledgeService;
beforeAll(async () => {
  svc = new KnowledgeService(new LensDb(name), () => diskSources());
  await svc.ensureBuilt();
}, 120_000);
afterAll(async () => {
  svc.db.close();
  await Dexie.delete(name);
});

// Pages written for this test, in the styles of several outlets: none of them is a seed.
const PAGES = {
  wire:
    'MOSCOW, Nov 3 (Reuters) - Foreign ministers of the Collective Security Treaty Organization met in Moscow on Monday. ' +
    'Russian Foreign Minister Sergei Lavrov said the bloc would strengthen its collective rapid reaction forces on the Tajik-Afghan border.',
  ministry:
    'The delegation of Kazakhstan took part in the session of the CSTO Council of Foreign Ministers. The sides discussed the situation in Afghanistan and the security of Central Asia.',
  none: 'The city council approved a new budget for public libraries and parks on Tuesday, after a long debate about bicycle lanes.',
};

describe('pageContextFor', () => {
  it.each([
    ['wire', ['org:csto']],
    ['ministry', ['body:csto-cfm', 'country:kazakhstan']],
  ] as const)('a %s page: its entities, each with a one-line description, counted from the text', async (page, must) => {
    const ctx = await pageContextFor(svc.db, svc, { text: PAGES[page] });
    const ids = ctx.entities.map((e) => e.entityId);
    for (const id of must) expect(ids).toContain(id);
    for (const e of ctx.entities) {
      expect(e.description.length).toBeGreaterThan(0);
      expect(e.description).not.toContain('\n');
      expect(e.count).toBeGreaterThan(0);
    }
  });

  it('gives each entity its most recent statement: what it said, or else what names it', async () => {
    const ctx = await pageContextFor(svc.db, svc, { text: PAGES.wire });
    let checked = 0;
    for (const e of ctx.entities) {
      const spoken = await svc.db.statements.where('speakerId').equals(e.entityId).toArray();
      const naming = await svc.db.statements.where('entityIds').equals(e.entityId).toArray();
      const pool = spoken.length ? spoken : naming;
      if (pool.length === 0) {
        expect(e.latest).toBeNull();
        continue;
      }
      expect(e.latest!.relation).toBe(spoken.length ? 'spoken' : 'names');
      expect(pool.map((s) => s.id)).toContain(e.latest!.id);
      expect(e.latest!.date ?? '').toBe(pool.map((s) => s.date ?? '').sort().at(-1));
      expect(e.latest!.source.outlet.length).toBeGreaterThan(0);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('ranks statements related to the whole page, each with its source', async () => {
    const ctx = await pageContextFor(svc.db, svc, { text: PAGES.wire });
    expect(ctx.related.length).toBeGreaterThan(0);
    expect(ctx.related.length).toBeLessThanOrEqual(8);
    const scores = ctx.related.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    for (const r of ctx.related) expect(r.source.documentId).toBeTruthy();
  });

  it('uses the content script\'s counts where it has them, and leaves context-only entities out', async () => {
    const ctx = await pageContextFor(svc.db, svc, { text: PAGES.wire, counts: [['org:csto', 9], ['country:afghanistan', 2]] });
    expect(ctx.entities.map((e) => [e.entityId, e.count])).toEqual([['org:csto', 9]]);
  });

  it('a page that names no entity has none, and says so by being empty', async () => {
    const ctx = await pageContextFor(svc.db, svc, { text: PAGES.none });
    expect(ctx.entities).toEqual([]);
  });
});

describe('oneLine', () => {
  it.each([
    ['A military alliance. Founded in 2002.', 'A military alliance.'],
    ['  Spaced\n  out  text. More. ', 'Spaced out text.'],
    [`${'word '.repeat(60)}end.`, expect.stringMatching(/^(word ){20,}word…$/)],
    ['', ''],
  ])('%j → %j', (input, out) => {
    expect(oneLine(input)).toEqual(out);
  });
});
