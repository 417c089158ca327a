// Launch real browsers with the built extension loaded, behind one small interface
// so a test can run unchanged in Chromium (Playwright) and Firefox ESR (Puppeteer/BiDi).
//
//   const b = await launchChromium(EXT.chromium);   // or launchFirefox(EXT.firefox)
//   const page = await b.newPage();
//   await page.goto(fixtureUrl('seed-000.html'));
//   await page.waitForFunction(() => document.querySelector('mark') !== null);
//   await page.screenshot('seed-000-chromium.png');   // → tests/e2e/artifacts/
//   await b.close();
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page as PwPage } from 'playwright-core';
import puppeteer, { type Browser as PpBrowser, type Page as PpPage } from 'puppeteer-core';

export const ROOT_DIR = resolve(fileURLToPath(new URL('../../', import.meta.url)));
export const ARTIFACTS_DIR = join(ROOT_DIR, 'tests/e2e/artifacts');
export const EXT_DIRS = {
  chromium: join(ROOT_DIR, '.output/chrome-mv3'),
  firefox: join(ROOT_DIR, '.output/firefox-mv2'),
} as const;

export const CHROMIUM_PATH = process.env.CSTO_CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FIREFOX_PATH = process.env.CSTO_FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const DEFAULT_GECKO_ID = 'csto-lens@example.org';
const VIEWPORT = { width: 1280, height: 900 };
const DEFAULT_TIMEOUT = 15_000;
/** Host names that resolve to 127.0.0.1 in both browsers (the attack suite's two sites under one
 *  public suffix: tests/e2e/attacks.test.ts). Plain http, no HTTPS upgrade. */
export const TEST_HOSTS = ['attacker.dyndns.org', 'victim.dyndns.org'] as const;

export type BrowserName = 'chromium' | 'firefox';

export interface WaitOptions {
  timeout?: number;
  /** Poll interval in ms (default: every animation frame / mutation). */
  polling?: number;
}

/** The part of a page that tests use; the same in both browsers. */
export interface TestPage {
  readonly browserName: BrowserName;
  /** Navigate; for http(s) waits for `load`. Extension pages: see openExtensionPage. */
  goto(url: string, opts?: { timeout?: number }): Promise<void>;
  /** Runs `fn` in the page's main world (serializable arg and result). */
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** Waits until `fn(arg)` returns a truthy value, and returns that value (JSON-serialized). */
  waitForFunction<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A, opts?: WaitOptions): Promise<R>;
  /** Waits for a selector to be attached to the DOM. */
  waitForSelector(selector: string, opts?: { timeout?: number }): Promise<void>;
  click(selector: string): Promise<void>;
  title(): Promise<string>;
  /** The document's location.href (asked from the page; Firefox's driver-side URL can be stale). */
  url(): Promise<string>;
  content(): Promise<string>;
  /** Full-page PNG. A bare file name goes to tests/e2e/artifacts/. Returns the absolute path. */
  screenshot(path: string, opts?: { fullPage?: boolean }): Promise<string>;
  /** console messages and uncaught page errors seen so far ("type: text"). */
  readonly consoleMessages: string[];
  close(): Promise<void>;
  /** Escape hatch: the Playwright Page (chromium) or Puppeteer Page (firefox). */
  readonly raw: PwPage | PpPage;
}

export interface TestBrowser {
  readonly name: BrowserName;
  readonly extDir: string;
  /** Chromium: 32-char extension id; Firefox: the pinned internal UUID. */
  readonly extensionId: string;
  /** chrome-extension://<id>/ or moz-extension://<uuid>/ (ends with a slash). */
  readonly extensionBaseUrl: string;
  /** Absolute URL of a file of the extension, e.g. extensionUrl('popup.html'). */
  extensionUrl(path: string): string;
  newPage(): Promise<TestPage>;
  /**
   * Opens a page of the extension (e.g. 'popup.html') and waits until its document has loaded.
   * (Firefox never reports `load` for moz-extension:// navigations over BiDi, so this polls.)
   */
  openExtensionPage(path: string, opts?: { timeout?: number }): Promise<TestPage>;
  /** Closes the browser and removes the temporary profile. Safe to call twice. */
  close(): Promise<void>;
}

