import { defineContentScript } from 'wxt/utils/define-content-script';
import { startPageSession } from '../lib/page/session';

// Composition root of the content script: wiring only.
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    void startPageSession(ctx);
  },
});
