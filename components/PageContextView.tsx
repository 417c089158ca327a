import type { CardData } from '../lib/model/knowledge';
import type { ContextEntity, ContextStatement, PageContext } from '../lib/model/knowledge';
import type { RelatedStatement } from '../lib/model/knowledge';
import type { EntityType } from '../lib/model/types';
import { formatDate } from '../lib/ui/format';
import { TYPE_COLORS, TYPE_LABELS } from '../lib/ui/entity-colors';

import type { PageContextStatus } from '../lib/ui/use-page-context';

export interface PageContextViewProps {
  status: PageContextStatus;
  context: PageContext | null;
  /** Cards the reader expanded, by entity id (undefined while loading). */
  cards: Record<string, CardData | null | undefined>;
  /** The address of the sentence a statement comes from (the source viewer). */
  statementHref: (statementId: string, documentId: string) => string;
  onRead: () => void;
  onExpand: (entityId: string) => void;
  onReveal: (entityId: string) => void;
}

const excerpt = (text: string, max = 180) => (text.length > max ? `${text.slice(0, max - 1).replace(/\s+\S*$/, '')}…` : text);

function Said({ s, href }: { s: Pick<ContextStatement, 'id' | 'text' | 'speakerName' | 'date' | 'source'>; href: string }) {
  return (
    <>
      <q>{excerpt(s.text)}</q>
      <span className="muted context-source">
        {' '}
        — {s.speakerName ?? 'unattributed'}, {s.source.outlet}, {formatDate(s.date ?? s.source.date, s.source.datePrecision)}.{' '}
        <a href={href} target="_blank" rel="noreferrer" title={s.source.title}>
          Open the sentence
        </a>
      </span>
    </>
  );
}

function Expanded({ card, statementHref }: { card: CardData | null | undefined; statementHref: PageContextViewProps['statementHref'] }) {
  if (card === undefined) return <p className="muted">Loading…</p>;
  if (card === null) return <p className="muted">Not in the knowledge base any more.</p>;
  const facts = card.facts.slice(0, 3);
  const statements = card.statements.slice(0, 3);
  return (
    <div className="context-card">
      {card.entity.description && <p>{card.entity.description}</p>}
      {facts.length > 0 && (
        <ul aria-label="Facts">
          {facts.map((f) => (
            <li key={f.id}>
              {f.text}
              {f.source && <span className="muted"> ({f.source.outlet})</span>}
            </li>
          ))}
        </ul>
      )}
      {statements.length > 0 && (
        <ul aria-label="Statements">
          {statements.map((s) => (
            <li key={s.id}>
              <Said s={s} href={statementHref(s.id, s.source.documentId)} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function EntityRow({ e, props }: { e: ContextEntity; props: PageContextViewProps }) {
  return (
    <li className="context-entity" data-entity-id={e.entityId}>
      <details onToggle={(ev) => (ev.currentTarget as HTMLDetailsElement).open && props.onExpand(e.entityId)}>
        <summary>
          <strong>{e.name}</strong>
          {e.count > 0 && <span className="muted"> · {e.count}×</span>}
          {e.description && <span className="context-description"> — {e.description}</span>}
        </summary>
        <Expanded card={props.cards[e.entityId]} statementHref={props.statementHref} />
        {e.count > 0 && (
          <button type="button" onClick={() => props.onReveal(e.entityId)}>
            Show on the page
          </button>
        )}
      </details>
      {e.latest && (
        <p className="context-latest" data-testid="latest-statement">
          <Said s={e.latest} href={props.statementHref(e.latest.id, e.latest.source.documentId)} />
        </p>
      )}
    </li>
  );
}

function RelatedList({ related, statementHref }: { related: RelatedStatement[]; statementHref: PageContextViewProps['statementHref'] }) {
  return (
    <section aria-label="Related statements" data-testid="related-statements">
      <h2>Related statements</h2>
      {related.length === 0 ? (
        <p className="muted">No statement in the knowledge base is close to this page.</p>
      ) : (
        <ul>
          {related.map((s) => (
            <li key={s.id} data-statement-id={s.id}>
              <Said s={s} href={statementHref(s.id, s.source.documentId)} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The popup's view of what the page is about, in the knowledge base's terms. */
export function PageContextView(props: PageContextViewProps) {
  const { status, context } = props;
  if (status === 'unavailable') return null;
  if (status === 'ask')
    return (
      <section aria-label="Context of this page" data-testid="page-context">
        <p>Highlighting is off on this site. CSTO Lens can still read this page once to show its context.</p>
        <button type="button" onClick={props.onRead}>
          Read this page
        </button>
      </section>
    );
  if (status === 'failed')
    return (
      <section aria-label="Context of this page" data-testid="page-context">
        <p role="status">The knowledge base could not answer. Try again in a moment.</p>
      </section>
    );
  if (!context)
    return (
      <section aria-label="Context of this page" data-testid="page-context" aria-busy="true">
        <p className="muted">Reading the page…</p>
      </section>
    );
  const groups = new Map<EntityType, ContextEntity[]>();
  for (const e of context.entities) groups.set(e.type, [...(groups.get(e.type) ?? []), e]);
  return (
    <section aria-label="Context of this page" data-testid="page-context">
      {context.entities.length === 0 ? (
        <p data-testid="no-entities">
          This page names no CSTO entity: none of its member states, bodies, officials, operations or partners appear in its
          text.
        </p>
      ) : (
        [...groups].map(([type, list]) => (
          <div key={type} data-type={type}>
            <h2>
              <span className="swatch" style={{ background: TYPE_COLORS[type] }} />
              {TYPE_LABELS[type]}
            </h2>
            <ul>
              {list.map((e) => (
                <EntityRow key={e.entityId} e={e} props={props} />
              ))}
            </ul>
          </div>
        ))
      )}
      {context.entities.length > 0 && <RelatedList related={context.related} statementHref={props.statementHref} />}
    </section>
  );
}
