import { useLiveQuery } from 'dexie-react-hooks';
import { createRoot } from 'react-dom/client';
import { PageSummary } from '../../components/PageSummary';
import { LensDb } from '../../lib/kb/db';
import { isActiveOn, toggleSite } from '../../lib/settings';
import { useActivePage } from '../../lib/ui/use-page-state';
import { useSettings } from '../../lib/ui/use-settings';
import '../../components/theme.css';

const db = new LensDb();

function Popup() {
  const [settings, save] = useSettings();
  const page = useActivePage(settings);
  const ids = page.state?.list.map((e) => e.entityId) ?? [];
  const names = useLiveQuery(async () => {
    const rows = await db.entities.bulkGet(ids);
    return Object.fromEntries(rows.filter((e) => e !== undefined).map((e) => [e.id, e.name]));
  }, [ids.join(',')]);
  if (!settings) return null;
  return (
    <main style={{ padding: 12, width: 320 }}>
      <PageSummary
        state={page.state}
        names={names ?? {}}
        hostname={page.hostname}
        siteActive={page.hostname ? isActiveOn({ ...settings, enabled: true }, page.hostname) : true}
        globalActive={settings.enabled}
        onToggleSite={() => page.hostname && save(toggleSite(settings, page.hostname))}
        onToggleGlobal={() => save({ ...settings, enabled: !settings.enabled })}
        onReveal={page.reveal}
      />
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<Popup />);
