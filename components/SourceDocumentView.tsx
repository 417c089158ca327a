import type { SourceDocument, Statement } from '../lib/model/types';
import { TYPE_COLORS } from '../lib/ui/entity-colors';
import { formatDate } from '../lib/ui/format';
import type { Segment } from '../lib/ui/segments';

export interface SourceDocumentViewProps {
  document: SourceDocument;
  paragraphs: Segment[][];
  statements: Statement[];
  entityNames: Record<string, string>;
  /** The statement the link points at (marked and scrolled to by the page). */
  targetStatementId: string | null;
}

/** A source document with its statements marked by speaker and its entity mentions highlighted. */
export function SourceDocumentView({ document: doc, paragraphs, statements, entityNames, targetStatementId }: SourceDocumentViewProps) {
  const byId = new Map(statements.map((s) => [s.id, s]));
  return (
    <article className="source-doc">
      <header>
        <h1>{doc.title}</h1>
        <p className="muted">
          {doc.outlet} · {formatDate(doc.date, doc.datePrecision)}
          {doc.dateNote && doc.datePrecision !== 'day' && <span title={doc.dateNote}> ⓘ</span>}
        </p>
        {doc.dateNote && doc.datePrecision !== 'day' && <p className="muted small">{doc.dateNote}</p>}
        <p className="muted small" data-testid="doc-origin">
          {statements.length} statements ·{' '}
          {doc.url ? (
            <>
              from your knowledge base, as read from{' '}
              <a href={doc.url} target="_blank" rel="noreferrer" data-testid="original-link">
                the original page
              </a>
            </>
          ) : (
            'a source document shipped with CSTO Lens'
          )}
        </p>
      </header>
      {paragraphs.map((segments, i) => (
        <p key={i}>
          {segments.map((seg) => {
            const st = seg.statementId ? byId.get(seg.statementId) : undefined;
            const content = seg.mention ? (
              <mark
                className="mention"
                data-entity-id={seg.mention.entityId}
                title={entityNames[seg.mention.entityId] ?? seg.mention.entityId}
                style={{ textDecorationColor: TYPE_COLORS[seg.mention.type], backgroundColor: `${TYPE_COLORS[seg.mention.type]}22` }}
              >
                {seg.text}
              </mark>
            ) : (
              seg.text
            );
            if (!st) return <span key={seg.start} className={seg.target ? 'target' : undefined}>{content}</span>;
            const targeted = st.id === targetStatementId;
            return (
              <span
                key={seg.start}
                className={`statement${targeted ? ' target' : ''}${seg.target ? ' target' : ''}`}
                data-statement-id={st.id}
                {...(seg.statementStart ? { id: `statement-${st.id}` } : {})}
              >
                {seg.statementStart && (
                  <span className="speaker-label" data-speaker-id={st.speakerId ?? ''}>
                    {st.speakerName ?? 'Unattributed'} ({st.kind})
                  </span>
                )}
                {content}
              </span>
            );
          })}
        </p>
      ))}
    </article>
  );
}