export type Launcher = (extDir?: string) => Promise<TestBrowser>;

/** Table for `describe.each(BROWSERS)('%s', (name, launch) => ...)`. */
export const BROWSERS: ReadonlyArray<readonly [BrowserName, Launcher]> = [
  ['chromium', (dir) => launchChromium(dir)],
  ['firefox', (dir) => launchFirefox(dir)],
];

/** Only the browsers named in CSTO_E2E_BROWSERS (comma list), default both. */
export function selectedBrowsers(): ReadonlyArray<readonly [BrowserName, Launcher]> {
  const want = (process.env.CSTO_E2E_BROWSERS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return want.length ? BROWSERS.filter(([n]) => want.includes(n)) : BROWSERS;
}

function artifactPath(p: string): string {
  const abs = isAbsolute(p) ? p : join(ARTIFACTS_DIR, p);
  mkdirSync(dirname(abs), { recursive: true });
  return abs;
}

function assertExtDir(dir: string): void {
  if (!existsSync(join(dir, 'manifest.json'))) {
    throw new Error(`No built extension at ${dir} (manifest.json missing). Run "npm run build" / "npm run build:firefox".`);
  }
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let p: Promise<void> | undefined;
  return () => (p ??= fn());
}

async function removeDir(dir: string): Promise<void> {
  // Chromium may still be flushing the profile for a moment after close.
  for (let i = 0; i < 5; i++) {
    try {
      await rm(dir, { recursive: true, force: true });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

// ---------------------------------------------------------------- Chromium

function wrapPlaywrightPage(page: PwPage): TestPage {
  const consoleMessages: string[] = [];
  page.on('console', (m) => consoleMessages.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => consoleMessages.push(`pageerror: ${e.message}`));
  page.setDefaultTimeout(DEFAULT_TIMEOUT);
  return {
    browserName: 'chromium',
    raw: page,
    consoleMessages,
    async goto(url, opts) {
      await page.goto(url, { waitUntil: 'load', timeout: opts?.timeout ?? 30_000 });
    },
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    async waitForFunction(fn, arg, opts) {
      const h = await page.waitForFunction(fn as never, arg, {
        timeout: opts?.timeout ?? DEFAULT_TIMEOUT,
        polling: opts?.polling ?? 'raf',
      });
      const v = await h.jsonValue();
      await h.dispose();
      return v as never;
    },
    async waitForSelector(selector, opts) {
      await page.waitForSelector(selector, { state: 'attached', timeout: opts?.timeout ?? DEFAULT_TIMEOUT });
    },
    click: (selector) => page.click(selector),
    title: () => page.title(),
    url: async () => page.url(),
    content: () => page.content(),
    async screenshot(path, opts) {
      const abs = artifactPath(path);
      await page.screenshot({ path: abs, fullPage: opts?.fullPage ?? false });
      return abs;
    },
    close: () => page.close(),
  };
}

export interface ChromiumTestBrowser extends TestBrowser {
  readonly context: BrowserContext;
}

/**
 * `opts.profile` (kb-speed): launch on this profile folder and keep it on close, so a second
 * launch is a browser restart with the extension already installed (its data kept).
 */
export async function launchChromium(extDir: string = EXT_DIRS.chromium, opts: { profile?: string } = {}): Promise<ChromiumTestBrowser> {
  extDir = resolve(extDir);
  assertExtDir(extDir);
  const keepProfile = opts.profile !== undefined;
  const profile = opts.profile ?? (await mkdtemp(join(tmpdir(), 'csto-e2e-chromium-')));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      viewport: VIEWPORT,
      args: [
        `--disable-extensions-except=${extDir}`,
        `--load-extension=${extDir}`,
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        `--host-resolver-rules=${TEST_HOSTS.map((h) => `MAP ${h} 127.0.0.1`).join(',')}`,
        '--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable',
      ],
      timeout: 60_000,
    });
  } catch (e) {
    if (!keepProfile) await removeDir(profile);
    throw e;
  }
  const close = once(async () => {
    await context.close().catch(() => {});
    if (!keepProfile) await removeDir(profile);
  });
  try {
    let [sw] = context.serviceWorkers().filter((w) => w.url().startsWith('chrome-extension://'));
    sw ??= await context.waitForEvent('serviceworker', {
      predicate: (w) => w.url().startsWith('chrome-extension://'),
      timeout: 20_000,
    });
    const extensionId = new URL(sw.url()).host;
    const extensionBaseUrl = `chrome-extension://${extensionId}/`;
    // Installing opens the welcome page (issue 14.7): let it open first, so it never takes the focus
    // from a test's page; each new page is then brought to the front, as a reader's click would.
    await settle(async () => context.pages().some((p) => p.url().endsWith('/welcome.html')), { fresh: !opts.profile });
    const newPage = async () => {
      const page = await context.newPage();
      await page.bringToFront();
      return wrapPlaywrightPage(page);
    };
    return {
      name: 'chromium',
      extDir,
      context,
      extensionId,
      extensionBaseUrl,
      extensionUrl: (p) => new URL(p.replace(/^\//, ''), extensionBaseUrl).href,
      newPage,
      async openExtensionPage(path, opts) {
        const page = await newPage();
        await page.goto(new URL(path.replace(/^\//, ''), extensionBaseUrl).href, opts);
        return page;
      },
      close,
    };
  } catch (e) {
    await close();
    throw new Error(`Chromium: extension service worker did not start (${String(e)})`);
  }
}

/** Waits (at most 10 s) until `ready` holds; on a reused profile (no install) there is nothing to wait for. */
async function settle(ready: () => Promise<boolean>, { fresh }: { fresh: boolean }): Promise<void> {
  if (!fresh) return;
  const until = Date.now() + 10_000;
  while (Date.now() < until && !(await ready().catch(() => false))) await new Promise((r) => setTimeout(r, 100));
}

// ---------------------------------------------------------------- Firefox

function wrapPuppeteerPage(page: PpPage): TestPage {
  const consoleMessages: string[] = [];
  page.on('console', (m) => consoleMessages.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => consoleMessages.push(`pageerror: ${(e as Error).message ?? String(e)}`));
  page.setDefaultTimeout(DEFAULT_TIMEOUT);
  return {
    browserName: 'firefox',
    raw: page,
    consoleMessages,
    async goto(url, opts) {
      if (url.startsWith('moz-extension:')) {
        await gotoExtensionPage(page, url, opts?.timeout);
        return;
      }
      await page.goto(url, { waitUntil: 'load', timeout: opts?.timeout ?? 30_000 });
    },
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    // Polled from here with evaluate: puppeteer's own waitForFunction builds its predicate with
    // Function(), which Firefox 140.12 blocks by CSP on extension pages ("call to Function()
    // blocked by CSP"). A failed evaluate (a navigation in between) is tried again.
    async waitForFunction(fn, arg, opts) {
      const timeout = opts?.timeout ?? DEFAULT_TIMEOUT;
      const every = typeof opts?.polling === 'number' ? opts.polling : 16;
      const end = Date.now() + timeout;
      let failure: unknown = null;
      for (;;) {
        try {
          const v: unknown = await page.evaluate(fn as never, arg);
          if (v) return v as never;
          failure = null;
        } catch (e) {
          failure = e;
        }
        if (Date.now() >= end) throw new Error(`waitForFunction: not true within ${timeout} ms${failure ? ` (last evaluate failed: ${(failure as Error).message ?? String(failure)})` : ''}`);
        await new Promise((r) => setTimeout(r, every));
      }
    },
    async waitForSelector(selector, opts) {
      await page.waitForSelector(selector, { timeout: opts?.timeout ?? DEFAULT_TIMEOUT });
    },
    click: (selector) => page.click(selector),
    title: () => page.title(),
    url: () => page.evaluate(() => location.href).catch(() => page.url()),
    content: () => page.content(),
    async screenshot(path, opts) {
      const abs = artifactPath(path);
      await page.screenshot({ path: abs as `${string}.png`, fullPage: opts?.fullPage ?? false });
      return abs;
    },
    close: () => page.close(),
  };
}

/** moz-extension:// navigations never report `load` over BiDi: fire, then poll the document. */
async function gotoExtensionPage(page: PpPage, url: string, timeout = 20_000): Promise<void> {
  await page.goto(url, { waitUntil: [], timeout: 2_000 }).catch(() => {});
  const deadline = Date.now() + timeout;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const s = await page.evaluate(() => `${location.href} ${document.readyState}`);
      last = s;
      if (s.startsWith(url.split('#')[0]!) && s.endsWith(' complete')) return;
    } catch (e) {
      last = String(e); // context torn down mid-navigation; retry
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Firefox: ${url} did not load within ${timeout} ms (last: ${last})`);
}

export interface FirefoxTestBrowser extends TestBrowser {
  readonly browser: PpBrowser;
  /** The add-on id (gecko id) as installed. */
  readonly addonId: string;
}

function geckoId(extDir: string): string {
  try {
    const m = JSON.parse(readFileSync(join(extDir, 'manifest.json'), 'utf8'));
    return m.browser_specific_settings?.gecko?.id ?? m.applications?.gecko?.id ?? DEFAULT_GECKO_ID;
  } catch {
    return DEFAULT_GECKO_ID;
  }
}

export async function launchFirefox(extDir: string = EXT_DIRS.firefox): Promise<FirefoxTestBrowser> {
  extDir = resolve(extDir);
  assertExtDir(extDir);
  const id = geckoId(extDir);
  const uuid = randomUUID();
  // Puppeteer creates (and on close removes) its own temporary Firefox profile.
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    args: ['--remote-allow-system-access'],
    defaultViewport: VIEWPORT,
    timeout: 60_000,
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [id]: uuid }),
      // keep the run quiet and offline
      'app.update.enabled': false,
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
      'extensions.update.enabled': false,
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
      // the attack suite's host names (TEST_HOSTS), over plain http
      'network.dns.localDomains': TEST_HOSTS.join(','),
      'dom.security.https_first': false,
      'dom.security.https_first_schemeless': false,
    },
  });
  const close = once(async () => {
    await browser.close().catch(() => {
      browser.process()?.kill('SIGKILL');
    });
  });
  try {
    const addonId = await browser.installExtension(extDir);
    const extensionBaseUrl = `moz-extension://${uuid}/`;
    // As in Chromium: the welcome page opens first, and a test's page comes to the front.
    await settle(async () => (await browser.pages()).some((p) => p.url().endsWith('/welcome.html')), { fresh: true });
    const newPage = async () => {
      const page = await browser.newPage();
      await page.bringToFront();
      return wrapPuppeteerPage(page);
    };
    return {
      name: 'firefox',
      extDir,
      browser,
      addonId,
      extensionId: uuid,
      extensionBaseUrl,
      extensionUrl: (p) => new URL(p.replace(/^\//, ''), extensionBaseUrl).href,
      newPage,
      async openExtensionPage(path, opts) {
        const page = await newPage();
        await gotoExtensionPage(page.raw as PpPage, new URL(path.replace(/^\//, ''), extensionBaseUrl).href, opts?.timeout);
        return page;
      },
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}
