// Smoke test of the browser harness: in each browser the built extension loads, an extension
// page opens, and the fixture pages render as intended (titles, SPA behaviour, traps).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extDir, fixtureUrl, ROOT_DIR, selectedBrowsers, useBrowser } from './harness.ts';

const expected = JSON.parse(readFileSync(join(ROOT_DIR, 'tests/fixtures/pages/expected.json'), 'utf8')) as Record<
  string,
  { title: string }
>;

describe.each(selectedBrowsers())('%s smoke', (name, launch) => {
  const ctx = useBrowser(name, launch);

  it('loads the built extension', async () => {
    const b = ctx.browser;
    if (name === 'chromium') expect(b.extensionId).toMatch(/^[a-p]{32}$/);
    else expect(b.extensionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(b.extensionBaseUrl).toBe(`${name === 'chromium' ? 'chrome-extension' : 'moz-extension'}://${b.extensionId}/`);

    // The manifest is served from the extension's own origin.
    const page = await b.openExtensionPage('manifest.json');
    try {
      const text = await page.waitForFunction(() => document.body?.textContent?.includes('CSTO Lens') && document.body.textContent);
      expect(text).toContain('"manifest_version"');
    } finally {
      await page.close();
    }
  });

  it('opens the popup page', async ({ skip }) => {
    if (!existsSync(join(extDir(name), 'popup.html'))) skip('no popup.html in this build');
    const page = await ctx.browser.openExtensionPage('popup.html');
    try {
      expect(await page.url()).toBe(ctx.browser.extensionUrl('popup.html'));
      expect(await page.evaluate(() => document.readyState)).toBe('complete');
      await page.screenshot(`popup-${name}.png`);
    } finally {
      await page.close();
    }
  });

  it.each(['seed-000.html', 'seed-003.html', 'ru.html', 'plain.html'])('opens %s with its title', async (file) => {
    const page = await ctx.browser.newPage();
    try {
      await page.goto(fixtureUrl(file));
      expect(await page.title()).toBe(expected[file]!.title);
      expect(await page.evaluate(() => document.querySelectorAll('#article p').length)).toBeGreaterThan(3);
      const shot = await page.screenshot(`${file.replace('.html', '')}-${name}.png`);
      expect(existsSync(shot)).toBe(true);
    } finally {
      await page.close();
    }
  });

  it('spa.html renders late, navigates with pushState and loads more', async () => {
    const page = await ctx.browser.newPage();
    try {
      await page.goto(fixtureUrl('spa.html'));
      await page.waitForFunction(() => document.body.dataset.state === 'ready');
      expect(await page.title()).toBe(expected['spa.html']!.title);
      await page.click('#next');
      await page.waitForFunction(() => document.body.dataset.story === '2' && document.body.dataset.state === 'ready');
      expect(await page.url()).toMatch(/spa\.html\?story=2$/);
      expect(await page.evaluate(() => document.querySelector('#article')!.textContent)).toContain('Stanislav Zas');
      await page.click('#load-more');
      await page.waitForFunction(() => document.querySelectorAll('.live-entry').length === 1);
      await page.screenshot(`spa-${name}.png`);
    } finally {
      await page.close();
    }
  });

  it('editable.html keeps its traps inert', async () => {
    const page = await ctx.browser.newPage();
    try {
      await page.goto(fixtureUrl('editable.html'));
      const state = await page.evaluate(() => ({
        xss: (window as unknown as { __xssFired: boolean }).__xssFired,
        fake: document.getElementById('fake-markup')!.textContent,
        input: (document.getElementById('headline') as HTMLInputElement).value,
      }));
      expect(state).toEqual({ xss: false, fake: '<img src=x onerror=alert(1)> CSTO', input: 'CSTO: Sergey Lavrov speaks' });
    } finally {
      await page.close();
    }
  });

  it('big.html loads (~200k words)', async () => {
    const page = await ctx.browser.newPage();
    try {
      const t0 = Date.now();
      await page.goto(fixtureUrl('big.html'), { timeout: 60_000 });
      const words = await page.evaluate(() => document.querySelector('.article-body')!.textContent!.split(/\s+/).filter(Boolean).length);
      expect(words).toBeGreaterThan(190_000);
      console.log(`[${name}] big.html: ${words} words, loaded in ${Date.now() - t0} ms`);
    } finally {
      await page.close();
    }
  });
});
