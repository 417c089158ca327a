import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { readArticle } from '../lib/learn/read-article';

// Injected into a page only when the reader learns from it (never part of the always-on content
// script): leaves one function in the extension's isolated world, which lib/learn/read-tab.ts calls.
export default defineUnlistedScript(() => {
  (globalThis as unknown as { __cstoLensReadArticle?: () => unknown }).__cstoLensReadArticle = () => readArticle(document, location.href);
});
