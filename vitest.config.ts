import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Unit and component tests: Node (or jsdom per file via `// @vitest-environment jsdom`).
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}', 'server/**/*.test.ts'],
    setupFiles: ['tests/setup.ts'],
    testTimeout: 20_000,
    // Suites that build the knowledge base in beforeAll need more than the default 10 s on a busy 2-core machine.
    hookTimeout: 60_000,
  },
});
