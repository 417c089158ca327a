import type { Timeline, TimelineFilter, TimelineItem } from '../lib/kb/timeline';
import { excerpt, formatDate } from '../lib/ui/format';

export interface TimelineEntityOption {
  id: string;
  name: string;
  type: string;
}

export interface StatementTimelineProps {
  /** The entity search: what is typed and what it finds. */
  query: string;
  results: TimelineEntityOption[];
  onQuery: (q: string) => void;
  onPick: (entityId: string) => void;
  /** undefined while loading; null when no entity is picked (or it is not in the knowledge base). */
  timeline: Timeline | null | undefined;
  filter: TimelineFilter;
  onFilter: (f: TimelineFilter) => void;
  /** The viewer's address of a statement's sentence (viewer.html?doc=ID#statement-ID). */
  statementHref: (item: TimelineItem) => string;
}

const KIND_LABEL = { quote: 'said', reported: 'said (reported)', answer: 'answered' } as const;

/** The year a statement is filed under in the list ("Undated" when not known). */
const yearOf = (i: TimelineItem) => (i.date && /^\d{4}/.test(i.date) && i.datePrecision !== 'unknown' ? i.date.slice(0, 4) : 'Undated');

/** The notebook's Timeline: pick an entity, see its statements newest first, filter by speaker and source. */
export function StatementTimeline({ query, results, onQuery, onPick, timeline, filter, onFilter, statementHref }: StatementTimelineProps) {
  return (
    <section aria-label="Statement timeline" data-testid="timeline" className="timeline">
      <label className="timeline-search">
        Entity{' '}
        <input type="search" value={query} placeholder="Zas, Lavrov, the Secretariat…" onChange={(e) => onQuery(e.target.value)} aria-controls="timeline-entities" />
      </label>
      {results.length > 0 && (
        <ul id="timeline-entities" className="timeline-entities" aria-label="Entities found">
          {results.map((e) => (
            <li key={e.id}>
              <button type="button" onClick={() => onPick(e.id)} aria-pressed={timeline?.entity.id === e.id}>
                {e.name} <span className="muted">{e.type}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {timeline === undefined && <p className="muted">Loading…</p>}
      {timeline === null && <p className="muted">Search for a person or a body to see what was said, newest first.</p>}
      {timeline && (
        <>
          <h2>
            {timeline.entity.name}: {timeline.items.length === timeline.total ? timeline.total : `${timeline.items.length} of ${timeline.total}`}{' '}
            {timeline.total === 1 ? 'statement' : 'statements'}
          </h2>
          <div className="row timeline-filters">
            <label>
              Speaker{' '}
              <select value={filter.speaker ?? ''} onChange={(e) => onFilter({ ...filter, speaker: e.target.value })} name="speaker">
                <option value="">Everyone</option>
                {timeline.speakers.map((o) => (
                  <option key={o.key} value={o.key}>
                    {o.label} ({o.count})
                  </option>
                ))}
              </select>
            </label>{' '}
            <label>
              Source{' '}
              <select value={filter.source ?? ''} onChange={(e) => onFilter({ ...filter, source: e.target.value })} name="source">
                <option value="">All sources</option>
                {timeline.sources.map((o) => (
                  <option key={o.key} value={o.key}>
                    {o.label} ({o.count})
                  </option>
                ))}
              </select>
            </label>
          </div>
          {timeline.items.length === 0 && <p className="muted">No statements {timeline.total ? 'with these filters' : 'in the knowledge base'}.</p>}
          <ol className="timeline-items">
            {timeline.items.map((i, k) => (
              <li key={i.id} data-statement-id={i.id} className="statement">
                {(k === 0 || yearOf(timeline.items[k - 1]!) !== yearOf(i)) && <h3 className="timeline-year">{yearOf(i)}</h3>}
                <div className="statement-head">
                  <time dateTime={i.date && /^\d{4}/.test(i.date) ? i.date : undefined}>{formatDate(i.date, i.datePrecision)}</time> ·{' '}
                  <strong className="speaker">{i.speakerName ?? 'Unattributed'}</strong> <span className="muted">{KIND_LABEL[i.kind]}</span>
                </div>
                <blockquote>{excerpt(i.text)}</blockquote>
                <span className="source">
                  {i.source.outlet}
                  {i.source.origin === 'learned' ? ' (a page you added)' : ''} —{' '}
                  <a href={statementHref(i)} target="_blank" rel="noreferrer" title={i.source.title}>
                    the sentence in “{excerpt(i.source.title, 80)}”
                  </a>
                </span>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
