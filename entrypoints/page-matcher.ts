import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { compilePageMatcher } from '../lib/page/matcher-compile';
import { offerCompiler } from '../lib/page/matcher-script';

// The page's own matcher (Firefox, big pages), imported by the content script into its own world
// on demand: the content script does not carry it (lib/page/matcher-script.ts).
export default defineUnlistedScript({
  include: ['firefox'], // Chromium's pages send their text to the background (entrypoints/content.ts)
  main() {
    offerCompiler(compilePageMatcher);
  },
});
