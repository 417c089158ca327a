import type { LearnState } from '../lib/ui/use-learn';
import { formatDate } from '../lib/ui/format';

export interface LearnPanelProps {
  state: LearnState;
  onLearn: () => void;
  onRemove: () => void;
  onUndo: () => void;
  /** In "on sites I choose" mode: this page's site, whether it is on the list, and a toggle. */
  site?: { name: string; listed: boolean; onToggle: () => void };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The popup's "Add this page to my knowledge base" / "Remove it", with what learning the page brought. */
export function LearnPanel({ state, onLearn, onRemove, onUndo, site }: LearnPanelProps) {
  if (state.kind === 'unknown') return null;
  return (
    <section aria-label="Your knowledge base" data-testid="learn" className="learn">
      {state.kind === 'idle' && (
        <button type="button" onClick={onLearn}>
          Add this page to my knowledge base
        </button>
      )}
      {state.kind === 'working' && (
        <p role="status" aria-busy="true">
          {state.what === 'learning' ? 'Reading the article and learning from it…' : 'Removing it…'}
        </p>
      )}
      {state.kind === 'learned' && (
        <>
          <p role="status" data-testid="learned">
            {state.created === false ? 'Updated in' : 'In'} your knowledge base: {plural(state.summary.statements, 'statement')},{' '}
            {plural(state.summary.facts, 'fact')} from {state.summary.outlet}
            {state.summary.date ? `, ${formatDate(state.summary.date, 'day')}` : ''}.
          </p>
          <button type="button" onClick={onRemove}>
            Remove it
          </button>
        </>
      )}
      {state.kind === 'removed' && (
        <p role="status" data-testid="learn-removed">
          Removed from your knowledge base, with its statements and facts.{' '}
          <button type="button" onClick={onUndo}>
            Undo
          </button>
        </p>
      )}
      {state.kind === 'error' && (
        <p role="alert" data-testid="learn-error">
          {state.error}{' '}
          <button type="button" onClick={onLearn}>
            Try again
          </button>
        </p>
      )}
      {site && (
        <label className="learn-site" data-testid="learn-site">
          <input type="checkbox" checked={site.listed} onChange={site.onToggle} /> Learn from {site.name} automatically
        </label>
      )}
    </section>
  );
}
