import { Dexie, type EntityTable, type Table } from 'dexie';
import type { Entity, Fact, LearnedDocument, Mention, SourceDocument, Statement } from '../model/types';
import type { Annotation } from '../annotations/model';

// The extension's one database. Every schema version stays here with its
// upgrade function, so any older profile can be opened and brought forward.

export interface AliasRow {
  /** `${entityId}|${text}`: one row per surface form of an entity. */
  id: string;
  entityId: string;
  text: string;
  caseSensitive: boolean;
  context?: import('../model/types').ContextRule;
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

/** A local change not yet pushed to the sync server: one row per annotation id, however many edits. */
export interface OutboxRow {
  id: string;
  queuedAt: number;
}

/** Where an annotation last anchored: an orphan is shown in the notebook with its quote, never dropped. */
export interface AnchorStateRow {
  id: string;
  source: string;
  orphan: boolean;
  checkedAt: number;
}

// v6 (kb-speed): the compiled entity matcher of one build (typed arrays), loaded by a cold
// worker instead of compiling the aliases again. Derived data: keyed by the build key it was
// compiled from, replaced after every build, dropped on every extension install or update.
export type MatcherSnapshotRow = import('../match/entities').MatcherSnapshot & { savedAt: string };
/** sync (v5): a change sync set aside because it did not verify; never applied, never pushed (lib/sync/rejects.ts). */
export interface SyncRejectRow {
  /** `${source}|${id}|${hlc}`: one row per version. */
  key: string;
  /** 'server': pulled (did not decrypt, parse or pass the record rules); 'local': refused before or by a push. */
  source: 'server' | 'local';
  id: string;
  hlc: string;
  reason: string;
  at: number;
  /** The pulled change as it came (ciphertext only), when it had the wire shape. */
  change?: { id: string; hlc: string; device: string; deleted: boolean; payload: string };
}

export interface MetaRow {
  key: string;
  value: unknown;
}

export const DB_NAME = 'csto-lens';

/** Tables rebuilt from the registry and the seeds; everything else is user data and is never touched by a rebuild. */
export const KB_TABLES = ['documents', 'entities', 'aliases', 'mentions', 'sentences', 'statements', 'facts'] as const;

export class LensDb extends Dexie {
  documents!: EntityTable<SourceDocument, 'id'>;
  entities!: EntityTable<Entity, 'id'>;
  aliases!: EntityTable<AliasRow, 'id'>;
  mentions!: EntityTable<Mention, 'id'>;
  sentences!: EntityTable<SentenceRow, 'id'>;
  statements!: EntityTable<Statement, 'id'>;
  facts!: EntityTable<Fact, 'id'>;
  meta!: Table<MetaRow, string>;
  annotations!: EntityTable<Annotation, 'id'>;
  outbox!: EntityTable<OutboxRow, 'id'>;
  anchorState!: EntityTable<AnchorStateRow, 'id'>;
  matcherSnapshots!: EntityTable<MatcherSnapshotRow, 'build'>; // v6 (kb-speed)
  learned!: EntityTable<LearnedDocument, 'id'>; // v7 (learning)
  // sync (v5)
  syncRejects!: EntityTable<SyncRejectRow, 'key'>;

  constructor(name = DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    declareVersions(this);
  }
}

/** Schema history. Never edit a published version: add a new one with an upgrade. */
export function declareVersions(db: Dexie): void {
  // v1: the knowledge base as first shipped.
  db.version(1).stores({
    documents: 'id, file',
    entities: 'id, type, name',
    aliases: 'id, entityId, text',
    mentions: 'id, entityId, documentId',
    sentences: 'id, documentId',
    statements: 'id, documentId, speakerId',
    facts: 'id, entityId, documentId',
    meta: 'key',
  });
  // v2: statements indexed by the entities they name (related statements for a card),
  // facts by kind. The upgrade fills `entityIds` on rows written by v1 builds that lacked it.
  db.version(2)
    .stores({
      statements: 'id, documentId, speakerId, *entityIds',
      facts: 'id, entityId, documentId, kind',
    })
    .upgrade(async (tx) => {
      await tx
        .table('statements')
        .toCollection()
        .modify((s: Partial<Statement>) => {
          if (!Array.isArray(s.entityIds)) s.entityIds = [];
        });
    });
  // v3: researchers' annotations (W3C shape with HLC, device and tombstone) and the sync outbox.
  // User data: a knowledge-base rebuild never touches these tables.
  db.version(3).stores({
    annotations: 'id, target.source, modified, hlc',
    outbox: 'id, queuedAt',
  });
  // v4: the last anchoring outcome of each annotation (device-local, not synced).
  db.version(4).stores({
    anchorState: 'id, source',
  });
  // v5 (sync): changes that sync set aside with the reason (did not decrypt, parse, or pass the record rules).
  db.version(5).stores({
    syncRejects: 'key, at',
  });
  // v6 (kb-speed): compiled matcher snapshots, one per build key (derived; see MatcherSnapshotRow).
  db.version(6).stores({
    matcherSnapshots: 'build',
  });
  // v7 (learning): pages the reader chose to learn from. User data, kept across rebuilds; the build
  // reads them as source documents. By any of their addresses, and by text (the same article elsewhere).
  db.version(7).stores({
    learned: 'id, *urls, textHash, titleKey, addedAt',
  });
}
