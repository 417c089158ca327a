import type { Entity, Fact, Mention, SourceDocument, Statement } from '../model/types';
import type { LensDb } from '../db/database';
import type { SentenceRow } from '../db/knowledge';
import { tidyFacts } from './card-facts';
import type { CardSource, CardFact, StatementRelation, CardStatement, CardPeer, CardData } from '../model/knowledge';
export type { CardSource, CardFact, StatementRelation, CardStatement, CardPeer, CardData };

// What the card shows for one entity: description, facts with their sources,
// related statements ranked (spoken by it, naming it, naming entities close to
// it), and the entities it most often appears with. Read from the background.

export function sourceOf(doc: SourceDocument): CardSource {
  return { documentId: doc.id, title: doc.title, outlet: doc.outlet, date: doc.date, datePrecision: doc.datePrecision };
}

const RELATION_RANK: Record<StatementRelation, number> = { spoken: 0, names: 1, near: 2 };

/** Peers are counted in at most this many documents (those that mention the entity most): with many
 *  learned pages, reading every mention of every document that names the CSTO would make a card slow. */
export const PEER_DOCUMENTS = 16;

/** Mentions of the entity (ids only) among which those documents are chosen: a sample in id order once
 *  there are more (the CSTO has tens of thousands with 1,000 learned pages). */
export const PEER_MENTIONS = 3000;

/** Statements ranked per relation (spoken, names, near): those of the newest documents. A card shows a
 *  few and the timeline all, so with 1,000 learned pages a card reads a few hundred rows, not thousands. */
export const CARD_CANDIDATES = 120;

/** Further sources of a fact a card names (the newest); the count of the others is `alsoMore`. */
export const FACT_SOURCES = 20;

// Row ids carry their document's id (lib/kb/build.ts): `${doc}:${start}-${end}` for a mention,
// `${doc}:st:${start}-${end}` for a statement. A card reads ids (keys only, no rows) to choose what to read.
const mentionDoc = (id: string) => id.slice(0, id.lastIndexOf(':'));
const mentionStart = (id: string) => Number(id.slice(id.lastIndexOf(':') + 1).split('-')[0]);
const statementDoc = (id: string) => id.slice(0, id.lastIndexOf(':st:'));

