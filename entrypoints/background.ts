import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { bundledSources } from '../lib/kb/bundled';
import { LensDb } from '../lib/db/database';
import { AnnotationStore } from '../lib/annotations/store';
import { pageContextFor } from '../lib/kb/page-context';
import { LearnService } from '../lib/kb/learn-service';
import { readTabArticle } from '../lib/learn/read-tab';
import { AutoLearner } from '../lib/learn/auto-learn';
import { canonicalUrl } from '../lib/annotations/canonical-url';
import { KnowledgeServiceCore } from '../lib/kb/service'; // kb-speed: the build is loaded lazily (see below)
import { BUILD_SCRIPT, canImportScripts, importBuildScript, loadBuildScript } from '../lib/kb/build-script'; // kb-speed
import { onMessage } from '../lib/protocol/to-background';
import { sendToTab } from '../lib/protocol/to-tab';
import { toggleSite, type Settings } from '../lib/settings';
import { answerMatchText } from '../lib/kb/match-text';
import { settingsItem } from '../lib/settings-item';
import { badgeText } from '../lib/ui/badge';
import { viewerPath } from '../lib/ui/viewer-url';
import { startSync } from '../lib/sync/start';
// interop: imports with a preview
import { AnnotationImports, importText } from '../lib/annotations/store-import';
// sec-page: which notes a sender may use (its own site's only)
import { assertExtensionPage, assertMayUse, isOpenableSource, mayActOnTab, resolvePageSource } from '../lib/annotations/page-access';
import { NoteEditorSessions } from '../lib/kb/note-editor';
import { storage } from 'wxt/utils/storage';

/** Asks a freshly opened tab's content script to scroll to an annotation, once it has anchored it. */
async function revealWhenReady(tabId: number, id: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    await new Promise((r) => setTimeout(r, 250));
    if (await sendToTab('revealAnnotation', { id }, tabId).catch(() => false)) return;
  }
}

/** The toolbar button: `action` in MV3 (Chrome), `browserAction` in Firefox's MV2 build. */
const toolbarAction = () => browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;

