import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import { fileURLToPath } from 'node:url';
import { kbSourcesFingerprint } from './scripts/lib/vite-kb-fingerprint';

// Unit and component tests: Node (or jsdom per file via `// @vitest-environment jsdom`).
export default defineConfig({
  plugins: [WxtVitest(), kbSourcesFingerprint(fileURLToPath(new URL('.', import.meta.url)))],
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}', 'server/**/*.test.ts'],
    setupFiles: ['tests/setup.ts'],
    testTimeout: 20_000,
    // Suites that build the knowledge base in beforeAll need more than the default 10 s on a busy 2-core machine.
    hookTimeout: 60_000,
  },
});
