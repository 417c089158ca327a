import { WORD_TRIE_FORMAT } from '../match/word-trie';
import type { MatcherSnapshot } from '../match/entities';
import type { LensDb } from '../db/database';
import { getMeta } from '../db/meta';
import { BUILD_KEY } from './store';

// The compiled matcher of the stored build, kept in IndexedDB (db.ts v6) so a worker Chrome
// stopped can answer its first match without reading every alias and compiling them again.
// A snapshot is only ever used for the build key it was compiled from.

/** The snapshot of the stored build, or null (none, another build's, another format). */
export async function loadMatcherSnapshot(db: LensDb): Promise<MatcherSnapshot | null> {
  return db.transaction('r', [db.meta, db.matcherSnapshots], async () => {
    const build = await getMeta(db, BUILD_KEY);
    if (build === undefined) return null;
    const row = await db.matcherSnapshots.get(build);
    if (!row || row.wordTrie?.format !== WORD_TRIE_FORMAT) return null;
    const { savedAt: _savedAt, ...snapshot } = row;
    return snapshot;
  });
}

/** Replaces the stored snapshots with `snapshot`, if it is of the stored build. Returns whether it wrote. */
export async function saveMatcherSnapshot(db: LensDb, snapshot: MatcherSnapshot): Promise<boolean> {
  return db.transaction('rw', [db.meta, db.matcherSnapshots], async () => {
    if ((await getMeta(db, BUILD_KEY)) !== snapshot.build) return false;
    await db.matcherSnapshots.clear();
    await db.matcherSnapshots.put({ ...snapshot, savedAt: new Date().toISOString() });
    return true;
  });
}

/** Drops every stored snapshot (the extension's code may have changed how aliases compile). */
export async function dropMatcherSnapshots(db: LensDb): Promise<void> {
  await db.matcherSnapshots.clear();
}
