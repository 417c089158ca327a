import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { Shortcuts } from '../../components/Shortcuts';
import { Welcome } from '../../components/Welcome';
import { openNotebook } from '../../lib/ui/open-notebook';
import { useKbProgress } from '../../lib/ui/use-kb-progress';
import { useShortcuts } from '../../lib/ui/use-shortcuts';
import { shortcutsHint } from '../../lib/ui/shortcuts-hint';
import '../../components/theme.css';

function WelcomePage() {
  const progress = useKbProgress();
  const shortcuts = useShortcuts();
  return (
    <Welcome
      progress={progress}
      shortcuts={<Shortcuts shortcuts={shortcuts} changeHint={shortcutsHint()} />}
      onOpenNotebook={() => void openNotebook()}
      onOpenSettings={() => void browser.runtime.openOptionsPage()}
    />
  );
}

createRoot(document.getElementById('root')!).render(<WelcomePage />);
