import { createRoot } from 'react-dom/client';
import { SettingsForm } from '../../components/SettingsForm';
import { SyncSettings } from '../../components/SyncSettings';
import { useSettings } from '../../lib/ui/use-settings';
import '../../components/theme.css';

function Options() {
  const [settings, save] = useSettings();
  return (
    <main style={{ padding: 16, maxWidth: 560 }}>
      {settings && <SettingsForm settings={settings} onChange={save} />}
      <SyncSettings />
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<Options />);
