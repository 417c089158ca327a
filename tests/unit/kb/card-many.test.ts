import type { DBCore } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { CARD_CANDIDATES, FACT_SOURCES, cardFor } from '../../../lib/kb/card';
import { LensDb } from '../../../lib/db/database';
import type { Entity, Fact, Mention, SourceDocument, Statement } from '../../../lib/model/types';

// A card with 1,000 learned documents (issue 17): it still shows the newest statements first, the
// right counts, and reads a bounded number of rows, not every statement, mention and document.

const N = 1000;
const CSTO = 'org:csto';
const ZAS = 'person:zas';
const LAVROV = 'person:lavrov';
const TEXT = 'Zas said the CSTO met. Lavrov and Zas spoke of the CSTO. ' + 'filler '.repeat(400);

const entity = (id: string, name: string, type: Entity['type']): Entity => ({ id, type, name, description: name, origin: 'registry' });
// Document i is dated day i after 2020-01-01: the last is the newest.
const dateOf = (i: number) => new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10);
const docId = (i: number) => `learned:page-${String(i).padStart(4, '0')}`;

async function fill(db: LensDb) {
  const documents: SourceDocument[] = [];
  const statements: Statement[] = [];
  const mentions: Mention[] = [];
  const sentences = [];
  const facts: Fact[] = [];
  for (let i = 0; i < N; i++) {
    const id = docId(i);
    documents.push({ id, file: `${id}.txt`, title: `Page ${i}`, outlet: `news${i % 7}.example`, date: dateOf(i), datePrecision: 'day', text: TEXT, hash: `h${i}`, origin: 'learned' });
    const st = (s: number, e: number, speakerId: string | null, entityIds: string[]): Statement => ({
      id: `${id}:st:${s}-${e}`, documentId: id, kind: 'quote', text: `${speakerId ?? 'someone'} in page ${i}`, start: s, end: e,
      speakerId, speakerName: speakerId, speakerMention: null, date: dateOf(i), entityIds,
    });
    statements.push(st(0, 22, ZAS, [ZAS, CSTO]), st(23, 57, LAVROV, [LAVROV, ZAS, CSTO]));
    for (const [s, e, ent] of [[0, 3, ZAS], [13, 17, CSTO], [23, 29, LAVROV], [34, 37, ZAS], [50, 54, CSTO]] as const) {
      mentions.push({ id: `${id}:${s}-${e}`, entityId: ent, documentId: id, start: s, end: e, text: TEXT.slice(s, e) });
    }
    sentences.push({ id: `${id}#0`, documentId: id, index: 0, start: 0, end: 22 }, { id: `${id}#1`, documentId: id, index: 1, start: 23, end: 57 });
    facts.push({ id: `${id}:role:${ZAS}:0`, entityId: ZAS, kind: 'role', text: 'CSTO Secretary General Stanislav Zas', documentId: id, start: 0, end: 3 });
  }
  await db.entities.bulkPut([entity(CSTO, 'CSTO', 'organization'), entity(ZAS, 'Stanislav Zas', 'person'), entity(LAVROV, 'Sergey Lavrov', 'person')]);
  await db.aliases.bulkPut([{ id: `${ZAS}|Zas`, entityId: ZAS, text: 'Zas', caseSensitive: true }]);
  await db.documents.bulkPut(documents);
  await db.statements.bulkPut(statements);
  await db.mentions.bulkPut(mentions);
  await db.sentences.bulkPut(sentences);
  await db.facts.bulkPut(facts);
}

/** Rows (values, not keys) each table hands out, counted in Dexie's DBCore. */
function countReads(db: LensDb): Map<string, number> {
  const reads = new Map<string, number>();
  const add = (table: string, n: number) => reads.set(table, (reads.get(table) ?? 0) + n);
  db.use({
    stack: 'dbcore',
    name: 'count-reads',
    create: (down: DBCore): DBCore => ({
      ...down,
      table: (name) => {
        const t = down.table(name);
        return {
          ...t,
          get: async (req) => {
            const r = await t.get(req);
            if (r !== undefined) add(name, 1);
            return r;
          },
          getMany: async (req) => {
            const r = await t.getMany(req);
            add(name, r.filter((x) => x !== undefined).length);
            return r;
          },
          query: async (req) => {
            const r = await t.query(req);
            if (req.values) add(name, r.result.length);
            return r;
          },
          openCursor: async (req) => {
            const c = await t.openCursor(req);
            if (c && req.values !== false) add(name, 1); // a cursor over rows: at least its first (not used by the card)
            return c;
          },
        };
      },
    }),
  });
  return reads;
}

let db: LensDb | undefined;
afterEach(async () => {
  db?.close();
  await db?.delete();
});

describe('a card with 1,000 learned documents', () => {
  it('lists the newest statements first, counts them all and reads a bounded number of rows', async () => {
    db = new LensDb(`card-many-${Math.random()}`);
    const reads = countReads(db);
    await fill(db);
    reads.clear();

    const card = (await cardFor(db, ZAS))!;

    // What Zas said comes first, newest first: the last documents' statements.
    const spoken = card.statements.filter((s) => s.relation === 'spoken');
    expect(spoken.length).toBe(CARD_CANDIDATES);
    expect(spoken.slice(0, 3).map((s) => s.source.documentId)).toEqual([docId(N - 1), docId(N - 2), docId(N - 3)]);
    expect(spoken.every((s, i) => i === 0 || (spoken[i - 1]!.date ?? '') >= (s.date ?? ''))).toBe(true);
    // Then statements naming him (Lavrov's), also the newest.
    const names = card.statements.filter((s) => s.relation === 'names');
    expect(names[0]!.source.documentId).toBe(docId(N - 1));
    expect(names[0]!.speakerId).toBe(LAVROV);
    // The timeline's count is still all of them.
    expect(card.timelineCount).toBe(2 * N);
    // Peers counted in a sample of documents, but the right ones.
    expect(card.peers.map((p) => p.id)).toEqual([CSTO, LAVROV]);
    // One fact with 999 further sources: the newest named, the rest counted.
    expect(card.facts).toHaveLength(1);
    expect(card.facts[0]!.also).toHaveLength(FACT_SOURCES);
    expect(card.facts[0]!.also!.length + card.facts[0]!.alsoMore!).toBe(N - 1);
    expect(card.facts[0]!.also![0]!.documentId).toBe(docId(N - 1));

    // Bounded: the tables hold 2,000 statements, 5,000 mentions and 1,000 documents with their text.
    const total = [...reads.values()].reduce((a, b) => a + b, 0);
    // A probe of CARD_CANDIDATES + 1 rows per index key (spoken, naming, and the two close entities),
    // then the newest CARD_CANDIDATES of each relation by id.
    expect(reads.get('statements') ?? 0).toBeLessThanOrEqual(4 * (CARD_CANDIDATES + 1) + 3 * CARD_CANDIDATES);
    expect(reads.get('documents') ?? 0).toBeLessThanOrEqual(2 * CARD_CANDIDATES + FACT_SOURCES + 1);
    expect(reads.get('mentions') ?? 0).toBeLessThanOrEqual(200);
    // Facts are read whole (3 per document at most); everything else is bounded.
    expect(total - (reads.get('facts') ?? 0)).toBeLessThanOrEqual(1000);
  });
});