// Composition root of the background worker: wiring only.
export default defineBackground(() => {
  // kb-speed: the worker's start. Time from the worker's origin to here is loading and
  // evaluating the bundle (reported by kbStats as workerStartMs).
  const workerStartMs = performance.now();
  const db = new LensDb();
  // kb-speed: the build (NLP, compromise) is not in this bundle: /kb-build.js is loaded when the
  // build key changed. Unit tests (Node, no extension scripts) import the module instead.
  const buildUrl = browser.runtime.getURL(BUILD_SCRIPT as '/kb-build.js');
  const loadBuild = import.meta.env.MODE === 'test' ? () => import('../lib/kb/build') : () => loadBuildScript(buildUrl);
  if (import.meta.env.MODE !== 'test' && canImportScripts()) {
    // Chrome: importScripts later works only for a script imported while the worker installs.
    self.addEventListener('install', () => importBuildScript(buildUrl));
  }
  const kb = new KnowledgeServiceCore(db, bundledSources, loadBuild);
  const notes = new AnnotationStore(db);
  kb.watchBuilds();

  // kb-speed: start path. The matcher is loaded from its snapshot as the worker starts, so a
  // page's first matchText after Chrome stopped the worker waits for no compile. ensureBuilt
  // compares the build key first and only loads the NLP and builds when it changed; on install
  // or update the snapshots are dropped first (the matcher's code may have changed).
  kb.workerStartMs = workerStartMs;
  kb.warm();
  browser.runtime.onInstalled.addListener(() => {
    void kb
      .dropMatcherSnapshots()
      .then(() => kb.ensureBuilt())
      .then(() => kb.warm());
  });
  // First run: the welcome page (what CSTO Lens does, the build's progress, the shortcuts, the notebook).
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
  });
  browser.runtime.onStartup?.addListener(() => {
    void kb.ensureBuilt();
  });
  // kb-speed: end of the start path.

  browser.commands.onCommand.addListener(async (command) => {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (command === 'highlight-selection') {
      if (tab?.id !== undefined) await sendToTab('highlightSelection', {}, tab.id).catch(() => false);
      return;
    }
    if (command === 'next-highlight' || command === 'previous-highlight') {
      if (tab?.id !== undefined) await sendToTab('stepHighlight', { delta: command === 'next-highlight' ? 1 : -1 }, tab.id).catch(() => false);
      return;
    }
    if (command !== 'toggle-highlights') return;
    const hostname = tab?.url ? new URL(tab.url).hostname : '';
    if (hostname) await settingsItem.setValue(toggleSite(await settingsItem.getValue(), hostname));
  });

  onMessage('matcherSnapshot', () => kb.matcherSnapshot());
  // The settings as last written, for a page's first matchText: it asks before its own read of them
  // comes (lib/page/first-settings.ts). Its text is not matched where highlighting is off.
  let settingsNow: Promise<Settings | null> = settingsItem.getValue().catch(() => null);
  settingsItem.watch((next) => void (settingsNow = next ? Promise.resolve(next) : settingsItem.getValue().catch(() => null)));
  onMessage('matchText', ({ data, sender }) => answerMatchText((text, lang) => kb.matchPacked(text, lang), data, sender.url, () => settingsNow));
  onMessage('kbStats', () => kb.stats());
  onMessage('entityCard', ({ data }) => kb.card(data.entityId));
  onMessage('relatedStatements', ({ data }) => kb.relatedTo(data.text));
  onMessage('pageContext', ({ data }) => pageContextFor(db, kb, data));

  // Learning from pages (issue 17). Extension pages may ask for any tab; a content script only for its own.
  const learning = new LearnService(db, kb);
  onMessage('learnPage', async ({ data, sender }) => {
    if (!mayActOnTab(sender, data.tabId, browser.runtime.getURL('/'))) return { ok: false as const, error: 'a page can only add itself' };
    const page = await readTabArticle(data.tabId);
    return page.ok ? learning.learn(page.read) : page;
  });
  // Learning without asking (settings: on sites I choose / on every page with CSTO entities): a page's
  // report with entities (below, reportPage) learns it as the popup would (lib/learn/auto-learn.ts).
  const autoLearn = new AutoLearner({ settings: () => settingsItem.getValue(), read: readTabArticle, learn: (read) => learning.learn(read), extensionBase: browser.runtime.getURL('/') });
  browser.tabs.onRemoved.addListener((tabId) => autoLearn.forget(tabId));
  onMessage('learnedForPage', async ({ data, sender }) => {
    if (!mayActOnTab(sender, data.tabId, browser.runtime.getURL('/'))) return null;
    const tab = await browser.tabs.get(data.tabId).catch(() => null);
    return tab?.url ? learning.forUrl(canonicalUrl(tab.url)) : null;
  });
  // The reader's sources are read, removed and restored only from the extension's own pages.
  onMessage('learnedList', ({ sender }) => (assertExtensionPage(sender, browser.runtime.getURL('/')), learning.list()));
  onMessage('learnedRemove', async ({ data, sender }) => (assertExtensionPage(sender, browser.runtime.getURL('/')), { removed: await learning.remove(data.id) }));
  onMessage('learnedRestore', ({ data, sender }) => (assertExtensionPage(sender, browser.runtime.getURL('/')), learning.restore(data.doc)));
  onMessage('openTimeline', async ({ data }) => {
    await browser.tabs.create({ url: browser.runtime.getURL(`/sidepanel.html#timeline=${encodeURIComponent(data.entityId)}` as '/sidepanel.html') });
  });
  onMessage('openViewer', async ({ data }) => {
    await browser.tabs.create({ url: browser.runtime.getURL(viewerPath(data) as '/viewer.html') });
  });
  // sec-page: a content script reads and writes only the notes of its own page's site.
  const extensionBase = browser.runtime.getURL('/');
  const mayUse = (sender: Parameters<typeof assertMayUse>[0], source: string) => assertMayUse(sender, source, extensionBase);
  const mayUseId = async (sender: Parameters<typeof assertMayUse>[0], id: string) => {
    const a = await notes.get(id);
    if (a) mayUse(sender, a.target.source);
  };
  onMessage('annotationsForPage', ({ data, sender }) => {
    mayUse(sender, data.source);
    return notes.forPage(data.source);
  });
  onMessage('annotationCreate', ({ data, sender }) => {
    mayUse(sender, data.source);
    return notes.create(data);
  });
  onMessage('annotationEdit', async ({ data, sender }) => {
    await mayUseId(sender, data.id);
    return notes.edit(data.id, data.patch);
  });
  onMessage('annotationDelete', async ({ data, sender }) => {
    await mayUseId(sender, data.id);
    return notes.remove(data.id);
  });
  onMessage('annotationRestore', async ({ data, sender }) => {
    await mayUseId(sender, data.id);
    return notes.restore(data.id);
  });
  onMessage('annotationSetQuote', async ({ data, sender }) => {
    await mayUseId(sender, data.id);
    return notes.setQuote(data.id, data.selector, data.codePoints);
  });
  // interop: imports (preview, confirm, cancel) only from the extension's own pages, never a content script.
  const imports = new AnnotationImports(notes);
  const extensionOnly = (sender: Parameters<typeof assertExtensionPage>[0]) => assertExtensionPage(sender, extensionBase);
  onMessage('annotationsImport', ({ data, sender }) => (extensionOnly(sender), importText(imports, data.json)));
  onMessage('annotationsImportBegin', ({ sender }) => (extensionOnly(sender), { token: imports.begin() }));
  onMessage('annotationsImportStage', ({ data, sender }) => (extensionOnly(sender), imports.stage(data.token, data.items, data.shape)));
  onMessage('annotationsImportCommit', ({ data, sender }) => (extensionOnly(sender), imports.commit(data.token, { restoreDeleted: data.restoreDeleted })));
  onMessage('annotationsImportProgress', ({ data, sender }) => (extensionOnly(sender), imports.progress(data.token)));
  onMessage('annotationsImportCancel', ({ data, sender }) => (extensionOnly(sender), imports.cancel(data.token)));
  onMessage('reportOrphans', async ({ data, sender }) => {
    mayUse(sender, data.source); // sec-page
    await notes.reportAnchoring(data.source, data.ids, data.anchored);
  });
  onMessage('openAnnotation', async ({ data, sender }) => {
    assertExtensionPage(sender, extensionBase); // sec-page
    const a = await notes.get(data.id);
    if (!a || !isOpenableSource(a.target.source)) return false; // sec-page: web pages only
    const tab = await browser.tabs.create({ url: a.target.source });
    if (tab.id !== undefined) void revealWhenReady(tab.id, a.id);
    return true;
  });
  onMessage('entitiesIn', ({ data }) => kb.entitiesIn(data.text));
  // Code the content script loads on demand, into its own world of the frame that asks.
  const injectIntoSender = async (sender: { tab?: { id?: number }; frameId?: number }, file: '/page-ui.js') => {
    const tabId = sender.tab?.id;
    if (tabId === undefined) return false;
    // At once: the frame asking has long been loaded, and the default waits for its idle time.
    await browser.scripting.executeScript({ target: { tabId, frameIds: [sender.frameId ?? 0] }, files: [file], injectImmediately: true });
    return true;
  };
  onMessage('loadPageUi', ({ sender }) => injectIntoSender(sender, '/page-ui.js'));
  onMessage('reportPage', async ({ data, sender }) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined) return;
    if (!sender.frameId) void autoLearn.onReport(tabId, sender.url ?? sender.tab?.url, data.mentions).catch(() => null); // the top frame's page only
    await toolbarAction().setBadgeText({ tabId, text: badgeText(data) });
    await toolbarAction().setBadgeBackgroundColor({ tabId, color: '#2f5d8a' });
  });
  // Sync: notes and learned pages (a pulled page is stored and rebuilt through the learning service).
  startSync({ db, notes, learned: learning, extensionBase });

  // sec-page: the source a page files its notes under, resolved here from the sender's own URL.
  onMessage('pageSource', ({ data, sender }) => resolvePageSource(sender, data.url, data.canonical, extensionBase));
  // sec-page: the note editor, an extension frame on the page; note text never crosses the page.
  const editor = new NoteEditorSessions({
    notes,
    entitiesIn: (text) => kb.entitiesIn(text),
    notify: (tabId, frameId, done) => sendToTab('noteEditorDone', done, { tabId, frameId }),
    editorUrl: browser.runtime.getURL('/note-editor.html'),
    persist: {
      get: (token) => storage.getItem(`session:noteEditor:${token}`),
      set: async (token, t) => {
        if (t) await storage.setItem(`session:noteEditor:${token}`, t);
        else await storage.removeItem(`session:noteEditor:${token}`);
      },
    },
  });
  onMessage('noteEditorOpen', async ({ data, sender }) => {
    if (data.mode === 'new') mayUse(sender, data.source);
    else await mayUseId(sender, data.id);
    return editor.open(sender, data);
  });
  onMessage('noteEditorLoad', ({ data, sender }) => editor.load(sender, data.token));
  onMessage('noteEditorSave', ({ data, sender }) => editor.save(sender, data.token, data.draft));
  onMessage('noteEditorDelete', ({ data, sender }) => editor.remove(sender, data.token));
  onMessage('noteEditorRestore', ({ data, sender }) => editor.restore(sender, data.token));
  onMessage('noteEditorClose', ({ data, sender }) => editor.close(sender, data.token));
});
