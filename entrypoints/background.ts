import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { bundledSources } from '../lib/kb/bundled';
import { LensDb } from '../lib/kb/db';
import { AnnotationStore } from '../lib/kb/annotation-store';
import { parseImport } from '../lib/annotations/import';
import { KnowledgeService } from '../lib/kb/service';
import { onMessage } from '../lib/protocol/messages';
import { settingsItem, toggleSite } from '../lib/settings';
import { badgeText } from '../lib/ui/badge';
import { viewerPath } from '../lib/ui/viewer-url';

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
    if (command !== 'toggle-highlights') return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    const hostname = tab?.url ? new URL(tab.url).hostname : '';
    if (hostname) await settingsItem.setValue(toggleSite(await settingsItem.getValue(), hostname));
  });

  onMessage('matchText', async ({ data }) => ({ spans: await kb.match(data.text) }));
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
});
