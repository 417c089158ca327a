// End-to-end encrypted sync between two real browsers: the real sync server (Hono + PGlite, in this
// process), Chromium and Firefox ESR at once. Chromium turns sync on in one step on its options page
// (passphrase, "Turn on sync"); Firefox links in one step (sync key + passphrase, "Link this device") and
// shows the key again; a highlight made in Chromium appears in Firefox, an edit in Firefox comes back, a
// deletion propagates; with both open an edit arrives by the server's change notice, without "Sync
// now" (the time is printed); a learned page added in Chromium is rebuilt into Firefox's knowledge
// base, and its removal follows.
import { serve } from '@hono/node-server';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { EventHub } from '../../server/events.ts';
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

/** Types into a React input (native setter + input event): the same in both browsers. */
async function fill(page: TestPage, selector: string, value: string): Promise<void> {
  await page.waitForSelector(selector);
  await page.evaluate(
    ({ selector, value }: { selector: string; value: string }) => {
      const el = document.querySelector(selector) as HTMLInputElement;
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(el, value);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    },
    { selector, value },
  );
}

const textOf = (page: TestPage, selector: string): Promise<string> =>
  page.waitForFunction((sel: string) => document.querySelector(sel)?.textContent?.trim() || null, selector, { timeout: 30_000 }) as Promise<string>;

