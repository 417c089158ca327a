import type { NotebookFilter } from '../lib/ui/notebook-filter';
import type { AnnotationDraft } from './AnnotationPanel';
import { NOTE_COLORS } from './ColorPicker';
import { NotebookItem, type NotebookEntry } from './NotebookItem';

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
  onExport: (format: 'markdown' | 'csv' | 'jsonld') => void;
  onImport: (file: File) => void;
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
          <button type="button" onClick={() => p.onExport('markdown')}>
            Markdown
          </button>{' '}
          <button type="button" onClick={() => p.onExport('csv')}>
            CSV
          </button>{' '}
          <button type="button" onClick={() => p.onExport('jsonld')}>
            JSON-LD
          </button>{' '}
          <label className="import">
            Import…
            <input
              type="file"
              accept=".json,.jsonld,application/json,application/ld+json"
              aria-label="Import JSON-LD"
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) p.onImport(file);
                e.target.value = '';
              }}
            />
          </label>
        </span>
      </div>
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
              <a href={g.source} target="_blank" rel="noreferrer">
                {g.title || g.source}
              </a>
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
