import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { bundledSources } from '../lib/kb/bundled';
import { LensDb } from '../lib/kb/db';
import { AnnotationStore } from '../lib/kb/annotation-store';
import { parseImport } from '../lib/annotations/import';
import { KnowledgeService } from '../lib/kb/service';
import { onMessage, sendMessage } from '../lib/protocol/messages';
import { settingsItem, toggleSite } from '../lib/settings';
import { badgeText } from '../lib/ui/badge';
import { viewerPath } from '../lib/ui/viewer-url';
import { startSync } from '../lib/sync/start';

/** Asks a freshly opened tab's content script to scroll to an annotation, once it has anchored it. */
async function revealWhenReady(tabId: number, id: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    await new Promise((r) => setTimeout(r, 250));
    if (await sendMessage('revealAnnotation', { id }, tabId).catch(() => false)) return;
  }
}

/** The toolbar button: `action` in MV3 (Chrome), `browserAction` in Firefox's MV2 build. */
const toolbarAction = () => browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;

// Composition root of the background worker: wiring only.
export default defineBackground(() => {
  const db = new LensDb();
  const kb = new KnowledgeService(db, bundledSources);
  const notes = new AnnotationStore(db);
  kb.watchBuilds();

  browser.runtime.onInstalled.addListener(() => {
    void kb.ensureBuilt();
  });
  browser.runtime.onStartup?.addListener(() => {
    void kb.ensureBuilt();
  });

  browser.commands.onCommand.addListener(async (command) => {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (command === 'highlight-selection') {
      if (tab?.id !== undefined) await sendMessage('highlightSelection', {}, tab.id).catch(() => false);
      return;
    }
    if (command !== 'toggle-highlights') return;
    const hostname = tab?.url ? new URL(tab.url).hostname : '';
    if (hostname) await settingsItem.setValue(toggleSite(await settingsItem.getValue(), hostname));
  });

  onMessage('matcherData', () => kb.matcherData());
  onMessage('matchText', async ({ data }) => ({ spans: await kb.matchPacked(data.text, data.lang ?? null) })); // ru-match: the page's language
  onMessage('kbStats', () => kb.stats());
  onMessage('entityCard', ({ data }) => kb.card(data.entityId));
  onMessage('relatedStatements', ({ data }) => kb.relatedTo(data.text));
  onMessage('openViewer', async ({ data }) => {
    await browser.tabs.create({ url: browser.runtime.getURL(viewerPath(data) as '/viewer.html') });
  });
  onMessage('annotationsForPage', ({ data }) => notes.forPage(data.source));
  onMessage('annotationCreate', ({ data }) => notes.create(data));
  onMessage('annotationEdit', ({ data }) => notes.edit(data.id, data.patch));
  onMessage('annotationDelete', ({ data }) => notes.remove(data.id));
  onMessage('annotationRestore', ({ data }) => notes.restore(data.id));
  onMessage('annotationsImport', async ({ data }) => {
    let json: unknown;
    try {
      json = JSON.parse(data.json);
    } catch (err) {
      return { ok: false as const, errors: [`not JSON: ${(err as Error).message}`] };
    }
    const parsed = parseImport(json);
    if (!parsed.ok) return { ok: false as const, errors: parsed.errors };
    return { ok: true as const, result: await notes.importMany(parsed.annotations) };
  });
  onMessage('reportOrphans', async ({ data }) => {
    const checkedAt = Date.now();
    await db.anchorState.bulkPut([
      ...data.ids.map((id) => ({ id, source: data.source, orphan: true, checkedAt })),
      ...data.anchored.map((id) => ({ id, source: data.source, orphan: false, checkedAt })),
    ]);
  });
  onMessage('openAnnotation', async ({ data }) => {
    const a = await db.annotations.get(data.id);
    if (!a) return false;
    const tab = await browser.tabs.create({ url: a.target.source });
    if (tab.id !== undefined) void revealWhenReady(tab.id, a.id);
    return true;
  });
  onMessage('entitiesIn', async ({ data }) => [...new Set((await kb.match(data.text)).map((s) => s.entityId))]);
  onMessage('loadPageUi', async ({ sender }) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined) return false;
    await browser.scripting.executeScript({ target: { tabId, frameIds: [sender.frameId ?? 0] }, files: ['/page-ui.js'] });
    return true;
  });
  onMessage('reportPage', async ({ data, sender }) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined) return;
    await toolbarAction().setBadgeText({ tabId, text: badgeText(data) });
    await toolbarAction().setBadgeBackgroundColor({ tabId, color: '#2f5d8a' });
  });
  startSync({ db, notes });
});
