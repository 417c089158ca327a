import MiniSearch from 'minisearch';
import type { SourceDocument, Statement } from '../model/types';
import { sourceOf } from './card';
import type { RelatedStatement } from '../model/knowledge';
export type { RelatedStatement };

// Statements related to a passage the reader selected: BM25 relevance of the
// statement text to the passage (MiniSearch scores with BM25), combined with
// the entities the two share.

const STOP = new Set(
  'a an and are as at be been but by for from had has have he her his i in into is it its of on or our that the their them they this to was we were which will with would not no so than then there these those also more such can could should may might must shall what when where who whom why how all any each other some'.split(' '),
);

/** Weight of the shared-entity share against normalised BM25 (both in [0, 1]). */
const ENTITY_WEIGHT = 0.5;
/** Below this a statement shares a stray word or one entity of many with the passage: not worth listing. */
export const MIN_RELATED_SCORE = 0.2;

export class RelatedStatements {
  private readonly index = new MiniSearch<{ id: string; text: string }>({
    fields: ['text'],
    processTerm: (term) => {
      const t = term.toLowerCase();
      return t.length < 2 || STOP.has(t) ? null : t;
    },
    searchOptions: { prefix: false, fuzzy: false },
  });
  private readonly byId: Map<string, Statement>;
  private readonly docs: Map<string, SourceDocument>;

  constructor(statements: Statement[], documents: SourceDocument[]) {
    this.byId = new Map(statements.map((s) => [s.id, s]));
    this.docs = new Map(documents.map((d) => [d.id, d]));
    this.index.addAll(statements.map((s) => ({ id: s.id, text: s.text })));
  }

  /** Ranked statements for a passage and the entity ids found in it. */
  find(passage: string, passageEntityIds: string[], limit = 10): RelatedStatement[] {
    const entities = new Set(passageEntityIds);
    const bm25 = new Map<string, number>();
    // Any passage word may match (OR); long passages are cut to keep the query cheap.
    for (const r of this.index.search(passage.slice(0, 4000), { combineWith: 'OR' })) bm25.set(String(r.id), r.score);
    const top = Math.max(0, ...bm25.values());
    const scored: RelatedStatement[] = [];
    for (const s of this.byId.values()) {
      const shared = s.entityIds.filter((id) => entities.has(id));
      const text = top > 0 ? (bm25.get(s.id) ?? 0) / top : 0;
      const ent = entities.size ? shared.length / entities.size : 0;
      const score = text + ENTITY_WEIGHT * ent;
      const doc = this.docs.get(s.documentId);
      if (score < MIN_RELATED_SCORE || !doc) continue;
      scored.push({
        id: s.id,
        text: s.text,
        kind: s.kind,
        speakerId: s.speakerId,
        speakerName: s.speakerName,
        date: s.date,
        source: sourceOf(doc),
        score: Math.round(score * 1000) / 1000,
        shared,
      });
    }
    return scored.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)).slice(0, limit);
  }
}
