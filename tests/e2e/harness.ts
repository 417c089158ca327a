// Helpers for e2e tests: fixture URLs from the global setup, and a per-suite browser
// that is launched in beforeAll and always closed in afterAll (temp profile removed).
import { afterAll, beforeAll, inject } from 'vitest';
import type { BrowserName, Launcher, TestBrowser } from './browsers.ts';

export * from './browsers.ts';

/** Base URL of the fixture server (http://127.0.0.1:PORT/). */
export function fixtureBaseUrl(): string {
  const url = inject('fixtureBaseUrl') ?? process.env.CSTO_FIXTURE_URL;
  if (!url) throw new Error('fixture server URL not provided: run with --config vitest.e2e.config.ts');
  return url;
}

/** Absolute URL of a page in tests/fixtures/pages/: fixtureUrl('seed-000.html'). */
export function fixtureUrl(page: string): string {
  return new URL(page.replace(/^\//, ''), fixtureBaseUrl()).href;
}

/** Directory of the built extension for a browser (from the global setup). */
export function extDir(name: BrowserName): string {
  return inject('extDirs')[name];
}

/**
 * Call inside a describe(): launches the browser with the built extension before the suite's
 * tests and closes it afterwards, even when a test (or the launch itself) failed.
 *   const ctx = useBrowser('chromium', launchChromium);
 *   it('...', async () => { const page = await ctx.browser.newPage(); ... });
 */
export function useBrowser(name: BrowserName, launch: Launcher): { readonly browser: TestBrowser } {
  let browser: TestBrowser | undefined;
  beforeAll(async () => {
    browser = await launch(extDir(name));
  });
  afterAll(async () => {
    await browser?.close();
    browser = undefined;
  });
  return {
    get browser(): TestBrowser {
      if (!browser) throw new Error(`${name} was not launched (see the beforeAll error above)`);
      return browser;
    },
  };
}