/** Polls `probe` (no sync asked for) until it holds; the time it took. */
async function arrives<T>(probe: () => Promise<T | null | false | undefined>, timeoutMs: number, what: string): Promise<{ value: T; ms: number }> {
  const t0 = Date.now();
  for (;;) {
    const v = await probe();
    if (v) return { value: v, ms: Date.now() - t0 };
    if (Date.now() - t0 > timeoutMs) throw new Error(`${what}: not there after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
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
  let events: EventHub;
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
    events = new EventHub(8);
    const app = createApp({ db, events, log: () => undefined });
    httpServer = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => httpServer.once('listening', () => resolve()));
    serverUrl = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
    [chromium, firefox] = await Promise.all([launchChromium(extDir('chromium')), launchFirefox(extDir('firefox'))]);
    [cPage, fPage] = await Promise.all([chromium.openExtensionPage('options.html'), firefox.openExtensionPage('options.html')]);
  });

  afterAll(async () => {
    await Promise.all([chromium?.close(), firefox?.close()]);
    events?.close(); // open change-notice streams would keep the server from closing
    await new Promise<void>((resolve) => (httpServer ? httpServer.close(() => resolve()) : resolve()));
    await db?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('sets up in one step a browser: Chromium turns sync on (passphrase), Firefox links (sync key + passphrase) and shows the key again', async () => {
    await cPage.waitForSelector('[data-testid="sync-settings"] [data-testid="sync-turn-on"]');
    await cPage.screenshot('sync-off-chromium.png', { fullPage: true });
    // The server field is prefilled with the default; this test's server has its own port.
    await cPage.click('[data-testid="sync-turn-on-form"] summary');
    await fill(cPage, 'input[name="serverUrl"]', serverUrl);
    await fill(cPage, 'input[name="passphrase"]', PASSPHRASE);
    await cPage.click('[data-testid="sync-turn-on"]');
    const syncKey = await textOf(cPage, '[data-testid="sync-key"]');
    expect(syncKey).toMatch(/^v3\.[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    await cPage.waitForSelector('[data-testid="sync-key-qr"]');
    await cPage.waitForSelector('[data-testid="sync-now"]:not([disabled])', { timeout: 30_000 });
    await cPage.screenshot('sync-on-key-chromium.png', { fullPage: true });
    expect(await askBackground<SyncStatus>(cPage, 'syncStatus')).toMatchObject({ enabled: true, hasKey: true, verified: true });

    await fPage.waitForSelector('[data-testid="sync-join"]');
    await fill(fPage, 'input[name="syncKey"]', syncKey);
    await fill(fPage, 'input[name="joinPassphrase"]', PASSPHRASE);
    await fPage.screenshot('sync-join-firefox.png', { fullPage: true });
    await fPage.click('[data-testid="sync-join"]');
    // linked at once, then the passphrase's key is derived (600 000 PBKDF2 rounds): Sync now opens with it
    await fPage.waitForSelector('[data-testid="sync-now"]:not([disabled])', { timeout: 30_000 });
    expect(await askBackground<SyncStatus>(fPage, 'syncStatus')).toMatchObject({ enabled: true, hasKey: true, verified: true, lastError: null });
    // a third device can be linked from this one: the key, again, with its QR code
    await fPage.click('[data-testid="sync-show-key"]');
    expect(await textOf(fPage, '[data-testid="sync-key"]')).toBe(syncKey);
    await fPage.waitForSelector('[data-testid="sync-key-qr"]');
    await fPage.screenshot('sync-show-key-firefox.png', { fullPage: true });
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

  it('with both open, an edit in Firefox shows in Chromium within 5 s, without Sync now (the server’s change notice)', async () => {
    const start = TEXT.indexOf('Tajikistan');
    const exact = 'Tajikistan';
    const created = await askBackground<Annotation>(cPage, 'annotationCreate', {
      source: SOURCE,
      title: 'CSTO exercises',
      selector: [
        { type: 'TextQuoteSelector', exact, prefix: TEXT.slice(0, start), suffix: TEXT.slice(start + exact.length) },
        { type: 'TextPositionSelector', start, end: start + exact.length },
      ],
      note: 'for the notice test',
      tags: [],
    });
    const there = await arrives(() => storedAnnotation(fPage, created.id), 15_000, 'the new highlight in Firefox');
    console.log(`[sync e2e] new highlight Chromium → Firefox, no Sync now: ${there.ms} ms`);
    const times: number[] = [];
    for (const note of ['notice edit 1', 'notice edit 2', 'notice edit 3']) {
      const edited = await askBackground<Annotation>(fPage, 'annotationEdit', { id: created.id, patch: { note } });
      const got = await arrives(
        async () => {
          const a = await storedAnnotation(cPage, created.id);
          return a?.hlc === edited.hlc ? a : null;
        },
        5_000,
        `"${note}" in Chromium`,
      );
      expect(got.value.body.find((b) => b.purpose === 'commenting')?.value).toBe(note);
      times.push(got.ms);
    }
    console.log(`[sync e2e] edit Firefox → Chromium, no Sync now: ${times.join(', ')} ms (push after a 2 s quiet, then the notice and a pull)`);
  });

  // Opt-in (CSTO_E2E_IDLE=1, 45 s of waiting): what Chrome's 30 s idle stop of the MV3 worker does to the stream.
  it.runIf(process.env.CSTO_E2E_IDLE === '1')('after 45 s without extension events in Chromium, an edit in Firefox still arrives (measured)', async () => {
    const [one] = await askBackground<Annotation[]>(cPage, 'annotationsForPage', { source: SOURCE });
    await new Promise((r) => setTimeout(r, 45_000)); // nothing asks Chromium's background anything meanwhile
    const edited = await askBackground<Annotation>(fPage, 'annotationEdit', { id: one!.id, patch: { note: 'after idle' } });
    const got = await arrives(
      async () => {
        const a = await storedAnnotation(cPage, one!.id); // IndexedDB read from the page: does not wake the worker
        return a?.hlc === edited.hlc ? a : null;
      },
      6 * 60_000,
      'the edit after idle',
    );
    console.log(`[sync e2e] edit Firefox → Chromium after 45 s idle: ${got.ms} ms`);
  }, 8 * 60_000);

  it('a page added to the knowledge base in Chromium is rebuilt into Firefox’s; its removal follows', async () => {
    const text = [
      'CSTO chief warns of rising threats on the Tajik-Afghan border',
      'DUSHANBE, March 4 — The Secretary General of the Collective Security Treaty Organization said on Tuesday that the situation on the Tajik-Afghan border remained tense.',
      '"We see a growing number of militants near the border, and the CSTO is ready to help Tajikistan," Imangali Tasmagambetov told reporters in Dushanbe.',
    ].join('\n');
    const now = new Date().toISOString();
    const doc = {
      id: 'l-5e1f00d5e1f00d5e',
      url: 'https://news.example/csto-border-sync',
      urls: ['https://news.example/csto-border-sync'],
      title: 'CSTO chief warns of rising threats on the Tajik-Afghan border',
      outlet: 'Example News',
      date: '2025-03-04',
      lang: 'en',
      text,
      textHash: '0123456789abcdef',
      titleKey: '',
      addedAt: now,
      updatedAt: now,
    };
    // learnedRestore: the notebook's undo, the same store and rebuild as "Add this page"
    await askBackground(cPage, 'learnedRestore', { doc });
    type Summary = { id: string; statements: number; outlet: string };
    const got = await arrives(
      async () => (await askBackground<Summary[]>(fPage, 'learnedList')).find((d) => d.id === doc.id && d.statements > 0),
      60_000,
      'the learned page in Firefox',
    );
    console.log(`[sync e2e] learned page Chromium → Firefox (stored and rebuilt), no Sync now: ${got.ms} ms`);
    expect(got.value.outlet).toBe('Example News');
    const notebook = await firefox.openExtensionPage('sidepanel.html#sources');
    await notebook.waitForSelector(`[data-source-id="${doc.id}"]`, { timeout: 30_000 });
    await notebook.screenshot('sync-learned-firefox.png', { fullPage: true });
    await notebook.close();
    const { rows } = await db.query<{ payload: string }>('SELECT payload FROM records');
    expect(JSON.stringify(rows)).not.toContain('Tasmagambetov');

    await askBackground(cPage, 'learnedRemove', { id: doc.id });
    await arrives(async () => !(await askBackground<Summary[]>(fPage, 'learnedList')).some((d) => d.id === doc.id), 60_000, 'the removal in Firefox');
    const fs = await askBackground<SyncStatus & { setAside: number }>(fPage, 'syncStatus');
    expect(fs.setAside).toBe(0);
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
