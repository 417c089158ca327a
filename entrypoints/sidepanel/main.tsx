import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { NotebookView } from '../../components/NotebookView';
import { SourcesView } from '../../components/SourcesView';
import { LensDb } from '../../lib/db/database';
import { useNotebook } from '../../lib/ui/use-notebook';
import { useSources } from '../../lib/ui/use-sources';
import { viewerPath } from '../../lib/ui/viewer-url';
import { pullOnFocus } from '../../lib/ui/pull-on-focus';
import '../../components/theme.css';
import '../../components/notebook.css';

// The notebook: Chrome's side panel, Firefox's sidebar, or a tab (sidepanel.html). Two views: the
// reader's highlights, and the sources (pages) they added to the knowledge base; `#sources` opens the second.
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

function Notebook() {
  const [view, setView] = useState<'highlights' | 'sources'>(location.hash === '#sources' ? 'sources' : 'highlights');
  return (
    <>
      <nav className="nb-views" role="tablist" aria-label="Notebook">
        {(['highlights', 'sources'] as const).map((v) => (
          <button key={v} type="button" role="tab" aria-selected={view === v} onClick={() => setView(v)}>
            {v === 'highlights' ? 'Highlights' : 'Sources'}
          </button>
        ))}
      </nav>
      {view === 'highlights' ? <Highlights /> : <Sources />}
    </>
  );
}

createRoot(document.getElementById('root')!).render(<Notebook />);
