import type { DatePrecision, Entity, SourceDocument, Statement } from '../model/types';
import type { LensDb } from '../db/database';

// An entity's statements over time (issue 17.5): what it said and what was said naming it, newest
// first, with the speakers and sources to filter by. Dates are partial at times (db documents'
// datePrecision): a day with no year ("--05-12") or none at all sorts after every dated statement.

export interface TimelineSource {
  documentId: string;
  title: string;
  outlet: string;
  /** 'seed' (shipped) or 'learned' (a page the reader added). */
  origin: 'seed' | 'learned';
  url: string | null;
}

export interface TimelineItem {
  id: string;
  kind: Statement['kind'];
  text: string;
  speakerId: string | null;
  speakerName: string | null;
  date: string | null;
  datePrecision: DatePrecision;
  /** 'spoken' by the entity, or 'names' it. */
  relation: 'spoken' | 'names';
  source: TimelineSource;
}

/** A filter choice with how many statements it keeps. */
export interface TimelineOption {
  key: string;
  label: string;
  count: number;
}

export interface TimelineFilter {
  /** A speaker's entity id, or `name:` + the speaker's name when the registry lacks them, or '' for all. */
  speaker?: string;
  /** 'seed', 'learned', `outlet:` + an outlet, or '' for all. */
  source?: string;
}

export interface Timeline {
  entity: Pick<Entity, 'id' | 'type' | 'name'>;
  /** Before filtering. */
  total: number;
  items: TimelineItem[];
  speakers: TimelineOption[];
  sources: TimelineOption[];
}

/** A statement's speaker as a filter key (null: no speaker found). */
export const speakerKey = (s: Pick<TimelineItem, 'speakerId' | 'speakerName'>): string | null =>
  s.speakerId ?? (s.speakerName ? `name:${s.speakerName}` : null);

/**
 * The sort key of a date: `YYYY-MM-DD` as far as it is known ("2021", "2021-05" sort before that
 * year's or month's dated days), or null when the year is unknown ('--MM-DD', 'unknown', nothing).
 */
export function dateSortKey(date: string | null, precision?: DatePrecision): string | null {
  if (!date || precision === 'unknown') return null;
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(date);
  if (!m) return null;
  return `${m[1]}-${m[2] ?? '00'}-${m[3] ?? '00'}`;
}

/** Newest first; undated (or with no year) after every dated one, by month and day where known; then by document and place. */
export function compareNewestFirst(a: Pick<TimelineItem, 'id' | 'date' | 'datePrecision'>, b: Pick<TimelineItem, 'id' | 'date' | 'datePrecision'>): number {
  const ka = dateSortKey(a.date, a.datePrecision);
  const kb = dateSortKey(b.date, b.datePrecision);
  if (ka !== kb) {
    if (ka === null) return 1;
    if (kb === null) return -1;
    return kb.localeCompare(ka);
  }
  if (ka === null) {
    const da = a.date?.startsWith('--') ? a.date : '';
    const db = b.date?.startsWith('--') ? b.date : '';
    if (da !== db) return db.localeCompare(da);
  }
  return a.id.localeCompare(b.id, 'en', { numeric: true });
}

/** Whether an item passes a filter. */
export function matchesFilter(item: TimelineItem, filter: TimelineFilter): boolean {
  if (filter.speaker && speakerKey(item) !== filter.speaker) return false;
  const src = filter.source;
  if (src === 'seed' || src === 'learned') return item.source.origin === src;
  if (src?.startsWith('outlet:')) return item.source.outlet === src.slice('outlet:'.length);
  return true;
}

function options(items: TimelineItem[], keyOf: (i: TimelineItem) => [string, string][]): TimelineOption[] {
  const byKey = new Map<string, TimelineOption>();
  for (const i of items)
    for (const [key, label] of keyOf(i)) {
      const o = byKey.get(key) ?? byKey.set(key, { key, label, count: 0 }).get(key)!;
      o.count++;
    }
  return [...byKey.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

/** Plain rows to a timeline (pure: the tests give it rows with every kind of date). */
export function buildTimeline(entity: Pick<Entity, 'id' | 'type' | 'name'>, statements: Statement[], documents: Map<string, SourceDocument>, filter: TimelineFilter = {}): Timeline {
  const all: TimelineItem[] = [];
  const seen = new Set<string>();
  for (const s of statements) {
    const doc = documents.get(s.documentId);
    if (!doc || seen.has(s.id)) continue;
    seen.add(s.id);
    all.push({
      id: s.id,
      kind: s.kind,
      text: s.text,
      speakerId: s.speakerId,
      speakerName: s.speakerName,
      date: s.date ?? doc.date,
      datePrecision: doc.datePrecision,
      relation: s.speakerId === entity.id ? 'spoken' : 'names',
      source: { documentId: doc.id, title: doc.title, outlet: doc.outlet, origin: doc.origin === 'learned' ? 'learned' : 'seed', url: doc.url ?? null },
    });
  }
  all.sort(compareNewestFirst);
  return {
    entity,
    total: all.length,
    items: all.filter((i) => matchesFilter(i, filter)),
    speakers: options(all, (i) => {
      const key = speakerKey(i);
      return key ? [[key, i.speakerName ?? key]] : [];
    }),
    sources: options(all, (i) => [
      [i.source.origin, i.source.origin === 'seed' ? 'Shipped sources' : 'Pages I added'],
      [`outlet:${i.source.outlet}`, i.source.outlet],
    ]),
  };
}

/** The timeline of an entity from the stored knowledge base (null: no such entity). */
export async function timelineFor(db: LensDb, entityId: string, filter: TimelineFilter = {}): Promise<Timeline | null> {
  const entity = await db.entities.get(entityId);
  if (!entity) return null;
  const [spoken, naming] = await Promise.all([db.statements.where('speakerId').equals(entityId).toArray(), db.statements.where('entityIds').equals(entityId).toArray()]);
  const ids = [...new Set([...spoken, ...naming].map((s) => s.documentId))];
  const docs = (await db.documents.bulkGet(ids)).filter((d): d is SourceDocument => !!d);
  return buildTimeline({ id: entity.id, type: entity.type, name: entity.name }, [...spoken, ...naming], new Map(docs.map((d) => [d.id, d])), filter);
}

/** How many statements the timeline of an entity holds (for the card's "All statements (N)"). */
export async function timelineCount(db: LensDb, entityId: string): Promise<number> {
  const [spoken, naming] = await Promise.all([db.statements.where('speakerId').equals(entityId).primaryKeys(), db.statements.where('entityIds').equals(entityId).primaryKeys()]);
  return new Set([...spoken, ...naming]).size;
}
