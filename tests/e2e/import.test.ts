// Import with a preview in the notebook, in Chromium and Firefox: choose a Hypothesis export, see what
// it would change (rejected items with their paths), cancel (nothing written), then confirm.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestPage } from './browsers.ts';
import { selectedBrowsers, useBrowser } from './harness.ts';
import { openControl } from './page-tools.ts';

const SEARCH = readFileSync(join(__dirname, '../fixtures/hypothesis/search.json'), 'utf8');

async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, what: string, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Puts a file into the notebook's import input, as choosing it in the file dialog does. */
const chooseFile = (nb: TestPage, name: string, text: string) =>
  nb.evaluate(
    ({ name, text }: { name: string; text: string }) => {
      const input = document.querySelector('input[type="file"][aria-label="Import annotations"]') as HTMLInputElement | null;
      if (!input) return false;
      const dt = new DataTransfer();
      dt.items.add(new File([text], name, { type: 'application/json' }));
      input.files = dt.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
      return true;
    },
    { name, text },
  );

const text = (nb: TestPage, selector: string) => nb.evaluate((s: string) => document.querySelector(s)?.textContent ?? null, selector);
const clickButton = (nb: TestPage, label: string) =>
  nb.evaluate((l: string) => {
    const b = [...document.querySelectorAll('button')].find((x) => x.textContent?.trim() === l);
    b?.click();
    return !!b;
  }, label);

describe.each(selectedBrowsers())('%s import', (name, launch) => {
  const ctx = useBrowser(name, launch);
  beforeAll(async () => {
    await openControl(ctx.browser);
  });

  it('previews a Hypothesis export, writes nothing on cancel, writes the accepted notes on confirm', async () => {
    const nb = await ctx.browser.openExtensionPage('sidepanel.html');
    try {
      await nb.waitForSelector('[data-testid="nb-count"]');
      const before = await text(nb, '[data-testid="nb-count"]');
      expect(await chooseFile(nb, 'search.json', SEARCH)).toBe(true);
      const headline = await waitFor(() => text(nb, '[data-testid="import-headline"]'), 'the import preview');
      expect(headline).toBe('4 annotations: 2 new, 0 updated, 2 rejected');
      expect(await text(nb, '.import-rejected')).toContain('rows[2].target[0].selector: targets a whole page');
      await nb.screenshot(`import-preview-${name}.png`);
      expect(await clickButton(nb, 'Cancel')).toBe(true);
      await waitFor(async () => (await text(nb, '.nb-message'))?.includes('nothing was written'), 'the cancel message');
      expect(await text(nb, '[data-testid="nb-count"]')).toBe(before);

      expect(await chooseFile(nb, 'search.json', SEARCH)).toBe(true);
      await waitFor(() => text(nb, '[data-testid="import-headline"]'), 'the import preview again');
      expect(await clickButton(nb, 'Import 2')).toBe(true);
      const done = await waitFor(async () => {
        const m = await text(nb, '.nb-message');
        return m?.startsWith('Imported') ? m : null;
      }, 'the import to finish');
      expect(done).toContain('2 new');
      await waitFor(async () => (await text(nb, '[data-testid="nb-count"]')) !== before, 'the notebook to list the imported notes');
      expect(await text(nb, 'main')).toContain('Armenia has frozen its participation');
      await nb.screenshot(`import-done-${name}.png`);
    } finally {
      await nb.close();
    }
  });
});
