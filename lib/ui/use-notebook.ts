import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { noteOf, quoteOf, tagsOf, type Annotation } from '../annotations/model';
import { exportCsv, exportJsonLd, exportMarkdown } from '../annotations/export';
import type { LensDb } from '../kb/db';
import { sendMessage } from '../protocol/messages';
import { applyFilter, buildIndex, EMPTY_FILTER, facets, groupByPage, type NotebookFilter } from './notebook-filter';
import { downloadText } from './download';

// The notebook's data and actions: annotations live from Dexie (so it updates
// whenever they change anywhere, sync included); every change goes through the
// background, which stamps it and queues it for sync.

export function useNotebook(db: LensDb) {
  const annotations = useLiveQuery(async () => (await db.annotations.toArray()).filter((a) => !a.deleted), [], [] as Annotation[]);
  const orphans = useLiveQuery(async () => new Set((await db.anchorState.filter((r) => r.orphan).toArray()).map((r) => r.id)), [], new Set<string>());
  const names = useLiveQuery(
    async () => {
      const ids = [...new Set(annotations.flatMap((a) => a.entityIds))];
      const rows = await db.entities.bulkGet(ids);
      return Object.fromEntries(rows.filter((e) => !!e).map((e) => [e!.id, e!.name])) as Record<string, string>;
    },
    [annotations],
    {} as Record<string, string>,
  );
  const [filter, setFilter] = useState<NotebookFilter>(EMPTY_FILTER);
  const [grouped, setGrouped] = useState(true);
  const [undo, setUndo] = useState<{ label: string; onUndo: () => void } | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const index = useMemo(() => buildIndex(annotations), [annotations]);
  const shown = useMemo(() => applyFilter(annotations, filter, index), [annotations, filter, index]);
  const entry = (a: Annotation) => ({
    id: a.id,
    quote: quoteOf(a),
    note: noteOf(a),
    tags: tagsOf(a),
    color: a.color,
    created: a.created,
    title: a.target.title,
    source: a.target.source,
    orphan: orphans.has(a.id),
    entityNames: a.entityIds.map((id) => names[id] ?? id),
  });
  const groups = grouped
    ? groupByPage(shown).map((g) => ({ ...g, items: g.items.map(entry) }))
    : [{ source: '', title: '', items: shown.map(entry) }];
  const f = facets(annotations);

  const fail = (err: unknown) => setMessage(`Could not save: ${err instanceof Error ? err.message : String(err)}`);
  return {
    groups,
    total: annotations.length,
    grouped,
    filter,
    undo,
    message,
    facets: { sites: f.sites, tags: f.tags, entities: f.entities.map((id) => ({ id, name: names[id] ?? id })) },
    onFilter: setFilter,
    onGrouped: setGrouped,
    onSave: (id: string, d: { note: string; tags: string[]; color: Annotation['color'] }) =>
      void sendMessage('annotationEdit', { id, patch: { note: d.note, tags: d.tags, color: d.color } }).catch(fail),
    onDelete: (id: string) =>
      void sendMessage('annotationDelete', { id }).then(
        (a) => setUndo({ label: `Deleted “${quoteOf(a).slice(0, 40)}”.`, onUndo: () => void sendMessage('annotationRestore', { id }).then(() => setUndo(null), fail) }),
        fail,
      ),
    onOpen: (id: string) => void sendMessage('openAnnotation', { id }).catch(fail),
    onExport: (format: 'markdown' | 'csv' | 'jsonld') => {
      const stamp = new Date().toISOString().slice(0, 10);
      if (format === 'markdown') downloadText(`csto-lens-${stamp}.md`, exportMarkdown(shown), 'text/markdown');
      else if (format === 'csv') downloadText(`csto-lens-${stamp}.csv`, exportCsv(shown), 'text/csv');
      else downloadText(`csto-lens-${stamp}.jsonld`, JSON.stringify(exportJsonLd(shown), null, 2), 'application/ld+json');
    },
    onImport: (file: File) =>
      void file
        .text()
        .then((json) => sendMessage('annotationsImport', { json }))
        .then((r) =>
          setMessage(
            r.ok
              ? `Imported: ${r.result.added} new, ${r.result.updated} updated, ${r.result.skipped} already up to date.`
              : `Nothing imported. ${r.errors.join('; ')}`,
          ),
        )
        .catch((err: unknown) => setMessage(`Nothing imported: ${err instanceof Error ? err.message : String(err)}`)),
  };
}