/** Entities mentioned in the same sentences as `entityId`, most often first. */
export async function peersOf(db: LensDb, entityId: string, limit = 8): Promise<CardPeer[]> {
  const keys = (await db.mentions.where('entityId').equals(entityId).limit(PEER_MENTIONS).primaryKeys()) as string[];
  if (keys.length === 0) return [];
  const perDoc = new Map<string, number>();
  for (const k of keys) perDoc.set(mentionDoc(k), (perDoc.get(mentionDoc(k)) ?? 0) + 1);
  const kept = new Set(
    [...perDoc]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, PEER_DOCUMENTS)
      .map(([id]) => id),
  );
  const own = keys.filter((k) => kept.has(mentionDoc(k))).map((k) => ({ documentId: mentionDoc(k), start: mentionStart(k) }));
  // Only the sentences of those documents (learned documents make the table large).
  // One equals() per document rather than anyOf(): fake-indexeddb (Node, the CLI) jumps an index cursor
  // by scanning it, which made anyOf over a large table take minutes; in browsers both are B-tree reads.
  const byDocument = async <T>(table: { where(i: 'documentId'): { equals(k: string): { toArray(): Promise<T[]> } } }) =>
    (await Promise.all([...kept].map((id) => table.where('documentId').equals(id).toArray()))).flat();
  const sentences = await byDocument<SentenceRow>(db.sentences);
  const byDoc = new Map<string, { start: number; end: number; id: string }[]>();
  for (const s of sentences) (byDoc.get(s.documentId) ?? byDoc.set(s.documentId, []).get(s.documentId)!).push(s);
  const sentenceOf = (docId: string, offset: number) => byDoc.get(docId)?.find((s) => offset >= s.start && offset < s.end)?.id;
  const mine = new Set(own.map((m) => sentenceOf(m.documentId, m.start)).filter((x): x is string => !!x));
  const counts = new Map<string, Set<string>>();
  for (const m of await byDocument<Mention>(db.mentions)) {
    if (m.entityId === entityId) continue;
    const sid = sentenceOf(m.documentId, m.start);
    if (!sid || !mine.has(sid)) continue;
    (counts.get(m.entityId) ?? counts.set(m.entityId, new Set()).get(m.entityId)!).add(sid);
  }
  const entities = await db.entities.bulkGet([...counts.keys()]);
  return entities
    .filter((e): e is Entity => !!e && e.highlight !== false)
    .map((e) => ({ id: e.id, name: e.name, type: e.type, count: counts.get(e.id)!.size }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
    .slice(0, limit);
}

/** The knowledge base's documents: which exist (ids only, one read), and their order newest first
 *  (by the date index, undated ones last), read only when a card has many rows to choose from. */
class Documents {
  private order?: Promise<Map<string, number>>;
  private constructor(
    private readonly db: LensDb,
    readonly ids: ReadonlySet<string>,
  ) {}

  static async of(db: LensDb): Promise<Documents> {
    return new Documents(db, new Set((await db.documents.toCollection().primaryKeys()) as string[]));
  }

  /** Document id → rank, 0 the newest. */
  newestFirst(): Promise<Map<string, number>> {
    this.order ??= (this.db.documents.orderBy('date').reverse().primaryKeys() as Promise<string[]>).then((dated) => {
      const rank = new Map(dated.map((id, i) => [id, i]));
      for (const id of [...this.ids].sort()) if (!rank.has(id)) rank.set(id, rank.size);
      return rank;
    });
    return this.order;
  }
}

/** An index key's statements: their ids, and the rows when they are few (read at once, in one query). */
interface Found {
  ids: string[];
  rows?: Statement[];
}

async function statementsBy(db: LensDb, index: 'speakerId' | 'entityIds', key: string): Promise<Found> {
  const few = await db.statements.where(index).equals(key).limit(CARD_CANDIDATES + 1).toArray();
  if (few.length <= CARD_CANDIDATES) return { ids: few.map((s) => s.id), rows: few };
  // Many (learned pages): ids only, and the newest rows are read by id (pick).
  return { ids: (await db.statements.where(index).equals(key).primaryKeys()) as string[] };
}

/** The statements found, but those in `taken`; at most CARD_CANDIDATES, those of the newest documents
 *  (statements of documents not in the knowledge base dropped). */
async function pick(db: LensDb, found: Found[], taken: ReadonlySet<string>, documents: Documents): Promise<Statement[]> {
  const ids = [...new Set(found.flatMap((f) => f.ids))].filter((id) => !taken.has(id));
  if (ids.length <= CARD_CANDIDATES && found.every((f) => f.rows)) {
    const byId = new Map(found.flatMap((f) => f.rows!).map((s) => [s.id, s]));
    return ids.map((id) => byId.get(id)!);
  }
  const order = await documents.newestFirst();
  const ranked: [number, string][] = [];
  for (const id of ids) {
    const rank = order.get(statementDoc(id));
    if (rank !== undefined) ranked.push([rank, id]);
  }
  const chosen = ranked
    .sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .slice(0, CARD_CANDIDATES)
    .map(([, id]) => id);
  return (await db.statements.bulkGet(chosen)).filter((s): s is Statement => !!s);
}

/** `namedInside`: the entities named inside the given names of the entity (the matcher's, see
 *  EntityMatcher.namedInside); without it the card lists none. */
export async function cardFor(db: LensDb, entityId: string, namedInside?: (names: string[], entityId: string) => Promise<string[]>): Promise<CardData | null> {
  const entity = await db.entities.get(entityId);
  if (!entity) return null;
  const [aliases, factRows, spokenFound, namingFound, peers, documents] = await Promise.all([
    db.aliases.where('entityId').equals(entityId).toArray(),
    db.facts.where('entityId').equals(entityId).toArray(),
    statementsBy(db, 'speakerId', entityId),
    statementsBy(db, 'entityIds', entityId),
    peersOf(db, entityId),
    Documents.of(db),
  ]);
  // "Close" entities: the ones it appears with, and the ones the registry relates it to.
  const close = new Set([...peers.slice(0, 5).map((p) => p.id), ...(entity.related ?? []).map((r) => r.entityId)]);
  close.delete(entityId);
  // equals(), not anyOf(): see peersOf
  const nearFound = await Promise.all([...close].map((id) => statementsBy(db, 'entityIds', id)));
  const spokenIds = new Set(spokenFound.ids);
  const own = new Set([...spokenFound.ids, ...namingFound.ids]);
  const [spoken, naming, near] = await Promise.all([
    pick(db, [spokenFound], new Set(), documents),
    pick(db, [namingFound], spokenIds, documents),
    pick(db, nearFound, own, documents),
  ]);
  // Facts merged by what they say, with their documents' ids as sources for now: the documents
  // themselves (with their text) are read only for the sources a card names (FACT_SOURCES).
  const names = [entity.name, ...aliases.map((a) => a.text)];
  const tidied = tidyFacts(
    factRows
      .map((f: Fact) => ({ f, source: f.documentId !== 'registry' && documents.ids.has(f.documentId) ? { documentId: f.documentId } : null }))
      // Facts read from documents first (they carry a source to check), then curated ones.
      .sort((a, b) => Number(a.source === null) - Number(b.source === null) || a.f.kind.localeCompare(b.f.kind))
      .map(({ f, source }) => ({ fact: f, kind: f.kind, text: f.text, source })),
    names,
  );
  const order = tidied.some((t) => t.also.length > FACT_SOURCES) ? await documents.newestFirst() : null;
  const facts = tidied.map((t) => {
    // The newest of many further sources (the count of the rest in alsoMore).
    const also = order && t.also.length > FACT_SOURCES ? [...t.also].sort((a, b) => order.get(a.documentId)! - order.get(b.documentId)!).slice(0, FACT_SOURCES) : t.also;
    return { ...t, also, alsoMore: t.also.length - also.length };
  });
  // Only the documents these rows come from (not every document's text: learned pages make them many).
  const docIds = [...new Set([...spoken, ...naming, ...near, ...facts.flatMap((t) => [t.source, ...t.also])].map((r) => r?.documentId).filter((id): id is string => !!id && id !== 'registry'))];
  const docs = new Map((await db.documents.bulkGet(docIds)).filter((d): d is SourceDocument => !!d).map((d) => [d.id, d]));

  const seen = new Set<string>();
  const statements: (CardStatement & { weight: number })[] = [];
  const push = (list: Statement[], relation: StatementRelation) => {
    for (const s of list) {
      const doc = docs.get(s.documentId);
      if (!doc || seen.has(s.id)) continue;
      seen.add(s.id);
      const weight = relation === 'near' ? s.entityIds.filter((id) => close.has(id)).length : 0;
      statements.push({
        id: s.id,
        kind: s.kind,
        text: s.text,
        speakerId: s.speakerId,
        speakerName: s.speakerName,
        date: s.date,
        source: sourceOf(doc),
        relation,
        weight,
      });
    }
  };
  push(spoken, 'spoken');
  push(naming, 'names');
  push(near, 'near');
  statements.sort(
    (a, b) =>
      RELATION_RANK[a.relation] - RELATION_RANK[b.relation] ||
      b.weight - a.weight ||
      (b.date ?? '').localeCompare(a.date ?? '') ||
      a.id.localeCompare(b.id),
  );

  const insideIds = namedInside ? await namedInside([entity.name, ...aliases.map((a) => a.text)], entityId) : [];
  const inside = (await db.entities.bulkGet(insideIds))
    .filter((e): e is Entity => !!e && e.highlight !== false)
    .map((e) => ({ id: e.id, type: e.type, name: e.name }));

  const timelineCount = [...own].filter((id) => documents.ids.has(statementDoc(id))).length;
  return {
    ...(inside.length ? { inside } : {}),
    ...(timelineCount ? { timelineCount } : {}),
    entity: { id: entity.id, type: entity.type, name: entity.name, description: entity.description, aliases: aliases.map((a) => a.text) },
    facts: facts.map(({ fact: f, text, source, also, alsoMore }) => {
      const doc = source ? docs.get(source.documentId) : undefined;
      return {
        id: f.id,
        kind: f.kind,
        text,
        source: doc ? sourceOf(doc) : null,
        start: f.start,
        end: f.end,
        also: also.map((a) => docs.get(a.documentId)).filter((d): d is SourceDocument => !!d).map(sourceOf),
        ...(alsoMore ? { alsoMore } : {}),
      };
    }),
    statements: statements.map(({ weight: _w, ...s }) => s),
    peers,
  };
}
