import { createRoot } from 'react-dom/client';
import { NotebookView } from '../../components/NotebookView';
import { LensDb } from '../../lib/kb/db';
import { useNotebook } from '../../lib/ui/use-notebook';
import '../../components/theme.css';
import '../../components/notebook.css';

// The notebook: Chrome's side panel, Firefox's sidebar, or a tab (sidepanel.html).
const db = new LensDb();
// Notes must not be evicted under storage pressure.
void navigator.storage?.persist?.().catch(() => false);

function Notebook() {
  const nb = useNotebook(db);
  return <NotebookView {...nb} />;
}

createRoot(document.getElementById('root')!).render(<Notebook />);
