// The notebook's import, step by step: read the file here (JSON and shape, in the notebook's own
// thread), send its items to the background in slices (each read and compared there: a preview, nothing
// written), then confirm (one transaction, with progress) or cancel. Slices are sent one after the
// other with a pause between them, so neither the notebook nor the background is blocked for long.

import { openImport, readItem, type Candidate, type ImportShape } from '../annotations/import';
import type { Annotation } from '../annotations/model';
import { STAGE_SLICE, type ImportOutcome, type ImportPreview, type ImportProgress } from '../annotations/store-import';
import { applyFilter, type NotebookFilter } from './notebook-filter';

export type ExportFormat = 'markdown' | 'csv' | 'jsonld';
/** What to export: the highlights shown (the filter: one tag, a site, a search result), all, or one page. */
export type ExportScope = { kind: 'shown' } | { kind: 'all' } | { kind: 'page'; source: string };

/** What the import panel shows (components/ImportPanel.tsx). */
export interface ImportPanelData {
  step: 'reading' | 'preview' | 'writing';
  fileName: string;
  /** Reading or writing: how far. */
  progress: { done: number; total: number } | null;
  /** "412 annotations: 405 new, 3 updated, 4 rejected" */
  headline: string;
  details: string[];
  /** Each rejected item with its JSON path. */
  rejected: { path: string; reason: string }[];
  /** Rejected items not listed. */
  rejectedMore: number;
  /** Highlights deleted here after the file's version of them. */
  deletedSince: number;
  restoreDeleted: boolean;
  /** Only the items that match the notebook's filter were read. */
  scoped: boolean;
  /** How many records confirming writes. */
  toWrite: number;
}

export type ImportStep =
  | { step: 'idle' }
  | { step: 'reading'; fileName: string; read: number; total: number }
  | { step: 'preview'; fileName: string; preview: ImportPreview; restoreDeleted: boolean; scoped: boolean }
  | { step: 'writing'; fileName: string; written: number; total: number };

/** What the flow needs from the background (the import messages). */
export interface ImportBackend {
  begin(): Promise<{ token: string }>;
  stage(token: string, shape: ImportShape, items: Candidate[]): Promise<ImportPreview>;
  commit(token: string, restoreDeleted: boolean): Promise<ImportOutcome>;
  progress(token: string): Promise<ImportProgress | null>;
  cancel(token: string): Promise<void>;
}

const pause = (ms = 0) => new Promise<void>((r) => setTimeout(r, ms));

/** The items whose annotation would pass the notebook's filter (import for one page, tag or search). */
export function itemsMatching(items: readonly Candidate[], filter: NotebookFilter, now: number): Candidate[] {
  const keep = new Set<Candidate>();
  const drafts: Annotation[] = [];
  const byId = new Map<string, Candidate[]>();
  for (const c of items) {
    const r = readItem(c, now);
    if (!r.ok) {
      keep.add(c); // refused either way: the preview still says why
      continue;
    }
    const d = r.draft;
    drafts.push({ id: d.id, type: 'Annotation', created: d.created, modified: d.modified, target: { source: d.source, title: d.title, selector: d.selector }, body: d.body, color: d.color, entityIds: d.entityIds, hlc: '', device: '', deleted: false });
    const list = byId.get(d.id);
    if (list) list.push(c);
    else byId.set(d.id, [c]);
  }
  for (const a of applyFilter(drafts, filter)) for (const c of byId.get(a.id) ?? []) keep.add(c);
  return items.filter((c) => keep.has(c));
}

export class ImportFlow {
  private token: string | null = null;

  constructor(
    private readonly backend: ImportBackend,
    private readonly onStep: (s: ImportStep) => void,
  ) {}

  /** Reads and previews a file; returns an error message when the file cannot be read at all. */
  async open(fileName: string, text: string, scope: NotebookFilter | null = null): Promise<string | null> {
    const f = openImport(text);
    if (!f.ok) return `Nothing imported from ${fileName}: ${f.errors.join('; ')}`;
    const items = scope ? itemsMatching(f.items, scope, Date.now()) : f.items;
    const { token } = await this.backend.begin();
    this.token = token;
    this.onStep({ step: 'reading', fileName, read: 0, total: items.length });
    let preview: ImportPreview | null = null;
    for (let i = 0; i < items.length || preview === null; i += STAGE_SLICE) {
      if (this.token !== token) return null; // cancelled while reading
      preview = await this.backend.stage(token, f.shape, items.slice(i, i + STAGE_SLICE));
      this.onStep({ step: 'reading', fileName, read: Math.min(items.length, i + STAGE_SLICE), total: items.length });
      await pause();
    }
    this.onStep({ step: 'preview', fileName, preview, restoreDeleted: preview.deletedSince > 0, scoped: !!scope });
    return null;
  }

  /** Writes what the preview accepted; reports progress until done. */
  async confirm(fileName: string, restoreDeleted: boolean, total: number): Promise<ImportOutcome> {
    const token = this.token;
    if (!token) throw new Error('nothing to import');
    this.onStep({ step: 'writing', fileName, written: 0, total });
    let done = false;
    const commit = this.backend.commit(token, restoreDeleted).finally(() => (done = true));
    void (async () => {
      while (!done) {
        await pause(100);
        const p = await this.backend.progress(token).catch(() => null);
        if (p && !done) this.onStep({ step: 'writing', fileName, written: p.written, total: p.total });
      }
    })();
    try {
      return await commit;
    } finally {
      this.token = null;
      this.onStep({ step: 'idle' });
    }
  }

  async cancel(): Promise<void> {
    const token = this.token;
    this.token = null;
    this.onStep({ step: 'idle' });
    if (token) await this.backend.cancel(token);
  }
}

/** "412 annotations: 405 new, 3 updated, 4 rejected" and what else the reader should know. */
export function previewSummary(p: ImportPreview): { headline: string; details: string[] } {
  const n = (x: number, one: string, many = `${one}s`) => `${x.toLocaleString('en')} ${x === 1 ? one : many}`;
  const headline = `${n(p.total, 'annotation')}: ${p.added.toLocaleString('en')} new, ${p.updated.toLocaleString('en')} updated, ${p.rejectedCount.toLocaleString('en')} rejected`;
  const details: string[] = [];
  if (p.unchanged) details.push(`${p.unchanged.toLocaleString('en')} already here, the same or newer: left as they are.`);
  const notes = p.notes;
  if (notes['dates filled']) details.push(`${n(notes['dates filled'], 'annotation')} without a date: dated with the import time.`);
  if (notes['position only']) details.push(`${n(notes['position only'], 'annotation')} with a position but no quote: anchored by position only when the page opens, and its quote read from the page then.`);
  if (notes['no position']) details.push(`${n(notes['no position'], 'annotation')} with a quote but no position: found by the quote when the page opens.`);
  if (notes['stamp refused']) details.push(`${n(notes['stamp refused'], 'annotation')} with a sync stamp this device cannot accept: stamped anew by this device.`);
  if (notes['unsupported bodies dropped']) details.push(`${n(notes['unsupported bodies dropped'], 'annotation')} with bodies that are neither text nor a link: those bodies are left out.`);
  return { headline, details };
}
