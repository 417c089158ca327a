import type { ContextRule, Entity, Fact, Mention, SourceDocument, Statement } from '../model/types';
import type { MatcherSnapshot } from '../match/entities';

// The knowledge tables: rebuilt from the registry, the seeds and the learned pages, only these,
// in one transaction (lib/kb/store.ts). Plus the derived matcher snapshots.

export interface AliasRow {
  /** `${entityId}|${text}`: one row per surface form of an entity. */
  id: string;
  entityId: string;
  text: string;
  caseSensitive: boolean;
  context?: ContextRule;
  lang?: string;
}

export interface SentenceRow {
  /** `${documentId}#${index}` */
  id: string;
  documentId: string;
  index: number;
  start: number;
  end: number;
}

// v6 (kb-speed): the compiled entity matcher of one build (typed arrays), loaded by a cold
// worker instead of compiling the aliases again. Derived data: keyed by the build key it was
// compiled from, replaced after every build, dropped on every extension install or update.
export type MatcherSnapshotRow = MatcherSnapshot & { savedAt: string };

/** The rows of each knowledge table. */
export interface KnowledgeRows {
  documents: SourceDocument;
  entities: Entity;
  aliases: AliasRow;
  mentions: Mention;
  sentences: SentenceRow;
  statements: Statement;
  facts: Fact;
}

/** Tables rebuilt from the sources; everything else is user data or meta and is never touched by a rebuild. */
export const KB_TABLES = ['documents', 'entities', 'aliases', 'mentions', 'sentences', 'statements', 'facts'] as const satisfies readonly (keyof KnowledgeRows)[];
