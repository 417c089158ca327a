import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { LensDb } from '../db/database';
import { timelineFor, type Timeline, type TimelineFilter } from '../kb/timeline';
import type { Entity } from '../model/types';

// The notebook's Timeline view (issue 17.5): an entity searched by name or alias, its statements live
// (a page learned or removed shows at once), filtered by speaker and source. `#timeline=ID` (the
// card's "All statements") opens it on an entity.

export interface TimelineModel {
  query: string;
  results: Pick<Entity, 'id' | 'name' | 'type'>[];
  setQuery: (q: string) => void;
  pick: (entityId: string) => void;
  timeline: Timeline | null | undefined;
  filter: TimelineFilter;
  setFilter: (f: TimelineFilter) => void;
}

/** The entity a notebook address asks for: `#timeline=person%3Azas`. */
export function timelineEntityOf(hash: string): string | null {
  const m = /^#timeline=(.+)$/.exec(hash);
  return m ? decodeURIComponent(m[1]!) : null;
}

export function useTimeline(db: LensDb, initial: string | null): TimelineModel {
  const [query, setQuery] = useState('');
  const [picked, setPicked] = useState<string | null>(initial);
  const [filter, setFilter] = useState<TimelineFilter>({});
  const results =
    useLiveQuery(async () => {
      const q = query.trim().toLowerCase();
      if (q.length < 2) return [];
      const [byName, byAlias] = await Promise.all([
        db.entities.filter((e) => e.highlight !== false && e.name.toLowerCase().includes(q)).limit(8).toArray(),
        db.aliases.where('text').startsWithIgnoreCase(q).limit(20).toArray(),
      ]);
      const more = await db.entities.bulkGet([...new Set(byAlias.map((a) => a.entityId))]);
      const seen = new Set<string>();
      return [...byName, ...more.filter((e): e is Entity => !!e && e.highlight !== false)]
        .filter((e) => !seen.has(e.id) && seen.add(e.id))
        .slice(0, 8)
        .map(({ id, name, type }) => ({ id, name, type }));
    }, [query]) ?? [];
  const timeline = useLiveQuery(async () => (picked ? timelineFor(db, picked, filter) : null), [picked, filter.speaker, filter.source]);
  return {
    query,
    results,
    setQuery,
    pick: (id) => {
      setPicked(id);
      setFilter({});
      setQuery('');
    },
    timeline,
    filter,
    setFilter,
  };
}
