import { Dexie } from 'dexie';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../../entrypoints/background';
import * as kbBuild from '../../../lib/kb/build';
import { DB_NAME, LensDb } from '../../../lib/db/database';
import { storedBuildKey } from '../../../lib/kb/store';
import { messaging } from '../../../lib/protocol/to-background';
import { syncMessaging } from '../../../lib/sync/messages';
import { DEFAULT_SETTINGS } from '../../../lib/settings';
import { settingsItem } from '../../../lib/settings-item';

// The background worker's wiring, under WXT's fake browser and fake-indexeddb.

// kb-speed: count the builds (the real build runs) to check the start path skips it.
vi.mock('../../../lib/kb/build', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../lib/kb/build')>();
  return { ...real, buildKnowledgeBase: vi.fn(real.buildKnowledgeBase) };
});
async function waitFor<T>(probe: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

let onCommand: ((command: string) => Promise<void>) | undefined;

beforeEach(async () => {
  fakeBrowser.reset();
  messaging.removeAllListeners();
  syncMessaging.removeAllListeners();
  await Dexie.delete(DB_NAME);
  // WXT's fake browser has no in-memory commands API: capture the listener instead.
  vi.spyOn(fakeBrowser.commands.onCommand, 'addListener').mockImplementation((cb) => {
    onCommand = cb as (command: string) => Promise<void>;
  });
  background.main();
});

describe('background install handler', () => {
  it('builds the knowledge base on install, and an update with the same sources changes nothing', async () => {
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
    const db = new LensDb();
    const key = await waitFor(async () => ((await db.entities.count()) > 0 ? storedBuildKey(db) : undefined));
    const builtAt = (await db.meta.get('kbBuiltAt'))?.value;
    const counts = await Promise.all([db.entities.count(), db.statements.count(), db.documents.count()]);
    expect(counts[2]).toBe(5);
    expect(counts[1]).toBeGreaterThan(0);

    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.0.1', temporary: false });
    await new Promise((r) => setTimeout(r, 300));
    expect(await storedBuildKey(db)).toBe(key);
    expect((await db.meta.get('kbBuiltAt'))?.value).toBe(builtAt);
    expect(await Promise.all([db.entities.count(), db.statements.count(), db.documents.count()])).toEqual(counts);
    db.close();
  });
});

describe('background first run', () => {
  it('opens the welcome page on install, and not on an update or a browser update', async () => {
    const welcome = async () => (await fakeBrowser.tabs.query({})).filter((t) => t.url?.endsWith('/welcome.html')).length;
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.0.1', temporary: false });
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'browser_update', temporary: false });
    expect(await welcome()).toBe(0);
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
    expect(await waitFor(async () => ((await welcome()) > 0 ? welcome() : undefined))).toBe(1);
  });
});

describe('background keyboard command', () => {
  it("toggles highlighting on the active tab's site, and back", async () => {
    // The fake browser does not track the active tab: answer the query the handler makes.
    const tab = await fakeBrowser.tabs.create({ url: 'https://news.example.com/a' });
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ ...tab, active: true }]);
    expect(await settingsItem.getValue()).toEqual(DEFAULT_SETTINGS);
    await onCommand!('toggle-highlights');
    expect((await settingsItem.getValue()).disabledSites).toEqual(['news.example.com']);
    await onCommand!('some-other-command');
    expect((await settingsItem.getValue()).disabledSites).toEqual(['news.example.com']);
    await onCommand!('toggle-highlights');
    expect((await settingsItem.getValue()).disabledSites).toEqual([]);
  });
});


// kb-speed: a browser start with the knowledge base unchanged does not build it again.
describe('background browser start', () => {
  it('compares the build key on startup and does not build when nothing changed', async () => {
    const builds = vi.mocked(kbBuild.buildKnowledgeBase);
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
    const db = new LensDb();
    await waitFor(async () => ((await db.entities.count()) > 0 ? true : undefined));
    const afterInstall = builds.mock.calls.length;
    expect(afterInstall).toBeGreaterThan(0);
    const builtAt = (await db.meta.get('kbBuiltAt'))?.value;

    // A new worker in a restarted browser: its start path, then onStartup.
    messaging.removeAllListeners();
    syncMessaging.removeAllListeners();
    background.main();
    await fakeBrowser.runtime.onStartup.trigger();
    // the matcher answers from the stored build (and its snapshot) without a build
    await waitFor(async () => ((await db.matcherSnapshots.count()) > 0 ? true : undefined));
    await new Promise((r) => setTimeout(r, 300));
    expect(builds.mock.calls.length).toBe(afterInstall);
    expect((await db.meta.get('kbBuiltAt'))?.value).toBe(builtAt);
    db.close();
  });
});
