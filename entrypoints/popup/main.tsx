import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { KbStatus } from '../../components/KbStatus';
import { PageSummary } from '../../components/PageSummary';
import { Legend } from '../../components/Legend';
import { PageContextView } from '../../components/PageContextView';
import type { CardData } from '../../lib/model/knowledge';
import { noteOf, tagsOf } from '../../lib/annotations/model';
import { usePageContext } from '../../lib/ui/use-page-context';
import { LearnPanel } from '../../components/LearnPanel';
import { useLearn } from '../../lib/ui/use-learn';
import { RecentHighlights } from '../../components/RecentHighlights';
import { SearchBox } from '../../components/SearchBox';
import { sendMessage } from '../../lib/protocol/to-background';
import { sendToTab } from '../../lib/protocol/to-tab';
import { SyncStatusLine } from '../../components/SyncStatusLine';
import { useSyncStatus } from '../../lib/sync/use-sync-status';
import { useKbSearch } from '../../lib/ui/use-kb-search';
import { viewerPath } from '../../lib/ui/viewer-url';
import { openNotebook } from '../../lib/ui/open-notebook';
import { LensDb } from '../../lib/db/database';
import { isActiveOn, isLearnSite, learnSiteOf, toggleLearnSite, toggleSite } from '../../lib/settings';
import { useActivePage } from '../../lib/ui/use-page-state';
import { useSettings } from '../../lib/ui/use-settings';
import '../../components/theme.css';

const db = new LensDb();

const statementHref = (statementId: string, documentId: string) => browser.runtime.getURL(viewerPath({ documentId, statementId }) as '/viewer.html');

function Popup() {
  const [settings, save] = useSettings();
  const page = useActivePage(settings);
  const context = usePageContext(page.tabId, page.state, page.loaded);
  const learn = useLearn(page.state ? page.tabId : null);
  const [cards, setCards] = useState<Record<string, CardData | null | undefined>>({});
  const kb = useKbSearch(db);
  const sync = useSyncStatus(2_000);
  const recent = useLiveQuery(
    async () =>
      (await db.annotations.orderBy('modified').reverse().limit(20).toArray())
        .filter((a) => !a.deleted)
        .slice(0, 3)
        .map((a) => ({ id: a.id, quote: a.target.selector[0].exact, title: a.target.title, color: a.color })),
    [],
    [],
  );
  const source = page.notes?.source ?? null;
  const here = useLiveQuery(
    async () =>
      source
        ? (await db.annotations.where('target.source').equals(source).toArray())
            .filter((a) => !a.deleted)
            .map((a) => ({ id: a.id, quote: a.target.selector[0].exact, title: a.target.title, color: a.color, note: noteOf(a), tags: tagsOf(a) }))
        : [],
    [source],
    [],
  );
  if (!settings) return null;
  const expand = (entityId: string) => {
    if (entityId in cards) return;
    setCards((c) => ({ ...c, [entityId]: undefined }));
    void sendMessage('entityCard', { entityId })
      .catch(() => null)
      .then((card) => setCards((c) => ({ ...c, [entityId]: card })));
  };
  return (
    <main style={{ padding: 12, width: 360 }}>
      <SearchBox
        search={(q) => kb.search?.search(q) ?? []}
        onOpenStatement={(hit) => {
          const target = hit.kind === 'statement' ? { documentId: hit.documentId!, statementId: hit.id } : { documentId: hit.documentId! };
          void browser.tabs.create({ url: browser.runtime.getURL(viewerPath(target) as '/viewer.html') });
        }}
      />
      <PageSummary
        state={page.state}
        notes={page.notes}
        hostname={page.hostname}
        siteActive={page.hostname ? isActiveOn({ ...settings, enabled: true }, page.hostname) : true}
        globalActive={settings.enabled}
        onToggleSite={() => page.hostname && save(toggleSite(settings, page.hostname))}
        onToggleGlobal={() => save({ ...settings, enabled: !settings.enabled })}
      />
      <Legend types={[...new Set((page.state?.list ?? []).map((e) => e.type))]} />
      <LearnPanel
        state={learn.state}
        onLearn={learn.learn}
        onRemove={learn.remove}
        onUndo={learn.undo}
        {...(settings.learnMode === 'sites' && page.hostname
          ? { site: { name: learnSiteOf(page.hostname), listed: isLearnSite(settings, page.hostname), onToggle: () => save(toggleLearnSite(settings, page.hostname!)) } }
          : {})}
      />
      <PageContextView
        status={context.status}
        context={context.context}
        cards={cards}
        statementHref={statementHref}
        onRead={context.read}
        onExpand={expand}
        onReveal={page.reveal}
      />
      <RecentHighlights
        items={here}
        label="Your notes on this page"
        testId="page-notes-list"
        onOpen={(id) => void sendToTab('revealAnnotation', { id }, page.tabId ?? undefined).catch(() => false).then(() => window.close())}
      />
      <RecentHighlights items={recent} onOpen={(id) => void sendMessage('openAnnotation', { id }).then(() => window.close())} />
      <p>
        <button type="button" onClick={() => void openNotebook().then(() => window.close())}>
          Open notebook
        </button>
      </p>
      <KbStatus stats={kb.stats} />
      <SyncStatusLine status={sync.status} />
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<Popup />);
