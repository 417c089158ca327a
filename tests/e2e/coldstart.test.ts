// kb-speed: a page still gets its highlights from a worker Chrome stopped (the restarted worker
// loads the matcher snapshot; the build, in kb-build.js, is not loaded), and the build script
// loads in each browser's background (Chrome's service worker: importScripts; Firefox: import()).
import type { Page as PwPage } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChromiumTestBrowser, TestPage } from './browsers.ts';
import { fixtureUrl, selectedBrowsers, useBrowser } from './harness.ts';
import { askBackground, openControl, readHighlights, waitForPageState } from './page-tools.ts';

interface Stats {
  ready: boolean;
  matcher: string | null;
  lastBuild: { buildMs: number } | null;
  lastCheck: { built: boolean } | null;
}

async function highlightsOf(b: ChromiumTestBrowser | import('./browsers.ts').TestBrowser, ext: TestPage, file: string, run: number) {
  const page = await b.newPage();
  try {
    const url = `${fixtureUrl(file)}?run=${run}`;
    await page.goto(url);
    await waitForPageState(ext, url, (s) => s.active && s.scans >= 1 && s.timing.drawn !== null, 30_000);
    return (await readHighlights(page)).map((h) => `${h.style}:${h.text}`);
  } finally {
    await page.close();
  }
}

describe.each(selectedBrowsers())('%s cold start', (name, launch) => {
  const ctx = useBrowser(name, launch);
  let ext: TestPage;
  beforeAll(async () => {
    ext = await openControl(ctx.browser);
  });

  it('builds the knowledge base on install from the separate build script', async () => {
    await expect
      .poll(async () => (await askBackground<Stats>(ext, 'kbStats').catch(() => null))?.lastBuild?.buildMs ?? 0, { timeout: 60_000, interval: 250 })
      .toBeGreaterThan(0);
    const warm = await highlightsOf(ctx.browser, ext, 'seed-000.html', 0);
    expect(warm.length).toBeGreaterThan(5);
  });

  it('highlights the next page after the worker was stopped, from the stored matcher snapshot', async ({ skip }) => {
    if (name !== 'chromium') skip('CDP ServiceWorker.stopAllWorkers is Chromium only');
    const b = ctx.browser as ChromiumTestBrowser;
    const warm = await highlightsOf(b, ext, 'seed-001.html', 1);
    expect((await askBackground<Stats>(ext, 'kbStats')).matcher).not.toBeNull();
    const cdp = await b.context.newCDPSession(ext.raw as PwPage);
    // Every status the worker went through: something (a late message, an alarm) may start it again
    // right after it stopped, faster than a poll sees; that restart is just as cold.
    const statuses: string[] = [];
    cdp.on('ServiceWorker.workerVersionUpdated', (e: { versions: { scriptURL: string; runningStatus: string }[] }) => {
      for (const v of e.versions) if (v.scriptURL.startsWith(b.extensionBaseUrl)) statuses.push(v.runningStatus);
    });
    await cdp.send('ServiceWorker.enable');
    try {
      for (let round = 0; round < 2; round++) {
        statuses.length = 0;
        await cdp.send('ServiceWorker.stopAllWorkers');
        await expect.poll(() => statuses.includes('stopped'), { timeout: 5_000, interval: 10 }).toBe(true);
        const cold = await highlightsOf(b, ext, 'seed-001.html', 10 + round);
        expect(cold).toEqual(warm);
        const stats = await askBackground<Stats>(ext, 'kbStats');
        expect(stats.matcher).toBe('snapshot');
        expect(stats.lastBuild).toBeNull(); // the restarted worker built nothing
      }
    } finally {
      await cdp.detach();
    }
  });
});
