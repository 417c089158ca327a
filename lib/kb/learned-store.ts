import type { ArticleRead, LearnedDocument } from '../model/types';
import { articleUrls, learnedDigest, learnedDocument, learnProblem, nextLearnedKey, textHash, titleKey } from '../learn/learned';
import type { LensDb } from '../db/database';
import { getMeta, LEARNED_KEY, setMeta } from '../db/meta';

// The reader's learned documents (db.ts v7): user data, never touched by a rebuild. Each change also
// writes the learned set's key to meta, in the same transaction, so a worker start compares build keys
// without reading the documents (lib/kb/service.ts).

export { LEARNED_KEY };

export type LearnOutcome =
  | {
      ok: true;
      doc: LearnedDocument;
      created: boolean;
      /** The stored version it replaced (null when new). */
      previous: LearnedDocument | null;
      /** The same text and metadata were stored already: nothing was written. */
      unchanged: boolean;
    }
  | { ok: false; error: string };

export class LearnedStore {
  constructor(private readonly db: LensDb) {}

  /** The stored key of the learned set ('' when there is none). */
  async key(): Promise<string> {
    return (await getMeta(this.db, LEARNED_KEY)) ?? '';
  }

  list(): Promise<LearnedDocument[]> {
    return this.db.learned.orderBy('addedAt').reverse().toArray();
  }

  /** The learned document filed under any of an article's addresses, or with its very text. */
  async find(read: Pick<ArticleRead, 'location' | 'canonical' | 'text' | 'title'>): Promise<LearnedDocument | undefined> {
    const { urls } = articleUrls(read);
    const byTitle = titleKey(read);
    return (
      (await this.db.learned.where('urls').anyOf(urls).first()) ??
      (await this.db.learned.where('textHash').equals(textHash(read.text)).first()) ??
      (byTitle ? await this.db.learned.where('titleKey').equals(byTitle).first() : undefined)
    );
  }

  /** Stores (or updates) the article; refuses with the reason what cannot be learned. */
  async learn(read: ArticleRead, now = new Date()): Promise<LearnOutcome> {
    const problem = learnProblem(read);
    if (problem) return { ok: false, error: problem };
    return this.db.transaction('rw', this.db.learned, this.db.meta, async () => {
      const existing = await this.find(read);
      const doc = learnedDocument(read, now, existing);
      // An article read again as it was (another visit): its digest (text and metadata) is the stored one.
      if (existing && learnedDigest(existing) === learnedDigest(doc) && existing.urls.length === doc.urls.length)
        return { ok: true as const, doc: existing, created: false, previous: existing, unchanged: true };
      await this.db.learned.put(doc);
      await this.updateKey(existing ?? null, doc);
      return { ok: true as const, doc, created: !existing, previous: existing ?? null, unchanged: false };
    });
  }

  /** Removes a learned document; returns it, so the reader can undo. */
  async remove(id: string): Promise<LearnedDocument | null> {
    return this.db.transaction('rw', this.db.learned, this.db.meta, async () => {
      const doc = await this.db.learned.get(id);
      if (!doc) return null;
      await this.db.learned.delete(id);
      await this.updateKey(doc, null);
      return doc;
    });
  }

  /** Puts back a removed document (undo), as it was; returns the version it replaced, if any. */
  async restore(doc: LearnedDocument): Promise<LearnedDocument | null> {
    return this.db.transaction('rw', this.db.learned, this.db.meta, async () => {
      const existing = (await this.db.learned.get(doc.id)) ?? null;
      await this.db.learned.put(doc);
      await this.updateKey(existing, doc);
      return existing;
    });
  }

  private async updateKey(removed: LearnedDocument | null, added: LearnedDocument | null): Promise<void> {
    const key = nextLearnedKey(await this.key(), removed && learnedDigest(removed), added && learnedDigest(added));
    await setMeta(this.db, LEARNED_KEY, key);
  }
}
