import { useState } from 'react';
import type { CardData } from '../lib/model/knowledge';
import type { ViewerTarget } from '../lib/model/page';
import { TYPE_COLORS } from '../lib/ui/entity-colors';
import { viewerPath } from '../lib/ui/viewer-url';
import { SourceLine } from './SourceLine';
import { StatementItem } from './StatementItem';

export interface EntityCardProps {
  data: CardData | null;
  error?: string | null;
  /** Mentions of the entity on this page, and which one the card is next to. */
  mention: { index: number; total: number } | null;
  onPrev: () => void;
  onNext: () => void;
  onClose: () => void;
  onOpenSource: (target: ViewerTarget) => void;
  onPeer: (entityId: string) => void;
  /** Opens the entity's statement timeline in the notebook. */
  onOpenTimeline?: (entityId: string) => void;
  /** A source's address (default: the viewer's path, for extension pages). */
  sourceHref?: (target: ViewerTarget) => string;
}

const FIRST_STATEMENTS = 3;
const factTarget = (documentId: string, start: number | null, end: number | null): ViewerTarget => ({
  documentId,
  ...(start !== null && end !== null ? { start, end } : {}),
});
/** Statements come first (who said what is what readers open a card for); facts after, three at first. */
const FIRST_FACTS = 3;

/** The entity card: what it is, facts with their sources, related statements, peers, mentions on the page. */
export function EntityCard({ data, error, mention, onPrev, onNext, onClose, onOpenSource, onPeer, onOpenTimeline, sourceHref = viewerPath }: EntityCardProps) {
  const [more, setMore] = useState(false);
  const [moreFacts, setMoreFacts] = useState(false);
  if (error) {
    return (
      <div className="card" role="dialog" aria-label="CSTO Lens">
        <p role="alert">Could not load this entity: {error}</p>
      </div>
    );
  }
  if (!data) {
    return (
      <div className="card" role="dialog" aria-label="CSTO Lens" aria-busy="true">
        <p className="muted">Loading…</p>
      </div>
    );
  }
  const { entity, facts, statements, peers } = data;
  const shown = more ? statements : statements.slice(0, FIRST_STATEMENTS);
  return (
    <div className="card" role="dialog" aria-labelledby="csto-card-title" data-entity-id={entity.id}>
      <header className="card-head">
        <div>
          <h2 id="csto-card-title">{entity.name}</h2>
          <span className="type" style={{ borderColor: TYPE_COLORS[entity.type] }}>
            {entity.type}
          </span>
        </div>
        <button type="button" className="close" onClick={onClose} aria-label="Close" title="Close (Esc)">
          ×
        </button>
      </header>
      <p className="description">{entity.description}</p>

      {mention && mention.total > 0 && (
        <div className="mentions row">
          <span>
            {mention.total} {mention.total === 1 ? 'mention' : 'mentions'} on this page
            {mention.total > 1 ? ` (${mention.index + 1} of ${mention.total})` : ''}
          </span>
          <span>
            <button type="button" onClick={onPrev} disabled={mention.total < 2} aria-label="Previous mention" title="Previous mention on this page">
              ‹
            </button>{' '}
            <button type="button" onClick={onNext} disabled={mention.total < 2} aria-label="Next mention" title="Next mention on this page">
              ›
            </button>
          </span>
        </div>
      )}

      <section aria-label="Related statements">
        <h3>Related statements</h3>
        {statements.length === 0 && <p className="muted">No statements in the knowledge base.</p>}
        <ul className="statements">
          {shown.map((s) => (
            <StatementItem
              key={s.id}
              statement={s}
              onOpenSource={(statementId, documentId) => onOpenSource({ documentId, statementId })}
              sourceHref={(statementId, documentId) => sourceHref({ documentId, statementId })}
            />
          ))}
        </ul>
        {statements.length > FIRST_STATEMENTS && (
          <button type="button" className="more" onClick={() => setMore(!more)} aria-expanded={more}>
            {more ? 'Fewer' : `${statements.length - FIRST_STATEMENTS} more`}
          </button>
        )}
        {onOpenTimeline && data.timelineCount ? (
          <button type="button" className="more" data-testid="open-timeline" onClick={() => onOpenTimeline(entity.id)}>
            All statements ({data.timelineCount}), by date
          </button>
        ) : null}
      </section>


      {facts.length > 0 && (
        <section aria-label="Facts">
          <h3>Facts</h3>
          <ul className="facts">
            {(moreFacts ? facts : facts.slice(0, FIRST_FACTS)).map((f) => (
              <li key={f.id} className="fact" data-fact-id={f.id}>
                <span>{f.text.replace(/\s+/g, ' ')}</span>{' '}
                {f.source ? (
                  <SourceLine
                    source={f.source}
                    href={sourceHref(factTarget(f.source.documentId, f.start, f.end))}
                    onOpen={() => onOpenSource(factTarget(f.source!.documentId, f.start, f.end))}
                  />
                ) : (
                  <span className="source muted">CSTO Lens registry</span>
                )}
                {f.also && f.also.length > 0 && (
                  <span className="also muted" title={f.also.map((a) => `${a.outlet}: ${a.title}`).join('\n')}>
                    {' '}
                    Also in {f.also.length === 1 && !f.alsoMore ? f.also[0]!.outlet : `${f.also.length + (f.alsoMore ?? 0)} other sources`}.
                  </span>
                )}
              </li>
            ))}
          </ul>
          {facts.length > FIRST_FACTS && (
            <button type="button" className="more" onClick={() => setMoreFacts(!moreFacts)} aria-expanded={moreFacts}>
              {moreFacts ? 'Fewer facts' : `${facts.length - FIRST_FACTS} more facts`}
            </button>
          )}
        </section>
      )}

      {data.inside && data.inside.length > 0 && (
        <section aria-label="Named inside">
          <h3>Named inside</h3>
          <div className="chips">
            {data.inside.map((p) => (
              <button type="button" key={p.id} className="chip" onClick={() => onPeer(p.id)} data-entity-id={p.id}>
                <span className="swatch" style={{ background: TYPE_COLORS[p.type] }} />
                {p.name}
              </button>
            ))}
          </div>
        </section>
      )}

      {peers.length > 0 && (
        <section aria-label="Often appears with">
          <h3>Often appears with</h3>
          <div className="chips">
            {peers.map((p) => (
              <button type="button" key={p.id} className="chip" onClick={() => onPeer(p.id)} data-entity-id={p.id}>
                <span className="swatch" style={{ background: TYPE_COLORS[p.type] }} />
                {p.name}
              </button>
            ))}
          </div>
        </section>
      )}
    </div>
  );
}
