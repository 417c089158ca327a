import type { Entity, LearnedDocument } from '../model/types';
import type { LearnedRecords } from './build';
import type { LensDb } from '../db/database';
import type { AliasRow } from '../db/knowledge';
import { KB_TABLES } from '../db/knowledge';
import { getMeta, setMeta } from '../db/meta';
import { LEARNED_KEY } from './learned-store';
import { BUILD_KEY } from './store';

// One learned document added, updated or removed in the stored knowledge base, without a rebuild
// (issue 17): its derived rows (document, mentions, sentences, statements, facts, the people it
// introduced and their aliases) are deleted and the new ones written, in one transaction with the
// change to `learned` and to the build key, so a cold start compares keys and builds nothing.
// The stored build key is `${shipped key}+${learned set key}` (lib/kb/service.ts).

/** meta row kept by KnowledgeServiceCore: `${sources fingerprint}:${build key}`. */
export const SOURCES_SEEN = 'kbSourcesSeen' as const;

export interface LearnedChange<T> {
  result: T;
  removed: LearnedDocument | null;
  added: LearnedDocument | null;
}

/** Makes the records of one learned document (the build module's learnedRecords, given the stored entities and aliases). */
export type RecordsFor = (doc: LearnedDocument, stored: Pick<LearnedRecords, 'entities' | 'aliases'>) => LearnedRecords;

/**
 * Runs `change` (which edits `learned` and the learned key) and applies what it changed to the stored
 * knowledge base. `applied` is false when the stored build was not the one of the learned set before
 * the change (no build yet, or another build in between): then the caller builds as before.
 */
export async function applyLearnedChange<T>(db: LensDb, recordsFor: RecordsFor, change: () => Promise<LearnedChange<T>>): Promise<{ result: T; applied: boolean }> {
  const tables = KB_TABLES.map((t) => db.table(t));
  return db.transaction('rw', [...tables, db.meta, db.learned], async () => {
    const [storedKey, learnedBefore] = await Promise.all([getMeta(db, BUILD_KEY), getMeta(db, LEARNED_KEY)]);
    const shipped = storedKey?.split('+')[0];
    const keyOf = (learned: string) => (learned ? `${shipped}+${learned}` : shipped!);
    const current = storedKey !== undefined && storedKey === keyOf(learnedBefore ?? '');
    const out = await change();
    if (!current || (!out.removed && !out.added)) return { result: out.result, applied: false };
    const people = out.removed ? await removeDerived(db, out.removed.id) : [];
    if (out.added) {
      const [entities, aliases] = await Promise.all([db.entities.toArray(), db.aliases.toArray()]);
      const r = recordsFor(out.added, { entities, aliases });
      await db.documents.put(r.document);
      await db.entities.bulkPut(r.entities);
      await db.aliases.bulkPut(r.aliases);
      await db.mentions.bulkPut(r.mentions);
      await db.sentences.bulkPut(r.sentences);
      await db.statements.bulkPut(r.statements);
      await db.facts.bulkPut(r.facts);
    }
    if (out.removed) await keepNamedElsewhere(db, out.removed.id, people);
    const learnedAfter = (await getMeta(db, LEARNED_KEY)) ?? '';
    const next = keyOf(learnedAfter);
    await setMeta(db, BUILD_KEY, next);
    // The start path's "sources already checked" row follows the key, so the next start hashes nothing.
    const seen = await getMeta(db, SOURCES_SEEN);
    if (seen?.endsWith(`:${storedKey}`)) await setMeta(db, SOURCES_SEEN, `${seen.slice(0, -storedKey!.length)}${next}`);
    return { result: out.result, applied: true };
  });
}

/**
 * Deletes the rows a learned document brought, the people it introduced included (an updated version
 * finds them again as its own, with their role facts); returns those people for keepNamedElsewhere.
 */
async function removeDerived(db: LensDb, id: string): Promise<{ entity: Entity; aliases: AliasRow[] }[]> {
  const introduced = await db.entities.where('type').equals('person').filter((e) => e.documentId === id).toArray();
  const people = await Promise.all(introduced.map(async (entity) => ({ entity, aliases: await db.aliases.where('entityId').equals(entity.id).toArray() })));
  await Promise.all([
    db.documents.delete(id),
    db.mentions.where('documentId').equals(id).delete(),
    db.sentences.where('documentId').equals(id).delete(),
    db.statements.where('documentId').equals(id).delete(),
    db.facts.where('documentId').equals(id).delete(),
    db.entities.bulkDelete(introduced.map((e) => e.id)),
    db.aliases.where('entityId').anyOf(introduced.map((e) => e.id)).delete(),
  ]);
  return people;
}

/**
 * A removed document's people that another document still names stay, with that document as their
 * provenance (its mentions of them were kept); the others are gone with it.
 */
async function keepNamedElsewhere(db: LensDb, id: string, people: { entity: Entity; aliases: AliasRow[] }[]): Promise<void> {
  for (const { entity, aliases } of people) {
    if (await db.entities.get(entity.id)) continue; // the new version introduced it again
    const other = await db.mentions.where('entityId').equals(entity.id).filter((m) => m.documentId !== id).first();
    if (!other) continue;
    await db.entities.put({ ...entity, documentId: other.documentId });
    await db.aliases.bulkPut(aliases);
  }
}
