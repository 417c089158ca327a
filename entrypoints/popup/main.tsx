import { useLiveQuery } from 'dexie-react-hooks';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { KbStatus } from '../../components/KbStatus';
import { PageSummary } from '../../components/PageSummary';
import { RecentHighlights } from '../../components/RecentHighlights';
import { SearchBox } from '../../components/SearchBox';
import { sendMessage } from '../../lib/protocol/messages';
import { SyncStatusLine } from '../../components/SyncStatusLine';
import { useKbSearch } from '../../lib/ui/use-kb-search';
import { viewerPath } from '../../lib/ui/viewer-url';
import { openNotebook } from '../../lib/ui/open-notebook';
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
  const kb = useKbSearch(db);
  const recent = useLiveQuery(
    async () =>
      (await db.annotations.orderBy('modified').reverse().limit(20).toArray())
        .filter((a) => !a.deleted)
        .slice(0, 3)
        .map((a) => ({ id: a.id, quote: a.target.selector[0].exact, title: a.target.title, color: a.color })),
    [],
    [],
  );
  const names = useLiveQuery(async () => {
    const rows = await db.entities.bulkGet(ids);
    return Object.fromEntries(rows.filter((e) => e !== undefined).map((e) => [e.id, e.name]));
  }, [ids.join(',')]);
  if (!settings) return null;
  return (
    <main style={{ padding: 12, width: 320 }}>
      <PageSummary
        state={page.state}
        notes={page.notes}
        names={names ?? {}}
        hostname={page.hostname}
        siteActive={page.hostname ? isActiveOn({ ...settings, enabled: true }, page.hostname) : true}
        globalActive={settings.enabled}
        onToggleSite={() => page.hostname && save(toggleSite(settings, page.hostname))}
        onToggleGlobal={() => save({ ...settings, enabled: !settings.enabled })}
        onReveal={page.reveal}
      />
      <RecentHighlights items={recent} onOpen={(id) => void sendMessage('openAnnotation', { id }).then(() => window.close())} />
      <p>
        <button type="button" onClick={() => void openNotebook().then(() => window.close())}>
          Open notebook
        </button>
      </p>
      <h2>Search</h2>
      <SearchBox
        search={(q) => kb.search?.search(q) ?? []}
        onOpenStatement={(hit) => {
          const target = hit.kind === 'statement' ? { documentId: hit.documentId!, statementId: hit.id } : { documentId: hit.documentId! };
          void browser.tabs.create({ url: browser.runtime.getURL(viewerPath(target) as '/viewer.html') });
        }}
      />
      <KbStatus stats={kb.stats} />
      <SyncStatusLine />
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<Popup />);
