import type { Alias } from '../model/types';
import type { LensDb } from '../db/database';
import { KB_TABLES } from '../db/knowledge';
import { getMeta, setMeta } from '../db/meta';
import type { KbData } from './build';
import type { KbStats } from '../model/knowledge';
export type { KbStats };

// Writes a built knowledge base into Dexie and reads it back. A rebuild happens
// only when the build key (registry + seeds + extractor version) changes, and
// touches only the knowledge-base tables: user data in other tables survives.

export const BUILD_KEY = 'kbBuildKey' as const;

export async function storedBuildKey(db: LensDb): Promise<string | undefined> {
  return getMeta(db, BUILD_KEY);
}

/** Stores `data` unless the same build is already stored. Returns whether it wrote. */
export async function storeKnowledgeBase(db: LensDb, data: KbData): Promise<boolean> {
  const tables = KB_TABLES.map((t) => db.table(t));
  return db.transaction('rw', [...tables, db.meta], async () => {
    if ((await storedBuildKey(db)) === data.buildKey) return false;
    await Promise.all(tables.map((t) => t.clear()));
    await db.documents.bulkAdd(data.documents);
    await db.entities.bulkAdd(data.entities);
    await db.aliases.bulkAdd(data.aliases);
    await db.mentions.bulkAdd(data.mentions);
    await db.sentences.bulkAdd(data.sentences);
    await db.statements.bulkAdd(data.statements);
    await db.facts.bulkAdd(data.facts);
    await setMeta(db, BUILD_KEY, data.buildKey);
    await setMeta(db, 'kbBuiltAt', new Date().toISOString());
    return true;
  });
}

export async function readStats(db: LensDb): Promise<KbStats> {
  const [documents, entities, aliases, mentions, sentences, statements, facts] = await Promise.all(
    KB_TABLES.map((t) => db.table(t).count()),
  );
  return {
    documents: documents!,
    entities: entities!,
    aliases: aliases!,
    mentions: mentions!,
    sentences: sentences!,
    statements: statements!,
    facts: facts!,
  };
}

/** The aliases the matcher is compiled from. */
export async function readAliases(db: LensDb): Promise<Alias[]> {
  const rows = await db.aliases.toArray();
  return rows.map(({ id: _id, ...alias }) => alias);
}
