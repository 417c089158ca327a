import type { PageAnnotations, PageState } from '../lib/model/page';

export interface PageSummaryProps {
  state: PageState | null;
  /** The reader's highlights on this page: how many anchored, and the orphans with their quotes. */
  notes?: PageAnnotations | null;
  hostname: string | null;
  siteActive: boolean;
  globalActive: boolean;
  onToggleSite: () => void;
  onToggleGlobal: () => void;
}

/** The popup's head for the current page: the on/off switches, the counts and the orphaned highlights. */
export function PageSummary(props: PageSummaryProps) {
  const { state, hostname } = props;
  return (
    <section aria-label="This page">
      <div className="row">
        <h1>CSTO Lens</h1>
        <button type="button" onClick={props.onToggleGlobal} aria-pressed={props.globalActive}>
          {props.globalActive ? 'On' : 'Off'} everywhere
        </button>
      </div>
      {hostname && (
        <div className="row">
          <span className="muted">{hostname}</span>
          <button type="button" onClick={props.onToggleSite} aria-pressed={props.siteActive}>
            {props.siteActive ? 'Turn off on this site' : 'Turn on on this site'}
          </button>
        </div>
      )}
      {!state && <p className="muted">CSTO Lens cannot read this page.</p>}
      {state && state.active && (
        <p data-testid="page-count">
          {state.entities} {state.entities === 1 ? 'entity' : 'entities'}, {state.mentions}{' '}
          {state.mentions === 1 ? 'mention' : 'mentions'} on this page
        </p>
      )}
      {state?.partial && (
        <p role="status" data-testid="partial">
          This page is very large: only its first part was matched.
        </p>
      )}
      {props.notes && props.notes.anchored.length + props.notes.orphans.length > 0 && (
        <p data-testid="page-notes">
          Your highlights here: {props.notes.anchored.length}
          {props.notes.orphans.length > 0 && `, ${props.notes.orphans.length} not found on the page`}
        </p>
      )}
      {props.notes && props.notes.orphans.length > 0 && (
        <ul aria-label="Highlights not found on this page" data-testid="orphans">
          {props.notes.orphans.map((o) => (
            <li key={o.id} className="muted">
              “{o.quote.length > 80 ? `${o.quote.slice(0, 78)}…` : o.quote}”
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
