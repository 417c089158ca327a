import MiniSearch from 'minisearch';
import { noteOf, quoteOf, tagsOf, type Annotation } from '../annotations/model';

// The notebook's search and filters, pure: full text over quotes, notes, tags and
// page titles (MiniSearch, prefix and fuzzy), then filters by site, tag, colour,
// entity and date.

export interface NotebookFilter {
  query: string;
  site: string;
  tag: string;
  color: string;
  entity: string;
  /** ISO dates (YYYY-MM-DD), inclusive; '' for open. */
  from: string;
  to: string;
}

export const EMPTY_FILTER: NotebookFilter = { query: '', site: '', tag: '', color: '', entity: '', from: '', to: '' };

export const siteOf = (a: Annotation): string => {
  try {
    return new URL(a.target.source).hostname;
  } catch {
    return '';
  }
};

export function buildIndex(list: readonly Annotation[]): MiniSearch<{ id: string; quote: string; note: string; tags: string; title: string }> {
  const index = new MiniSearch<{ id: string; quote: string; note: string; tags: string; title: string }>({
    fields: ['quote', 'note', 'tags', 'title'],
    searchOptions: { prefix: true, fuzzy: 0.2, boost: { note: 2, tags: 2 } },
  });
  index.addAll(list.map((a) => ({ id: a.id, quote: quoteOf(a), note: noteOf(a), tags: tagsOf(a).join(' '), title: a.target.title })));
  return index;
}

/** The annotations that pass the filter: search order when there is a query, else newest first. */
export function applyFilter(list: readonly Annotation[], f: NotebookFilter, index = buildIndex(list)): Annotation[] {
  let out: Annotation[];
  if (f.query.trim()) {
    const byId = new Map(list.map((a) => [a.id, a]));
    out = index
      .search(f.query)
      .map((r) => byId.get(String(r.id)))
      .filter((a): a is Annotation => !!a);
  } else out = [...list].sort((a, b) => (a.created < b.created ? 1 : a.created > b.created ? -1 : 0));
  return out.filter(
    (a) =>
      (!f.site || siteOf(a) === f.site) &&
      (!f.tag || tagsOf(a).some((t) => t.toLowerCase() === f.tag.toLowerCase())) &&
      (!f.color || a.color === f.color) &&
      (!f.entity || a.entityIds.includes(f.entity)) &&
      (!f.from || a.created.slice(0, 10) >= f.from) &&
      (!f.to || a.created.slice(0, 10) <= f.to),
  );
}

/** The values the filter menus offer. */
export function facets(list: readonly Annotation[]): { sites: string[]; tags: string[]; entities: string[] } {
  const sites = new Set<string>();
  const tags = new Set<string>();
  const entities = new Set<string>();
  for (const a of list) {
    sites.add(siteOf(a));
    for (const t of tagsOf(a)) tags.add(t);
    for (const e of a.entityIds) entities.add(e);
  }
  const sorted = (s: Set<string>) => [...s].filter(Boolean).sort((x, y) => x.localeCompare(y));
  return { sites: sorted(sites), tags: sorted(tags), entities: sorted(entities) };
}

/** Groups by page, pages in the order of their first annotation in `list`. */
export function groupByPage(list: readonly Annotation[]): { source: string; title: string; items: Annotation[] }[] {
  const groups = new Map<string, { source: string; title: string; items: Annotation[] }>();
  for (const a of list) {
    const g = groups.get(a.target.source) ?? { source: a.target.source, title: a.target.title, items: [] };
    g.items.push(a);
    groups.set(a.target.source, g);
  }
  return [...groups.values()];
}
