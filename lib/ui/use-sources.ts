import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { LearnedSummary } from '../kb/learn-service';
import type { LensDb } from '../db/database';
import type { LearnedDocument } from '../model/types';
import { sendMessage } from '../protocol/to-background';
import { downloadText } from './download';

export interface SourcesModel {
  sources: LearnedSummary[] | undefined;
  /** The last removed document, until undone or replaced. */
  removed: LearnedDocument | null;
  busy: boolean;
  remove: (id: string) => void;
  undo: () => void;
  exportOne: (id: string) => void;
}

/** The notebook's Sources view: every learned document with its counts, live; remove (with undo) and export. */
export function useSources(db: LensDb): SourcesModel {
  const [removed, setRemoved] = useState<LearnedDocument | null>(null);
  const [busy, setBusy] = useState(false);
  const sources = useLiveQuery(async () => {
    const docs = await db.learned.orderBy('addedAt').reverse().toArray();
    return Promise.all(
      docs.map(async (d): Promise<LearnedSummary> => {
        const [statements, facts, mentions] = await Promise.all([
          db.statements.where('documentId').equals(d.id).count(),
          db.facts.where('documentId').equals(d.id).count(),
          db.mentions.where('documentId').equals(d.id).count(),
        ]);
        return { id: d.id, url: d.url, title: d.title, outlet: d.outlet, date: d.date, lang: d.lang, addedAt: d.addedAt, updatedAt: d.updatedAt, statements, facts, mentions };
      }),
    );
  }, []);
  const run = (job: Promise<unknown>) => {
    setBusy(true);
    void job.finally(() => setBusy(false));
  };
  return {
    sources,
    removed,
    busy,
    remove: (id) => run(sendMessage('learnedRemove', { id }).then(({ removed }) => setRemoved(removed))),
    undo: () => {
      if (!removed) return;
      run(sendMessage('learnedRestore', { doc: removed }).then(() => setRemoved(null)));
    },
    exportOne: (id) =>
      void db.learned.get(id).then((doc) => {
        if (doc) downloadText(`csto-lens-source-${doc.id}.json`, JSON.stringify(doc, null, 2), 'application/json');
      }),
  };
}
