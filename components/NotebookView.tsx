import type { NotebookFilter } from '../lib/ui/notebook-filter';
import type { AnnotationDraft } from './AnnotationPanel';
import { NOTE_COLORS } from './ColorPicker';
import { NotebookItem, type NotebookEntry } from './NotebookItem';
import type { ExportFormat, ExportScope } from '../lib/ui/import-flow';
import { ImportPanel, type ImportPanelProps } from './ImportPanel';

export interface NotebookViewProps {
  groups: { source: string; title: string; items: NotebookEntry[] }[];
  total: number;
  grouped: boolean;
  filter: NotebookFilter;
  facets: { sites: string[]; tags: string[]; entities: { id: string; name: string }[] };
  undo: { label: string; onUndo: () => void } | null;
  message: string | null;
  onFilter: (f: NotebookFilter) => void;
  onGrouped: (grouped: boolean) => void;
  onSave: (id: string, draft: AnnotationDraft) => void;
  onDelete: (id: string) => void;
  onOpen: (id: string) => void;
  exportFormat: ExportFormat;
  onExportFormat: (format: ExportFormat) => void;
  onExport: (scope: ExportScope) => void;
  /** Import only what matches the current filter. */
  importScoped: boolean;
  onImportScoped: (scoped: boolean) => void;
  onImport: (file: File) => void;
  /** The import under way (preview, progress), or null. */
  importPanel: ImportPanelProps | null;
}

/** The notebook: every highlight, newest first, grouped by page or not, searchable and filterable. */
export function NotebookView(p: NotebookViewProps) {
  const f = p.filter;
  const set = (patch: Partial<NotebookFilter>) => p.onFilter({ ...f, ...patch });
  const shown = p.groups.reduce((n, g) => n + g.items.length, 0);
  return (
    <main className="notebook">
      <h1>Notebook</h1>
      <input type="search" aria-label="Search highlights" placeholder="Search quotes, notes, tags, pages…" value={f.query} onChange={(e) => set({ query: e.target.value })} />
      <div className="filters">
        <select aria-label="Site" value={f.site} onChange={(e) => set({ site: e.target.value })}>
          <option value="">All sites</option>
          {p.facets.sites.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
        <select aria-label="Tag" value={f.tag} onChange={(e) => set({ tag: e.target.value })}>
          <option value="">All tags</option>
          {p.facets.tags.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
        <select aria-label="Colour" value={f.color} onChange={(e) => set({ color: e.target.value })}>
          <option value="">All colours</option>
          {NOTE_COLORS.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
        <select aria-label="Entity" value={f.entity} onChange={(e) => set({ entity: e.target.value })}>
          <option value="">All entities</option>
          {p.facets.entities.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name}
            </option>
          ))}
        </select>
        <label>
          From <input type="date" aria-label="From" value={f.from} onChange={(e) => set({ from: e.target.value })} />
        </label>
        <label>
          To <input type="date" aria-label="To" value={f.to} onChange={(e) => set({ to: e.target.value })} />
        </label>
        <label>
          <input type="checkbox" checked={p.grouped} onChange={(e) => p.onGrouped(e.target.checked)} /> Group by page
        </label>
      </div>
      <div className="row">
        <span className="muted" data-testid="nb-count">
          {shown} of {p.total} highlights
        </span>
        <span>
          <select aria-label="Export format" value={p.exportFormat} onChange={(e) => p.onExportFormat(e.target.value as ExportFormat)}>
            <option value="markdown">Markdown</option>
            <option value="csv">CSV</option>
            <option value="jsonld">W3C JSON-LD</option>
          </select>{' '}
          <button type="button" disabled={shown === 0} onClick={() => p.onExport({ kind: 'shown' })}>
            Export shown ({shown})
          </button>{' '}
          <button type="button" disabled={p.total === 0} onClick={() => p.onExport({ kind: 'all' })}>
            Export all
          </button>{' '}
          <label className="import">
            Import…
            <input
              type="file"
              accept=".json,.jsonld,application/json,application/ld+json"
              aria-label="Import annotations"
              disabled={!!p.importPanel}
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) p.onImport(file);
                e.target.value = '';
              }}
            />
          </label>{' '}
          <label>
            <input type="checkbox" checked={p.importScoped} onChange={(e) => p.onImportScoped(e.target.checked)} /> import only what matches the filter
          </label>
        </span>
      </div>
      {p.importPanel && <ImportPanel {...p.importPanel} />}
      {p.message && (
        <p role="status" className="nb-message">
          {p.message}
        </p>
      )}
      {p.undo && (
        <p role="status" className="undo">
          {p.undo.label}{' '}
          <button type="button" onClick={p.undo.onUndo}>
            Undo
          </button>
        </p>
      )}
      {p.total === 0 && <p className="muted">No highlights yet: select text on any page and pick a colour.</p>}
      {p.groups.map((g) => (
        <section key={g.source} aria-label={g.title || g.source}>
          {p.grouped && (
            <h2>
              {/^https?:\/\//i.test(g.source) ? (
                <a href={g.source} target="_blank" rel="noreferrer">
                  {g.title || g.source}
                </a>
              ) : (
                <span>{g.title || g.source}</span>
              )}{' '}
              <button type="button" className="nb-export-page" aria-label={`Export the highlights of ${g.title || g.source}`} onClick={() => p.onExport({ kind: 'page', source: g.source })}>
                Export page
              </button>
            </h2>
          )}
          <ul className="nb-list">
            {g.items.map((e) => (
              <NotebookItem key={e.id} entry={e} showPage={!p.grouped} onSave={p.onSave} onDelete={p.onDelete} onOpen={p.onOpen} />
            ))}
          </ul>
        </section>
      ))}
    </main>
  );
}
