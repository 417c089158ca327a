import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useRef, useState } from 'react';
import { noteOf, quoteOf, tagsOf, type Annotation } from '../annotations/model';
import { exportCsv, exportJsonLd, exportMarkdown } from '../annotations/export';
import type { LensDb } from '../db/database';
import { sendMessage } from '../protocol/to-background';
import { applyFilter, buildIndex, EMPTY_FILTER, facets, groupByPage, type NotebookFilter } from './notebook-filter';
import { downloadText } from './download';
import { MAX_LISTED_REJECTIONS } from '../annotations/store-import';
import { ImportFlow, previewSummary, type ExportFormat, type ExportScope, type ImportBackend, type ImportPanelData, type ImportStep } from './import-flow';

/** The import messages to the background. */
const backend: ImportBackend = {
  begin: () => sendMessage('annotationsImportBegin', undefined),
  stage: (token, shape, items) => sendMessage('annotationsImportStage', { token, shape, items }),
  commit: (token, restoreDeleted) => sendMessage('annotationsImportCommit', { token, restoreDeleted }),
  progress: (token) => sendMessage('annotationsImportProgress', { token }),
  cancel: (token) => sendMessage('annotationsImportCancel', { token }),
};

/** The panel's props for a step of the import (null when none is under way). */
export function importPanelProps(
  step: ImportStep,
  actions: { onConfirm: () => void; onCancel: () => void; onRestoreDeleted: (restore: boolean) => void },
): (ImportPanelData & typeof actions) | null {
  if (step.step === 'idle') return null;
  const base = { fileName: step.fileName, headline: '', details: [] as string[], rejected: [] as ImportPanelData['rejected'], rejectedMore: 0, deletedSince: 0, restoreDeleted: false, scoped: false, toWrite: 0, ...actions };
  if (step.step === 'reading') return { ...base, step: 'reading', progress: { done: step.read, total: step.total } };
  if (step.step === 'writing') return { ...base, step: 'writing', progress: { done: step.written, total: step.total } };
  const p = step.preview;
  const { headline, details } = previewSummary(p);
  return {
    ...base,
    step: 'preview',
    progress: null,
    headline,
    details,
    rejected: p.rejected,
    rejectedMore: Math.max(0, p.rejectedCount - Math.min(p.rejected.length, MAX_LISTED_REJECTIONS)),
    deletedSince: p.deletedSince,
    restoreDeleted: step.restoreDeleted,
    scoped: step.scoped,
    toWrite: p.added + p.updated + (step.restoreDeleted ? p.deletedSince : 0),
  };
}

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
  const [exportFormat, setExportFormat] = useState<ExportFormat>('markdown');
  const [importScoped, setImportScoped] = useState(false);
  const [importStep, setImportStep] = useState<ImportStep>({ step: 'idle' });
  const flow = useRef<ImportFlow | null>(null);
  flow.current ??= new ImportFlow(backend, setImportStep);

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
    byPosition: !!a.target.byPosition,
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
    exportFormat,
    onExportFormat: setExportFormat,
    onExport: (scope: ExportScope) => {
      const list = scope.kind === 'all' ? annotations : scope.kind === 'page' ? annotations.filter((a) => a.target.source === scope.source) : shown;
      const stamp = new Date().toISOString().slice(0, 10);
      const name = `csto-lens-${stamp}${scope.kind === 'page' ? '-page' : scope.kind === 'shown' && list.length !== annotations.length ? '-selection' : ''}`;
      if (exportFormat === 'markdown') downloadText(`${name}.md`, exportMarkdown(list), 'text/markdown');
      else if (exportFormat === 'csv') downloadText(`${name}.csv`, exportCsv(list), 'text/csv');
      else downloadText(`${name}.jsonld`, JSON.stringify(exportJsonLd(list), null, 2), 'application/ld+json');
    },
    importScoped,
    onImportScoped: setImportScoped,
    onImport: (file: File) => {
      setMessage(null);
      void file
        .text()
        .then((text) => flow.current!.open(file.name, text, importScoped ? filter : null))
        .then((err) => err && setMessage(err))
        .catch((err: unknown) => {
          void flow.current!.cancel();
          setMessage(`Nothing imported: ${err instanceof Error ? err.message : String(err)}`);
        });
    },
    importPanel: importPanelProps(importStep, {
      onRestoreDeleted: (restoreDeleted: boolean) => setImportStep((s) => (s.step === 'preview' ? { ...s, restoreDeleted } : s)),
      onCancel: () => {
        void flow.current!.cancel().then(() => setMessage('Import cancelled: nothing was written.'), fail);
      },
      onConfirm: () => {
        if (importStep.step !== 'preview') return;
        const { preview, restoreDeleted, fileName } = importStep;
        void flow
          .current!.confirm(fileName, restoreDeleted, preview.added + preview.updated + preview.deletedSince)
          .then((o) =>
            setMessage(
              `Imported from ${fileName}: ${o.added} new, ${o.updated} updated${o.restored ? `, ${o.restored} brought back` : ''}; ${o.unchanged} left as they were; ${o.rejected} rejected.`,
            ),
          )
          .catch((err: unknown) => setMessage(`Nothing imported: ${err instanceof Error ? err.message : String(err)}`));
      },
    }),
  };
}
