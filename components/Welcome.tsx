import type { ReactNode } from 'react';
import type { KbProgress } from '../lib/ui/use-kb-progress';

export interface WelcomeProps {
  progress: KbProgress;
  /** The shortcuts table (components/Shortcuts). */
  shortcuts: ReactNode;
  onOpenNotebook: () => void;
  onOpenSettings: () => void;
}

/** The first page a reader sees after installing: what CSTO Lens does, the build's progress, where things are. */
export function Welcome({ progress, shortcuts, onOpenNotebook, onOpenSettings }: WelcomeProps) {
  const s = progress.stats;
  return (
    <main className="welcome">
      <h1>Welcome to CSTO Lens</h1>
      <p>
        CSTO Lens highlights the Collective Security Treaty Organization in the news you read, in English and Russian: the
        organization and its bodies, member states, officials, operations and exercises, partners. Hover or click a highlight to
        see what it is, facts with their sources, and who said what about it.
      </p>
      <section aria-label="Knowledge base" data-testid="kb-progress">
        <h2>Knowledge base</h2>
        {progress.ready ? (
          <p role="status" data-testid="kb-ready">
            Ready: {s!.documents} documents, {s!.entities} entities, {s!.statements} statements, {s!.facts} facts. Open any news page
            to see it at work.
          </p>
        ) : (
          <>
            <progress aria-label="Building the knowledge base" />
            <p role="status">
              Building the knowledge base from its curated registry and source documents
              {s && s.entities > 0 ? ` (${s.entities} entities so far)` : ''}… This takes a few seconds, once.
            </p>
          </>
        )}
      </section>
      <section aria-label="Your notes">
        <h2>Your notes</h2>
        <p>
          Select text on a page and choose a colour to save a highlight, with a note and tags. Your highlights come back on your next
          visit, even if the page changed. The <strong>notebook</strong> lists, searches, exports and imports them: it opens in the
          side panel (Chrome) or the sidebar (Firefox), from the toolbar button&apos;s popup.
        </p>
        <button type="button" onClick={onOpenNotebook}>
          Open the notebook
        </button>{' '}
        <button type="button" onClick={onOpenSettings}>
          Settings and sync
        </button>
      </section>
      {shortcuts}
    </main>
  );
}
