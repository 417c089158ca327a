import type { Entity, EntityType, SourceDocument, Statement } from '../model/types';
import type { LensDb } from '../db/database';

// Read models over the knowledge base: the export shape of the command-line tool
// and the entity view shared by the CLI and (later) the card.

export interface ExportedEntity {
  id: string;
  type: EntityType;
  name: string;
  aliases: string[];
  description: string;
  facts: { text: string; documentId: string; start: number | null; end: number | null }[];
}

export interface KbExport {
  documents: Omit<SourceDocument, 'text' | 'hash'>[];
  entities: ExportedEntity[];
  statements: Pick<
    Statement,
    'id' | 'documentId' | 'kind' | 'text' | 'speakerId' | 'speakerName' | 'speakerMention' | 'date' | 'entityIds'
  >[];
}

export async function exportKnowledgeBase(db: LensDb): Promise<KbExport> {
  const [documents, entities, aliases, facts, statements] = await Promise.all([
    db.documents.orderBy('id').toArray(),
    db.entities.orderBy('id').toArray(),
    db.aliases.toArray(),
    db.facts.toArray(),
    db.statements.toArray(),
  ]);
  const aliasesBy = groupBy(aliases, (a) => a.entityId);
  const factsBy = groupBy(facts, (f) => f.entityId);
  return {
    documents: documents.map(({ text: _t, hash: _h, ...d }) => d),
    entities: entities.map((e) => ({
      id: e.id,
      type: e.type,
      name: e.name,
      aliases: (aliasesBy.get(e.id) ?? []).map((a) => a.text),
      description: e.description,
      facts: (factsBy.get(e.id) ?? []).map((f) => ({ text: f.text, documentId: f.documentId, start: f.start, end: f.end })),
    })),
    statements: statements
      .sort((a, b) => a.documentId.localeCompare(b.documentId) || a.start - b.start)
      .map((s) => ({
        id: s.id,
        documentId: s.documentId,
        kind: s.kind,
        text: s.text,
        speakerId: s.speakerId,
        speakerName: s.speakerName,
        speakerMention: s.speakerMention,
        date: s.date,
        entityIds: s.entityIds,
      })),
  };
}

/** One entity by id, exact name or alias (case-insensitive). */
export async function findEntity(db: LensDb, query: string): Promise<Entity | undefined> {
  const byId = await db.entities.get(query);
  if (byId) return byId;
  const q = query.trim().toLowerCase();
  const all = await db.entities.toArray();
  const byName = all.find((e) => e.name.toLowerCase() === q);
  if (byName) return byName;
  const alias = (await db.aliases.toArray()).find((a) => a.text.toLowerCase() === q);
  return alias ? db.entities.get(alias.entityId) : undefined;
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
}
