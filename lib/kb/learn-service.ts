import type { ArticleRead, LearnedDocument } from '../model/types';
import type { LensDb } from '../db/database';
import { LearnedStore } from './learned-store';
import { learnProblem } from '../learn/learned';
import type { LearnedSummary, LearnResult } from '../model/knowledge';
export type { LearnedSummary, LearnResult };

// Learning from pages, in the background: store the article (lib/kb/learned-store.ts), rebuild the
// knowledge base with it (its build key changed), and say what it brought. Removing one rebuilds
// without it; its statements, facts and mentions go with it, and undo puts it back.

interface Builder {
  ensureBuilt(): Promise<boolean>;
}

/**
 * Builds with the learned set as it is now. A build already running (a start, another learn) read the
 * set before this change: joining it is not enough, so the check runs once more after it (cheap when
 * that build already had the change).
 */
async function rebuild(kb: Builder): Promise<void> {
  await kb.ensureBuilt();
  await kb.ensureBuilt();
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
    const outcome = await this.store.learn(read);
    if (!outcome.ok) return outcome;
    await rebuild(this.kb);
    return { ok: true, created: outcome.created, summary: await this.summary(outcome.doc) };
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
    const doc = await this.store.remove(id);
    if (doc) await rebuild(this.kb);
    return doc;
  }

  async restore(doc: LearnedDocument): Promise<LearnedSummary> {
    // What comes back is held to the rules of what may be learned (http(s), size, language).
    const problem = learnProblem({ location: doc.url, canonical: null, title: doc.title, outlet: doc.outlet, published: doc.date, lang: doc.lang, text: doc.text });
    if (problem) throw new Error(problem);
    await this.store.restore(doc);
    await rebuild(this.kb);
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
