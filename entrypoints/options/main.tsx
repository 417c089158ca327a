import { createRoot } from 'react-dom/client';
import { SettingsForm } from '../../components/SettingsForm';
import { SyncSettingsView } from '../../components/SyncSettings';
import { useSyncStatus } from '../../lib/sync/use-sync-status';
import { qrDataUrl } from '../../lib/ui/qr-code';
import { useSettings } from '../../lib/ui/use-settings';
import { Shortcuts } from '../../components/Shortcuts';
import { useShortcuts } from '../../lib/ui/use-shortcuts';
import { shortcutsHint } from '../../lib/ui/shortcuts-hint';
import '../../components/theme.css';

function Options() {
  const [settings, save] = useSettings();
  const shortcuts = useShortcuts();
  const sync = useSyncStatus();
  return (
    <main style={{ padding: 16, maxWidth: 560 }}>
      {settings && <SettingsForm settings={settings} onChange={save} />}
      <SyncSettingsView status={sync.status} actions={sync.actions} makeQr={qrDataUrl} />
      <Shortcuts shortcuts={shortcuts} changeHint={shortcutsHint()} />
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<Options />);
