// End-to-end encrypted sync between two real browsers: the real sync server (Hono + PGlite, in this
// process), Chromium and Firefox ESR at once. Chromium creates the account through its options page;
// Firefox links with the sync key through the sync messages; a highlight made in Chromium appears in
// Firefox, an edit in Firefox comes back, and a deletion in Chromium propagates.
import { serve } from '@hono/node-server';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page as PwPage } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { openDb } from '../../server/db/open.ts';
import type { Db } from '../../server/db/types.ts';
import { extDir, launchChromium, launchFirefox, type TestBrowser, type TestPage } from './harness.ts';
import { askBackground } from './page-tools.ts';

const PASSPHRASE = 'e2e passphrase: Dushanbe 2021';
const SOURCE = 'https://news.example/csto-sync-e2e';
const TEXT = 'The Collective Security Treaty Organization held exercises in Tajikistan.';

interface Annotation {
  id: string;
  hlc: string;
  deleted: boolean;
  body: { purpose: string; value: string }[];
}
interface SyncStatus {
  enabled: boolean;
  hasKey: boolean;
  verified: boolean;
  pending: number;
  lastSyncAt: number | null;
  lastError: string | null;
}

/** The annotation as stored in the extension's IndexedDB ('csto-lens' → annotations), read from an extension page. */
function storedAnnotation(page: TestPage, id: string): Promise<Annotation | null> {
  return page.evaluate(
    (key: string) =>
      new Promise<Annotation | null>((resolve, reject) => {
        const req = indexedDB.open('csto-lens');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const get = db.transaction('annotations').objectStore('annotations').get(key);
          get.onsuccess = () => {
            resolve((get.result as Annotation | undefined) ?? null);
            db.close();
          };
          get.onerror = () => reject(get.error);
        };
      }),
    id,
  );
}

async function syncNow(page: TestPage): Promise<SyncStatus> {
  const s = await askBackground<SyncStatus>(page, 'syncNow');
  expect(s.lastError).toBeNull();
  return s;
}

/** Syncs both until `probe` holds on `page` (a push may still be in its 2 s debounce on the other side). */
async function until<T>(pages: TestPage[], probe: () => Promise<T | null | false | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    for (const p of pages) await syncNow(p);
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

describe('sync between Chromium and Firefox', () => {
  let db: Db;
  let dataDir: string;
  let httpServer: ReturnType<typeof serve>;
  let serverUrl: string;
  let chromium: TestBrowser;
  let firefox: TestBrowser;
  let cPage: TestPage;
  let fPage: TestPage;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'csto-sync-e2e-'));
    db = await openDb({ dataDir });
    const app = createApp({ db, log: () => undefined });
    httpServer = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => httpServer.once('listening', () => resolve()));
    serverUrl = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
    [chromium, firefox] = await Promise.all([launchChromium(extDir('chromium')), launchFirefox(extDir('firefox'))]);
    [cPage, fPage] = await Promise.all([chromium.openExtensionPage('options.html'), firefox.openExtensionPage('options.html')]);
  });

  afterAll(async () => {
    await Promise.all([chromium?.close(), firefox?.close()]);
    await new Promise<void>((resolve) => (httpServer ? httpServer.close(() => resolve()) : resolve()));
    await db?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('sets up: account created on the Chromium options page, Firefox linked with the sync key, same passphrase', async () => {
    const page = cPage.raw as PwPage;
    await cPage.waitForSelector('[data-testid="sync-settings"] [data-testid="sync-create"]');
    await page.fill('input[name="serverUrl"]', serverUrl);
    await page.click('[data-testid="sync-create"]');
    const syncKey = (await page.locator('[data-testid="sync-key"]').textContent({ timeout: 15_000 }))!.trim();
    expect(syncKey).toMatch(/^v2\.[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{22}$/);
    await page.fill('input[name="passphrase"]', PASSPHRASE);
    await page.click('[data-testid="sync-set-passphrase"]');
    await page.waitForSelector('[data-testid="sync-now"]:not([disabled])', { timeout: 30_000 });
    const cStatus = await askBackground<SyncStatus>(cPage, 'syncStatus');
    expect(cStatus).toMatchObject({ enabled: true, hasKey: true, verified: true });

    await askBackground(fPage, 'syncLink', { serverUrl, syncKey });
    const fStatus = await askBackground<SyncStatus>(fPage, 'syncSetPassphrase', { passphrase: PASSPHRASE });
    expect(fStatus).toMatchObject({ enabled: true, hasKey: true, verified: true, lastError: null });
  });

  it('a highlight made in Chromium appears in Firefox, an edit in Firefox comes back, a deletion propagates', async () => {
    const start = TEXT.indexOf('Collective');
    const exact = 'Collective Security Treaty Organization';
    const created = await askBackground<Annotation>(cPage, 'annotationCreate', {
      source: SOURCE,
      title: 'CSTO exercises',
      selector: [
        { type: 'TextQuoteSelector', exact, prefix: TEXT.slice(0, start), suffix: TEXT.slice(start + exact.length) },
        { type: 'TextPositionSelector', start, end: start + exact.length },
      ],
      note: 'first seen in Chromium',
      tags: ['e2e'],
    });

    const t0 = Date.now();
    const inFirefox = await until([cPage, fPage], () => storedAnnotation(fPage, created.id), 'the highlight in Firefox');
    console.log(`[sync e2e] Chromium → Firefox in ${Date.now() - t0} ms`);
    expect(inFirefox.hlc).toBe(created.hlc);
    expect(inFirefox.body.find((b) => b.purpose === 'commenting')?.value).toBe('first seen in Chromium');
    const forPage = await askBackground<Annotation[]>(fPage, 'annotationsForPage', { source: SOURCE });
    expect(forPage.map((a) => a.id)).toEqual([created.id]);

    const edited = await askBackground<Annotation>(fPage, 'annotationEdit', { id: created.id, patch: { note: 'edited in Firefox' } });
    const back = await until(
      [fPage, cPage],
      async () => {
        const a = await storedAnnotation(cPage, created.id);
        return a?.hlc === edited.hlc ? a : null;
      },
      'the edit in Chromium',
    );
    expect(back.body.find((b) => b.purpose === 'commenting')?.value).toBe('edited in Firefox');

    const removed = await askBackground<Annotation>(cPage, 'annotationDelete', { id: created.id });
    const gone = await until(
      [cPage, fPage],
      async () => {
        const a = await storedAnnotation(fPage, created.id);
        return a?.hlc === removed.hlc ? a : null;
      },
      'the deletion in Firefox',
    );
    expect(gone.deleted).toBe(true);
    expect(await askBackground<Annotation[]>(fPage, 'annotationsForPage', { source: SOURCE })).toEqual([]);

    // the server holds ciphertext only
    const { rows } = await db.query<{ payload: string }>('SELECT payload FROM records');
    expect(JSON.stringify(rows)).not.toContain('edited in Firefox');
    expect(JSON.stringify(rows)).not.toContain('news.example');

    const [cs, fs] = await Promise.all([syncNow(cPage), syncNow(fPage)]);
    expect(cs.pending).toBe(0);
    expect(fs.pending).toBe(0);
  });

  it('the popup shows the status in one line', async () => {
    const popup = await chromium.openExtensionPage('popup.html');
    const line = await popup.waitForFunction(() => {
      const t = document.querySelector('[data-testid="sync-status-line"]')?.textContent ?? '';
      return /^Synced /.test(t) ? t : null;
    });
    expect(line).toMatch(/^Synced (just now|\d+ min ago)$/);
    await popup.close();
  });
});
