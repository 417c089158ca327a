import { defineContentScript } from 'wxt/utils/define-content-script';
import { sendMessage } from '../lib/protocol/to-background';
import { PageMatcher } from '../lib/page/page-matcher';
import { loadPageMatcher } from '../lib/page/matcher-script';
import { perStyle } from '../lib/dom/paint-per-style';
import { startPageSession } from '../lib/page/session';
import { guardAgainstForgedStart } from '../lib/page/context-guard';
import { browser } from 'wxt/browser';

// Composition root of the content script: wiring only.
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    // A page's forged "content script started" event must not stop us (dev builds reload content scripts that way).
    if (!import.meta.env.DEV) guardAgainstForgedStart(ctx, () => browser.runtime?.id != null);
    // Firefox: a big page's text costs more to send to the background than to match here, with a
    // matcher it imports when a big page needs it (page-matcher.js; Chromium builds leave this out).
    const matcher = import.meta.env.FIREFOX
      ? new PageMatcher(() =>
          loadPageMatcher({ script: () => import(/* @vite-ignore */ browser.runtime.getURL('/page-matcher.js')), data: () => sendMessage('matcherSnapshot') }),
        )
      : undefined;
    // Firefox: each registered Highlight makes registering the next dearer (lib/dom/paint-per-style.ts).
    const grouping = import.meta.env.FIREFOX ? perStyle : undefined;
    void startPageSession(ctx, { matcher, grouping, editorUrl: browser.runtime.getURL('/note-editor.html') });
  },
});
