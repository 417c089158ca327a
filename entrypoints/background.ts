import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { bundledSources } from '../lib/kb/bundled';
import { LensDb } from '../lib/kb/db';
import { KnowledgeService } from '../lib/kb/service';
import { onMessage } from '../lib/protocol/messages';
import { settingsItem, toggleSite } from '../lib/settings';
import { badgeText } from '../lib/ui/badge';

// Composition root of the background worker: wiring only.
export default defineBackground(() => {
  const kb = new KnowledgeService(new LensDb(), bundledSources);
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
  onMessage('reportPage', async ({ data, sender }) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined) return;
    await browser.action.setBadgeText({ tabId, text: badgeText(data) });
    await browser.action.setBadgeBackgroundColor({ tabId, color: '#2f5d8a' });
  });
});
