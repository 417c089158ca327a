import type { LearnedSummary } from '../lib/model/knowledge';
import { formatDate } from '../lib/ui/format';

export interface SourcesViewProps {
  sources: LearnedSummary[] | undefined;
  /** Title of the last removed source, while it can be undone. */
  removedTitle: string | null;
  busy: boolean;
  /** The address of a source's stored text in the viewer (offline). */
  viewerHref: (id: string) => string;
  onRemove: (id: string) => void;
  onUndo: () => void;
  onExport: (id: string) => void;
}

/** The pages the reader added to the knowledge base, with what each brought. */
export function SourcesView({ sources, removedTitle, busy, viewerHref, onRemove, onUndo, onExport }: SourcesViewProps) {
  return (
    <section aria-label="Sources" data-testid="sources" aria-busy={busy}>
      {removedTitle && (
        <p role="status" data-testid="source-removed">
          Removed “{removedTitle}” and what it brought.{' '}
          <button type="button" onClick={onUndo} disabled={busy}>
            Undo
          </button>
        </p>
      )}
      {sources === undefined ? (
        <p className="muted">Loading…</p>
      ) : sources.length === 0 ? (
        <p className="muted">
          No pages yet. On a news page, open CSTO Lens from the toolbar and choose “Add this page to my knowledge base”: its statements
          and facts then appear on cards and in search, with the page as their source.
        </p>
      ) : (
        <ul>
          {sources.map((s) => (
            <li key={s.id} className="nb-item source-item" data-source-id={s.id}>
              <a href={viewerHref(s.id)} target="_blank" rel="noreferrer">
                {s.title}
              </a>
              <div className="muted">
                {s.outlet}, {formatDate(s.date, 'day')} · {s.statements} statements, {s.facts} facts, {s.mentions} mentions ·{' '}
                <a href={s.url} target="_blank" rel="noreferrer">
                  original page
                </a>
              </div>
              <button type="button" onClick={() => onRemove(s.id)} disabled={busy}>
                Remove
              </button>{' '}
              <button type="button" onClick={() => onExport(s.id)}>
                Export
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
