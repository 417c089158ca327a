import { useLiveQuery } from 'dexie-react-hooks';
import type { LensDb } from '../db/database';
import { KbSearch } from '../kb/search';
import type { KbStats } from '../kb/store';
import { readStats } from '../kb/store';

/** The knowledge base's search index and counts, rebuilt live when the knowledge base changes. */
export function useKbSearch(db: LensDb): { search: KbSearch | null; stats: KbStats | null } {
  const value = useLiveQuery(
    async () => {
      const [entities, aliases, statements, facts, documents, stats] = await Promise.all([
        db.entities.toArray(),
        db.aliases.toArray(),
        db.statements.toArray(),
        db.facts.toArray(),
        db.documents.toArray(),
        readStats(db),
      ]);
      return { search: KbSearch.build({ entities, aliases, statements, facts, documents }), stats };
    },
    [],
    { search: null, stats: null },
  );
  return value;
}
