import type { RelatedStatement } from '../lib/model/knowledge';
import type { ViewerTarget } from '../lib/model/page';
import { viewerPath } from '../lib/ui/viewer-url';
import { StatementItem } from './StatementItem';

export interface RelatedPanelProps {
  passage: string;
  results: RelatedStatement[] | null;
  error?: string | null;
  onClose: () => void;
  onOpenSource: (target: ViewerTarget) => void;
  /** A source's address (default: the viewer's path, for extension pages). */
  sourceHref?: (target: ViewerTarget) => string;
}

/** Statements related to a selected passage, ranked, each with its score, speaker, date and source. */
export function RelatedPanel({ passage, results, error, onClose, onOpenSource, sourceHref = viewerPath }: RelatedPanelProps) {
  return (
    <div className="card" role="dialog" aria-labelledby="csto-related-title">
      <header className="card-head">
        <h2 id="csto-related-title">Related statements</h2>
        <button type="button" className="close" onClick={onClose} aria-label="Close" title="Close (Esc)">
          ×
        </button>
      </header>
      <p className="muted passage">“{passage.length > 140 ? `${passage.slice(0, 138)}…` : passage}”</p>
      {error && <p role="alert">{error}</p>}
      {!results && !error && <p className="muted">Searching…</p>}
      {results && results.length === 0 && <p className="muted">Nothing in the knowledge base relates to this passage.</p>}
      <ol className="statements">
        {results?.map((s) => (
          <StatementItem
            key={s.id}
            statement={s}
            score={s.score}
            onOpenSource={(statementId, documentId) => onOpenSource({ documentId, statementId })}
            sourceHref={(statementId, documentId) => sourceHref({ documentId, statementId })}
          />
        ))}
      </ol>
    </div>
  );
}
