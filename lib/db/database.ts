import { Dexie, type EntityTable } from 'dexie';
import type { Statement } from '../model/types';
import type { KnowledgeRows, MatcherSnapshotRow } from './knowledge';
import type { UserDataRows } from './user-data';
import type { MetaTable } from './meta';

// The extension's one database. Every schema version stays here with its
// upgrade function, so any older profile can be opened and brought forward.
// Its tables come in three groups: knowledge (./knowledge.ts), user data (./user-data.ts), meta (./meta.ts).

export const DB_NAME = 'csto-lens';

export class LensDb extends Dexie {
  // Knowledge: rebuilt from the sources (KB_TABLES).
  documents!: EntityTable<KnowledgeRows['documents'], 'id'>;
  entities!: EntityTable<KnowledgeRows['entities'], 'id'>;
  aliases!: EntityTable<KnowledgeRows['aliases'], 'id'>;
  mentions!: EntityTable<KnowledgeRows['mentions'], 'id'>;
  sentences!: EntityTable<KnowledgeRows['sentences'], 'id'>;
  statements!: EntityTable<KnowledgeRows['statements'], 'id'>;
  facts!: EntityTable<KnowledgeRows['facts'], 'id'>;
  /** Derived: the compiled matcher of a build (v6, kb-speed). */
  matcherSnapshots!: EntityTable<MatcherSnapshotRow, 'build'>;
  // User data: never touched by a rebuild.
  annotations!: EntityTable<UserDataRows['annotations'], 'id'>;
  outbox!: EntityTable<UserDataRows['outbox'], 'id'>;
  anchorState!: EntityTable<UserDataRows['anchorState'], 'id'>;
  syncRejects!: EntityTable<UserDataRows['syncRejects'], 'key'>; // v5 (sync)
  learned!: EntityTable<UserDataRows['learned'], 'id'>; // v7 (learning)
  /** Typed key → value (./meta.ts: getMeta / setMeta). */
  meta!: MetaTable;

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
  // v8 (card-perf): documents by date, so a card ranks the statements of the newest documents first
  // without reading every document (lib/kb/card.ts). An index only: no row changes.
  db.version(8).stores({
    documents: 'id, file, date',
  });
}
