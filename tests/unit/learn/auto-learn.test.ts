import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { AutoLearner, autoLearnSkip } from '../../../lib/learn/auto-learn';
import { LensDb } from '../../../lib/db/database';
import { KnowledgeService } from '../../../lib/kb/service';
import { LearnService } from '../../../lib/kb/learn-service';
import { DEFAULT_SETTINGS, isLearnSite, toggleLearnSite, type Settings } from '../../../lib/settings';
import { settingsItem } from '../../../lib/settings-item';
import type { ArticleRead } from '../../../lib/model/types';
import { diskSources } from '../../../scripts/lib/sources';

// Learning without asking (issue 17.4): which reported pages are learned, and the path under WXT's
// fake browser (settings in its storage) with the real learning service over fake-indexeddb.

const EXT = 'chrome-extension://abc/';
const s = (patch: Partial<Settings>): Settings => ({ ...DEFAULT_SETTINGS, ...patch });

describe('autoLearnSkip', () => {
  it.each([
    ['the default (never)', DEFAULT_SETTINGS, 'https://tass.com/a', 3, /off/],
    ['settings stored before the option existed', { ...DEFAULT_SETTINGS, learnMode: undefined }, 'https://tass.com/a', 3, /off/],
    ['every page, entities found', s({ learnMode: 'entities' }), 'https://tass.com/a', 3, null],
    ['every page, no entities', s({ learnMode: 'entities' }), 'https://tass.com/a', 0, /no CSTO/],
    ['an extension page', s({ learnMode: 'entities' }), `${EXT}viewer.html?doc=x`, 3, /extension/],
    ['not http(s)', s({ learnMode: 'entities' }), 'file:///home/me/a.html', 3, /web page/],
    ['no address', s({ learnMode: 'entities' }), undefined, 3, /extension/],
    ['highlighting off on the site', s({ learnMode: 'entities', disabledSites: ['tass.com'] }), 'https://tass.com/a', 3, /highlighting is off/],
    ['highlighting off everywhere', s({ learnMode: 'entities', enabled: false }), 'https://tass.com/a', 3, /highlighting is off/],
    ['sites: a listed site', s({ learnMode: 'sites', learnSites: ['tass.com'] }), 'https://tass.com/a', 3, null],
    ['sites: its subdomain', s({ learnMode: 'sites', learnSites: ['tass.com'] }), 'https://www.tass.com/a', 3, null],
    ['sites: another site', s({ learnMode: 'sites', learnSites: ['tass.com'] }), 'https://nottass.com/a', 3, /not one of the sites/],
    ['sites: none listed', s({ learnMode: 'sites' }), 'https://tass.com/a', 3, /not one of the sites/],
  ])('%s', (_, settings, url, mentions, want) => {
    const why = autoLearnSkip(settings, url, mentions, EXT);
    if (want === null) expect(why).toBeNull();
    else expect(why).toMatch(want);
  });

  it('the popup adds the current site without "www." and takes it off again', () => {
    const on = toggleLearnSite(s({ learnMode: 'sites' }), 'www.TASS.com');
    expect(on.learnSites).toEqual(['tass.com']);
    expect(isLearnSite(on, 'tass.com')).toBe(true);
    expect(toggleLearnSite(on, 'tass.com').learnSites).toEqual([]);
  });
});

const TEXT = [
  'CSTO foreign ministers meet in Astana',
  'ASTANA, June 3 — Russian Foreign Minister Sergey Lavrov said on Tuesday that the Collective Security Treaty Organization would hold joint exercises in Kazakhstan this year.',
  '"We agreed to step up the work of the Collective Rapid Reaction Forces," Lavrov told reporters after the meeting.',
  'The ministers also discussed the situation on the Tajik-Afghan border and the CSTO peacekeeping forces.',
].join('\n');
const page = (url: string): ArticleRead => ({ location: url, canonical: null, title: 'CSTO foreign ministers meet in Astana', outlet: 'Example Wire', published: '2025-06-03', lang: 'en', text: TEXT });

describe('AutoLearner under the fake browser', () => {
  let db: LensDb;
  beforeEach(() => {
    fakeBrowser.reset();
    db = new LensDb(`auto-learn-${process.pid}-${Math.random()}`);
  });
  afterEach(async () => {
    db.close();
    await Dexie.delete(db.name);
  });

  it('learns a reported page in "every page" mode once, skips it in "never" mode, and reads an unchanged article again without learning it', async () => {
    const kb = new KnowledgeService(db, () => diskSources());
    const learning = new LearnService(db, kb);
    const read = vi.fn(async (_tab: number) => ({ ok: true as const, read: page('https://example-wire.com/astana') }));
    const learn = vi.spyOn(learning, 'learn');
    const auto = new AutoLearner({ settings: () => settingsItem.getValue(), read, learn: (r) => learning.learn(r), extensionBase: EXT });

    expect(await auto.onReport(1, 'https://example-wire.com/astana', 4)).toBeNull(); // never (the default)
    expect(read).not.toHaveBeenCalled();

    await settingsItem.setValue({ ...(await settingsItem.getValue()), learnMode: 'entities' });
    const first = await auto.onReport(1, 'https://example-wire.com/astana', 4);
    expect(first).toMatchObject({ ok: true, created: true });
    expect(await db.learned.count()).toBe(1);
    expect((await learning.list())[0]).toMatchObject({ outlet: 'Example Wire', url: 'https://example-wire.com/astana' });
    // The same page reporting again in the same tab (more text, mutations) is not read again.
    expect(await auto.onReport(1, 'https://example-wire.com/astana', 5)).toBeNull();
    expect(read).toHaveBeenCalledTimes(1);
    // Another visit (a new tab): read, found unchanged by its hash, nothing learned again.
    const again = await auto.onReport(2, 'https://example-wire.com/astana', 4);
    expect(again).toMatchObject({ ok: true, created: false, unchanged: true });
    expect(learn).toHaveBeenCalledTimes(2);
    expect(await db.learned.count()).toBe(1);
  }, 120_000);

  it('gives the same refusals as the popup (too little text) and never learns a page that moved on while read', async () => {
    const kb = new KnowledgeService(db, () => diskSources());
    const learning = new LearnService(db, kb);
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, learnMode: 'sites', learnSites: ['example-wire.com'] });
    const short = new AutoLearner({
      settings: () => settingsItem.getValue(),
      read: async () => ({ ok: true as const, read: { ...page('https://example-wire.com/front'), text: 'Subscribe to read.' } }),
      learn: (r) => learning.learn(r),
      extensionBase: EXT,
    });
    expect(await short.onReport(1, 'https://example-wire.com/front', 2)).toMatchObject({ ok: false, error: expect.stringMatching(/no article text/) });
    const moved = new AutoLearner({
      settings: () => settingsItem.getValue(),
      read: async () => ({ ok: true as const, read: page('https://example-wire.com/other') }),
      learn: (r) => learning.learn(r),
      extensionBase: EXT,
    });
    expect(await moved.onReport(1, 'https://example-wire.com/astana', 2)).toMatchObject({ ok: false });
    expect(await moved.onReport(3, 'https://elsewhere.org/astana', 2)).toBeNull();
    expect(await db.learned.count()).toBe(0);
  }, 60_000);
});
