import type { ArticleRead, LearnedDocument } from '../model/types';
import type { LensDb } from '../db/database';
import { LearnedStore } from './learned-store';
import { learnProblem } from '../learn/learned';
import type { LearnedSummary, LearnResult } from '../model/knowledge';
export type { LearnedSummary, LearnResult };
import type { LearnedChange } from './learned-apply';

// Learning from pages, in the background: store the article (lib/kb/learned-store.ts) and add what
// it brings to the knowledge base, that document's records only (lib/kb/learned-apply.ts; no rebuild),
// and say what it brought. Removing one takes its statements, facts, mentions and people out; undo
// puts them back.
//
// Entry points other parts use (the popup, the notebook, auto-learning, sync of learned documents):
//   learn(read)   an article read from a page → stored (or updated) and in the knowledge base
//   add(doc)      a learned document as stored elsewhere (a synced one) → stored as it is, in the knowledge base
//   remove(id)    → the removed document (for undo), or null
//   restore(doc)  undo of remove
//   forUrl(url), list()  summaries with counts

/** What learning needs of the knowledge service (KnowledgeServiceCore.updateLearned). */
interface Builder {
  updateLearned<T>(change: () => Promise<LearnedChange<T>>): Promise<T>;
}

export class LearnService {
  readonly store: LearnedStore;

  constructor(
    private readonly db: LensDb,
    private readonly kb: Builder,
  ) {
    this.store = new LearnedStore(db);
  }

  async learn(read: ArticleRead): Promise<LearnResult> {
    const problem = learnProblem(read);
    if (problem) return { ok: false, error: problem };
    const outcome = await this.kb.updateLearned(async () => {
      const o = await this.store.learn(read);
      const changed = o.ok && !o.unchanged;
      return { result: o, removed: changed ? o.previous : null, added: changed ? o.doc : null };
    });
    if (!outcome.ok) return outcome;
    return { ok: true, created: outcome.created, ...(outcome.unchanged ? { unchanged: true } : {}), summary: await this.summary(outcome.doc) };
  }

  /**
   * A learned document as another browser stored it (sync): kept as it is (its id, addresses, dates),
   * replacing the version with its id. Held to the rules of what may be learned; throws otherwise.
   */
  async add(doc: LearnedDocument): Promise<LearnedSummary> {
    return this.restore(doc);
  }

  /** The learned document an address belongs to (any of its addresses), with its counts. */
  async forUrl(url: string): Promise<LearnedSummary | null> {
    const doc = await this.db.learned.where('urls').equals(url).first();
    return doc ? this.summary(doc) : null;
  }

  async list(): Promise<LearnedSummary[]> {
    return Promise.all((await this.store.list()).map((d) => this.summary(d)));
  }

  /** Removes a learned document and what the knowledge base drew from it; returns it for undo. */
  async remove(id: string): Promise<LearnedDocument | null> {
    return this.kb.updateLearned(async () => {
      const doc = await this.store.remove(id);
      return { result: doc, removed: doc, added: null };
    });
  }

  async restore(doc: LearnedDocument): Promise<LearnedSummary> {
    // What comes back is held to the rules of what may be learned (http(s), size, language).
    const problem = learnProblem({ location: doc.url, canonical: null, title: doc.title, outlet: doc.outlet, published: doc.date, lang: doc.lang, text: doc.text });
    if (problem) throw new Error(problem);
    await this.kb.updateLearned(async () => {
      const previous = await this.store.restore(doc);
      return { result: null, removed: previous, added: doc };
    });
    return this.summary(doc);
  }

  private async summary(doc: LearnedDocument): Promise<LearnedSummary> {
    const [statements, facts, mentions] = await Promise.all([
      this.db.statements.where('documentId').equals(doc.id).count(),
      this.db.facts.where('documentId').equals(doc.id).count(),
      this.db.mentions.where('documentId').equals(doc.id).count(),
    ]);
    const { id, url, title, outlet, date, lang, addedAt, updatedAt } = doc;
    return { id, url, title, outlet, date, lang, addedAt, updatedAt, statements, facts, mentions };
  }
}
