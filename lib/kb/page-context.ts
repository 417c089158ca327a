import type { Entity, SourceDocument, Statement } from '../model/types';
import { sourceOf } from './card';
import type { LensDb } from '../db/database';
import type { RelatedStatement } from './related';
import type { ContextStatement, ContextEntity, PageContext, PageContextRequest } from '../model/knowledge';
export type { ContextStatement, ContextEntity, PageContext, PageContextRequest };

// The popup's context view of a page: for each entity the page names, what it is (its one-line
// description) and its most recent statement (spoken by it, or else naming it); and the knowledge
// base's statements most related to the whole page, ranked as the selection panel ranks a passage.

/** The longest description the popup shows on one line; the card has the rest. */
const DESCRIPTION_CHARS = 160;

/** The first sentence of a description, cut at a word near DESCRIPTION_CHARS. */
export function oneLine(description: string): string {
  const text = description.replace(/\s+/g, ' ').trim();
  const sentence = /^(.+?[.!?])(\s|$)/.exec(text)?.[1] ?? text;
  if (sentence.length <= DESCRIPTION_CHARS) return sentence;
  const cut = sentence.slice(0, DESCRIPTION_CHARS);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), DESCRIPTION_CHARS / 2)).replace(/[,;:]$/, '')}…`;
}

const newestFirst = (a: Statement, b: Statement) => (b.date ?? '').localeCompare(a.date ?? '') || a.id.localeCompare(b.id);

function latestOf(
  entityId: string,
  spoken: Map<string, Statement[]>,
  naming: Map<string, Statement[]>,
  docs: Map<string, SourceDocument>,
): ContextStatement | null {
  for (const [relation, lists] of [
    ['spoken', spoken],
    ['names', naming],
  ] as const) {
    const s = (lists.get(entityId) ?? []).filter((x) => docs.has(x.documentId)).sort(newestFirst)[0];
    if (s) return { id: s.id, text: s.text, speakerName: s.speakerName, date: s.date, source: sourceOf(docs.get(s.documentId)!), relation };
  }
  return null;
}

/**
 * The context of a page: `counts` are the page's mentions by entity id (from its content script, or
 * from matching its text when the page is not highlighted), `related` the statements ranked for its text.
 * Entities the registry keeps as context only (`highlight: false`) are left out, as on the page.
 */
export async function pageContext(db: LensDb, counts: Map<string, number>, related: RelatedStatement[]): Promise<PageContext> {
  const ids = [...counts.keys()];
  const [rows, spokenRows, namingRows, documents] = await Promise.all([
    db.entities.bulkGet(ids),
    ids.length ? db.statements.where('speakerId').anyOf(ids).toArray() : Promise.resolve([]),
    ids.length ? db.statements.where('entityIds').anyOf(ids).toArray() : Promise.resolve([]),
    db.documents.toArray(),
  ]);
  const docs = new Map(documents.map((d) => [d.id, d]));
  const spoken = new Map<string, Statement[]>();
  for (const s of spokenRows) if (s.speakerId) (spoken.get(s.speakerId) ?? spoken.set(s.speakerId, []).get(s.speakerId)!).push(s);
  const naming = new Map<string, Statement[]>();
  const wanted = new Set(ids);
  for (const s of namingRows) for (const id of s.entityIds) if (wanted.has(id)) (naming.get(id) ?? naming.set(id, []).get(id)!).push(s);
  const entities = rows
    .filter((e): e is Entity => !!e && e.highlight !== false)
    .map((e) => ({
      entityId: e.id,
      name: e.name,
      type: e.type,
      description: oneLine(e.description ?? ''),
      count: counts.get(e.id) ?? 0,
      latest: latestOf(e.id, spoken, naming, docs),
    }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  return { entities, related };
}

interface Knowledge {
  match(text: string): Promise<{ entityId: string }[]>;
  relatedTo(passage: string, limit?: number): Promise<RelatedStatement[]>;
}

/** The statements the popup lists as related to the whole page. */
const RELATED_FOR_PAGE = 8;

/** pageContext for a request: counts from the content script, or else from matching the page's text. */
export async function pageContextFor(db: LensDb, kb: Knowledge, req: PageContextRequest): Promise<PageContext> {
  let counts = new Map(req.counts ?? []);
  if (counts.size === 0 && req.text) {
    counts = new Map();
    for (const s of await kb.match(req.text)) counts.set(s.entityId, (counts.get(s.entityId) ?? 0) + 1);
  }
  const related = req.text ? await kb.relatedTo(req.text, RELATED_FOR_PAGE) : [];
  return pageContext(db, counts, related);
}
