import MiniSearch from 'minisearch';
import type { Entity, EntityType, Fact, SourceDocument, Statement } from '../model/types';
import type { AliasRow } from '../db/knowledge';

// Search over the whole knowledge base (entities with their aliases, statements,
// facts), with prefix and fuzzy matching, for results as the user types.

export type SearchHitKind = 'entity' | 'statement' | 'fact';

export interface SearchHit {
  kind: SearchHitKind;
  id: string;
  /** Entity name, or the statement's speaker, or the fact's entity. */
  title: string;
  text: string;
  entityType?: EntityType;
  documentId?: string;
  score: number;
}

interface Doc {
  id: string;
  kind: SearchHitKind;
  title: string;
  text: string;
  aliases: string;
  entityType?: EntityType;
  documentId?: string;
}

export interface SearchSources {
  entities: Entity[];
  aliases: AliasRow[];
  statements: Statement[];
  facts: Fact[];
  documents: SourceDocument[];
}

export class KbSearch {
  private constructor(private readonly index: MiniSearch<Doc>) {}

  static build({ entities, aliases, statements, facts }: SearchSources): KbSearch {
    const names = new Map(entities.map((e) => [e.id, e.name]));
    const aliasesBy = new Map<string, string[]>();
    for (const a of aliases) (aliasesBy.get(a.entityId) ?? aliasesBy.set(a.entityId, []).get(a.entityId)!).push(a.text);
    const index = new MiniSearch<Doc>({
      fields: ['title', 'aliases', 'text'],
      storeFields: ['kind', 'title', 'text', 'entityType', 'documentId'],
      searchOptions: { boost: { title: 3, aliases: 2 }, prefix: true, fuzzy: 0.2 },
    });
    index.addAll([
      ...entities.map((e) => ({
        id: `entity:${e.id}`,
        kind: 'entity' as const,
        title: e.name,
        text: e.description,
        aliases: (aliasesBy.get(e.id) ?? []).join(' · '),
        entityType: e.type,
      })),
      ...statements.map((s) => ({
        id: `statement:${s.id}`,
        kind: 'statement' as const,
        title: s.speakerName ?? 'Unattributed',
        text: s.text,
        aliases: '',
        documentId: s.documentId,
      })),
      ...facts.map((f) => ({
        id: `fact:${f.id}`,
        kind: 'fact' as const,
        title: names.get(f.entityId) ?? f.entityId,
        text: f.text,
        aliases: '',
        documentId: f.documentId,
      })),
    ]);
    return new KbSearch(index);
  }

  search(query: string, limit = 20): SearchHit[] {
    if (!query.trim()) return [];
    return this.index.search(query).slice(0, limit).map((r) => ({
      kind: r.kind as SearchHitKind,
      id: String(r.id).slice(String(r.id).indexOf(':') + 1),
      title: r.title as string,
      text: r.text as string,
      ...(r.entityType ? { entityType: r.entityType as EntityType } : {}),
      ...(r.documentId ? { documentId: r.documentId as string } : {}),
      score: r.score,
    }));
  }
}
