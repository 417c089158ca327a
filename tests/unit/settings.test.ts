import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ENTITY_TYPES } from '../../lib/model/types';
import { DEFAULT_SETTINGS, isActiveOn, toggleSite, withDefaults, type Settings } from '../../lib/settings';
import { settingsItem } from '../../lib/settings-item';
import { readSettings, watchSettings } from '../../lib/page/settings-live';

const on = (patch: Partial<Settings> = {}): Settings => ({ ...DEFAULT_SETTINGS, ...patch });

describe('isActiveOn', () => {
  it.each([
    ['on everywhere', on(), 'example.org', true],
    ['off everywhere', on({ enabled: false }), 'example.org', false],
    ['off on this site', on({ disabledSites: ['example.org'] }), 'example.org', false],
    ['off on another site', on({ disabledSites: ['other.org'] }), 'example.org', true],
    ['a subdomain is another site', on({ disabledSites: ['example.org'] }), 'news.example.org', true],
    ['off everywhere and on this site listed', on({ enabled: false, disabledSites: ['example.org'] }), 'example.org', false],
    ['an IP address host', on({ disabledSites: ['127.0.0.1'] }), '127.0.0.1', false],
  ])('%s', (_, settings, host, active) => {
    expect(isActiveOn(settings, host)).toBe(active);
  });
});

describe('toggleSite', () => {
  it('turns a site off, then on again, leaving the other settings and sites alone', () => {
    const start = on({ disabledSites: ['a.org'], types: ['person'], accessibleMode: true });
    const off = toggleSite(start, 'b.org');
    expect(off).toEqual({ ...start, disabledSites: ['a.org', 'b.org'] });
    expect(isActiveOn(off, 'b.org')).toBe(false);
    expect(isActiveOn(off, 'c.org')).toBe(true);
    const back = toggleSite(off, 'b.org');
    expect(back).toEqual(start);
    expect(isActiveOn(back, 'b.org')).toBe(true);
  });

  it('does not change its argument', () => {
    const start = on();
    const frozen = JSON.stringify(start);
    toggleSite(start, 'example.org');
    expect(JSON.stringify(start)).toBe(frozen);
    expect(DEFAULT_SETTINGS.disabledSites).toEqual([]);
  });

  it('toggling twice is the identity, for any site', () => {
    for (const host of ['a.org', 'b.org', 'localhost', '127.0.0.1']) {
      const s = on({ disabledSites: ['x.org', 'a.org'] });
      expect(toggleSite(toggleSite(s, host), host).disabledSites.sort()).toEqual(s.disabledSites.sort());
    }
  });
});

describe('settingsItem', () => {
  beforeEach(() => fakeBrowser.reset());

  it('defaults to everything on, every type, no accessible mode, every mention of the whole page, learning from pages never', async () => {
    expect(await settingsItem.getValue()).toEqual({
      enabled: true,
      disabledSites: [],
      types: [...ENTITY_TYPES],
      accessibleMode: false,
      firstMentionOnly: false,
      articleBodyOnly: false,
      learnMode: 'never',
      learnSites: [],
    });
  });

  it('settings stored by version 1 gain the density settings, and keep what the reader chose', async () => {
    await fakeBrowser.storage.local.set({ settings: { enabled: true, disabledSites: ['a.org'], types: ['person'], accessibleMode: true }, settings$: { v: 1 } });
    await settingsItem.migrate();
    expect(await settingsItem.getValue()).toEqual({ ...DEFAULT_SETTINGS, disabledSites: ['a.org'], types: ['person'], accessibleMode: true });
    expect(withDefaults({ types: ['country'] })).toEqual({ ...DEFAULT_SETTINGS, types: ['country'] });
    expect(withDefaults(null)).toEqual(DEFAULT_SETTINGS);
  });

  it('is stored in storage.local under "settings" (the key the browser tests write)', async () => {
    await settingsItem.setValue(on({ enabled: false }));
    const raw = await fakeBrowser.storage.local.get('settings');
    expect(raw.settings).toMatchObject({ enabled: false });
    await fakeBrowser.storage.local.set({ settings: on({ types: ['person'] }) });
    expect((await settingsItem.getValue()).types).toEqual(['person']);
  });

  it('notifies watchers', async () => {
    const seen: Settings[] = [];
    const unwatch = settingsItem.watch((s) => seen.push(s));
    await settingsItem.setValue(toggleSite(await settingsItem.getValue(), 'example.org'));
    await new Promise((r) => setTimeout(r, 10));
    unwatch();
    expect(seen.at(-1)?.disabledSites).toEqual(['example.org']);
  });
});

describe("the content script's settings (readSettings, watchSettings)", () => {
  beforeEach(() => fakeBrowser.reset());

  it('reads what the settings item wrote, and the defaults when nothing is stored', async () => {
    expect(await readSettings()).toEqual(DEFAULT_SETTINGS);
    await settingsItem.setValue(on({ disabledSites: ['a.org'], firstMentionOnly: true }));
    expect(await readSettings()).toEqual(on({ disabledSites: ['a.org'], firstMentionOnly: true }));
  });

  it('fills what settings stored by version 1 lack, without migrating them (the content script never writes)', async () => {
    await fakeBrowser.storage.local.set({ settings: { enabled: false, disabledSites: [], types: ['person'], accessibleMode: false }, settings$: { v: 1 } });
    expect(await readSettings()).toEqual(on({ enabled: false, types: ['person'] }));
    expect((await fakeBrowser.storage.local.get('settings$'))['settings$']).toEqual({ v: 1 });
  });

  it('follows each write of the settings, ignores other keys and areas, and stops when unsubscribed', async () => {
    const seen: Settings[] = [];
    const unwatch = watchSettings((s) => seen.push(s));
    await settingsItem.setValue(toggleSite(await settingsItem.getValue(), 'example.org'));
    await fakeBrowser.storage.local.set({ other: 1 });
    await fakeBrowser.storage.sync.set({ settings: on({ enabled: false }) });
    await new Promise((r) => setTimeout(r, 10));
    expect(seen.map((s) => s.disabledSites)).toEqual([['example.org']]);
    await fakeBrowser.storage.local.remove('settings');
    await new Promise((r) => setTimeout(r, 10));
    expect(seen.at(-1)).toEqual(DEFAULT_SETTINGS);
    unwatch();
    await settingsItem.setValue(on({ enabled: false }));
    await new Promise((r) => setTimeout(r, 10));
    expect(seen).toHaveLength(2);
  });
});
