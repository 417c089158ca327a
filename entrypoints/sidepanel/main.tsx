import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { NotebookView } from '../../components/NotebookView';
import { SourcesView } from '../../components/SourcesView';
import { StatementTimeline } from '../../components/StatementTimeline';
import { timelineEntityOf, useTimeline } from '../../lib/ui/use-timeline';
import { LensDb } from '../../lib/db/database';
import { useNotebook } from '../../lib/ui/use-notebook';
import { useSources } from '../../lib/ui/use-sources';
import { viewerPath } from '../../lib/ui/viewer-url';
import { pullOnFocus } from '../../lib/ui/pull-on-focus';
import '../../components/theme.css';
import '../../components/notebook.css';

// The notebook: Chrome's side panel, Firefox's sidebar, or a tab (sidepanel.html). Three views: the
// reader's highlights, the sources (pages) they added to the knowledge base (`#sources`), and an entity's
// statement timeline (`#timeline=ENTITY-ID`, opened from the card's "All statements").
const db = new LensDb();
// Notes must not be evicted under storage pressure.
void navigator.storage?.persist?.().catch(() => false);
// Another browser's edits arrive when the notebook is looked at (the background pulls).
pullOnFocus();

function Highlights() {
  const nb = useNotebook(db);
  return <NotebookView {...nb} />;
}

function Sources() {
  const s = useSources(db);
  return (
    <SourcesView
      sources={s.sources}
      removedTitle={s.removed?.title ?? null}
      busy={s.busy}
      viewerHref={(id) => browser.runtime.getURL(viewerPath({ documentId: id }) as '/viewer.html')}
      onRemove={s.remove}
      onUndo={s.undo}
      onExport={s.exportOne}
    />
  );
}

function Timeline() {
  const t = useTimeline(db, timelineEntityOf(location.hash));
  return (
    <StatementTimeline
      query={t.query}
      results={t.results}
      onQuery={t.setQuery}
      onPick={t.pick}
      timeline={t.timeline}
      filter={t.filter}
      onFilter={t.setFilter}
      statementHref={(i) => browser.runtime.getURL(viewerPath({ documentId: i.source.documentId, statementId: i.id }) as '/viewer.html')}
    />
  );
}

type View = 'highlights' | 'sources' | 'timeline';
const VIEW_LABELS: Record<View, string> = { highlights: 'Highlights', sources: 'Sources', timeline: 'Timeline' };
const viewOf = (hash: string): View => (hash === '#sources' ? 'sources' : hash.startsWith('#timeline') ? 'timeline' : 'highlights');

function Notebook() {
  const [view, setView] = useState<View>(viewOf(location.hash));
  return (
    <>
      <nav className="nb-views" role="tablist" aria-label="Notebook">
        {(Object.keys(VIEW_LABELS) as View[]).map((v) => (
          <button key={v} type="button" role="tab" aria-selected={view === v} onClick={() => setView(v)}>
            {VIEW_LABELS[v]}
          </button>
        ))}
      </nav>
      {view === 'highlights' ? <Highlights /> : view === 'sources' ? <Sources /> : <Timeline />}
    </>
  );
}

createRoot(document.getElementById('root')!).render(<Notebook />);
