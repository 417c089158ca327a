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
export const PEER_DOCUMENTS = 60;

/** Entities mentioned in the same sentences as `entityId`, most often first. */
export async function peersOf(db: LensDb, entityId: string, limit = 8): Promise<CardPeer[]> {
  const all = await db.mentions.where('entityId').equals(entityId).toArray();
  if (all.length === 0) return [];
  const perDoc = new Map<string, number>();
  for (const m of all) perDoc.set(m.documentId, (perDoc.get(m.documentId) ?? 0) + 1);
  const kept = new Set(
    [...perDoc]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, PEER_DOCUMENTS)
      .map(([id]) => id),
  );
  const own = all.filter((m) => kept.has(m.documentId));
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

/** `namedInside`: the entities named inside the given names of the entity (the matcher's, see
 *  EntityMatcher.namedInside); without it the card lists none. */
export async function cardFor(db: LensDb, entityId: string, namedInside?: (names: string[], entityId: string) => Promise<string[]>): Promise<CardData | null> {
  const entity = await db.entities.get(entityId);
  if (!entity) return null;
  const [aliases, facts, spoken, naming, peers] = await Promise.all([
    db.aliases.where('entityId').equals(entityId).toArray(),
    db.facts.where('entityId').equals(entityId).toArray(),
    db.statements.where('speakerId').equals(entityId).toArray(),
    db.statements.where('entityIds').equals(entityId).toArray(),
    peersOf(db, entityId),
  ]);
  // "Close" entities: the ones it appears with, and the ones the registry relates it to.
  const close = new Set([...peers.slice(0, 5).map((p) => p.id), ...(entity.related ?? []).map((r) => r.entityId)]);
  close.delete(entityId);
  const near = (await Promise.all([...close].map((id) => db.statements.where('entityIds').equals(id).toArray()))).flat(); // equals(), not anyOf(): see peersOf
  // Only the documents these rows come from (not every document's text: learned pages make them many).
  const docIds = [...new Set([...facts, ...spoken, ...naming, ...near].map((r) => r.documentId).filter((id) => id !== 'registry'))];
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

  const timelineCount = new Set([...spoken, ...naming].filter((s) => docs.has(s.documentId)).map((s) => s.id)).size;
  return {
    ...(inside.length ? { inside } : {}),
    ...(timelineCount ? { timelineCount } : {}),
    entity: { id: entity.id, type: entity.type, name: entity.name, description: entity.description, aliases: aliases.map((a) => a.text) },
    facts: tidyFacts(
      facts
      .map((f: Fact) => {
        const doc = f.documentId === 'registry' ? undefined : docs.get(f.documentId);
        return { id: f.id, kind: f.kind, text: f.text, source: doc ? sourceOf(doc) : null, start: f.start, end: f.end };
      })
      // Facts read from documents first (they carry a source to check), then curated ones.
      .sort((a, b) => Number(a.source === null) - Number(b.source === null) || a.kind.localeCompare(b.kind)),
      [entity.name, ...aliases.map((a) => a.text)],
    ),
    statements: statements.map(({ weight: _w, ...s }) => s),
    peers,
  };
}
