import { useLiveQuery } from 'dexie-react-hooks';
import type { LensDb } from '../db/database';
import type { SourceDocument, Statement } from '../model/types';
import { segmentText, type MarkRange, type Segment } from './segments';

export interface SourceView {
  document: SourceDocument;
  statements: Statement[];
  paragraphs: Segment[][];
  entityNames: Record<string, string>;
}

/** A document with its statements and mentions, live from Dexie; null while loading, undefined if absent. */
export function useSource(db: LensDb, documentId: string, target: MarkRange | null): SourceView | null | undefined {
  return useLiveQuery(async () => {
    const doc = await db.documents.get(documentId);
    if (!doc) return undefined;
    const [statements, mentions] = await Promise.all([
      db.statements.where('documentId').equals(documentId).sortBy('start'),
      db.mentions.where('documentId').equals(documentId).toArray(),
    ]);
    const entities = await db.entities.bulkGet([...new Set(mentions.map((m) => m.entityId))]);
    const types = new Map(entities.filter((e) => !!e).map((e) => [e!.id, e!]));
    const shown = mentions.filter((m) => types.get(m.entityId)?.highlight !== false);
    return {
      document: doc,
      statements,
      paragraphs: segmentText(
        doc.text,
        statements,
        shown.map((m) => ({ start: m.start, end: m.end, entityId: m.entityId, type: types.get(m.entityId)!.type })),
        target,
      ),
      entityNames: Object.fromEntries([...types.values()].map((e) => [e.id, e.name])),
    };
  }, [documentId, target?.start, target?.end], null);
}
