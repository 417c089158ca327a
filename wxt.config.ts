import { defineConfig } from 'wxt';
import { fileURLToPath } from 'node:url';
import { kbSourcesFingerprint } from './scripts/lib/vite-kb-fingerprint';

// Auto-imports are off: every module imports what it uses, so the dependency
// graph can be read from the code (see ARCHITECTURE.md).
export default defineConfig({
  imports: false,
  modules: ['@wxt-dev/module-react'],
  // speed: the knowledge base's sources fingerprinted at build time (a start hashes nothing).
  vite: () => ({ plugins: [kbSourcesFingerprint(fileURLToPath(new URL('.', import.meta.url)))] }),
  // `npm run dev` opens Debian's browsers (the ones the tests drive) with the extension loaded.
  webExt: {
    binaries: { chrome: '/usr/bin/chromium', firefox: '/usr/bin/firefox-esr' },
    chromiumArgs: ['--no-first-run', '--disable-sync', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
  },
  manifest: ({ browser }) => ({
    name: 'CSTO Lens',
    description: 'Highlights and explains the Collective Security Treaty Organization in the news you read.',
    permissions: ['storage', 'unlimitedStorage', 'alarms', 'tabs', 'scripting'],
    // The page UI is injected on demand into pages the content script already runs on.
    host_permissions: ['http://*/*', 'https://*/*'],
    action: { default_title: 'CSTO Lens' },
    // sec-page: the note editor is an extension page framed on web pages (its origin keeps the notes from them).
    web_accessible_resources: [{ resources: ['note-editor.html'], matches: ['http://*/*', 'https://*/*'] }],
    commands: {
      'toggle-highlights': {
        suggested_key: { default: 'Alt+Shift+H' },
        description: 'Toggle CSTO highlights on this site',
      },
      'highlight-selection': {
        suggested_key: { default: 'Alt+Shift+Y' },
        description: 'Highlight the selected text',
      },
      // Chromium takes at most four suggested keys: these are the last two (J/K: Chromium keeps Alt+Shift+N/P for itself on Linux).
      'next-highlight': {
        suggested_key: { default: 'Alt+Shift+J' },
        description: 'Go to the next highlight and open its card',
      },
      'previous-highlight': {
        suggested_key: { default: 'Alt+Shift+K' },
        description: 'Go to the previous highlight and open its card',
      },
    },
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'csto-lens@example.org', strict_min_version: '128.0' } } }
      : {}),
  }),
});
