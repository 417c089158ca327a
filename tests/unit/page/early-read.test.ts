// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ENTITY_TYPES } from '../../../lib/model/types';
import { CHANGES_DEBOUNCE_MS, PageController, PREVIEW_CHARS } from '../../../lib/page/controller';
import { startEarlyRead, type EarlyRead } from '../../../lib/page/early-read';
import { entityHighlights } from '../../../lib/page/feature-entities';
import type { PageContext } from '../../../lib/page/feature';
import { withDefaults, type Settings } from '../../../lib/settings';
import { installHighlightApi, uninstallHighlightApi } from '../fake-highlight-api';
import { testMatcher } from './test-matcher';

// speed (issue 13): the session reads the page while the settings are on their way; the first
// controller follows that read (same text, same first-screen preview, no page change missed in
// between), or it is cancelled when the settings ask for another read or none.

const aborts: AbortController[] = [];
const reads: EarlyRead[] = [];
afterEach(() => {
  for (const a of aborts.splice(0)) a.abort();
  for (const r of reads.splice(0)) r.cancel();
  uninstallHighlightApi();
  document.body.innerHTML = '';
});

const N = 800; // ~32,000 characters: a read of several slices, past the preview's mark
const PAGE = Array.from({ length: N }, (_, i) => `<p data-i="${i}">Paragraph ${i}: the CSTO met in Moscow.</p>`).join('');
const paragraphOf = (r: AbstractRange) => Number((r.startContainer.parentElement?.closest('p') as HTMLElement).dataset.i ?? -1);
/** A follower that only wants the text. */
const quiet = { onAdded: () => {}, onRemoved: () => {}, signal: new AbortController().signal };
const macrotask = () => new Promise((r) => setTimeout(r, 0));

function begin(lengthChars?: number) {
  const read = startEarlyRead(document.body, { prefixChars: PREVIEW_CHARS, lengthChars, debounceMs: CHANGES_DEBOUNCE_MS });
  reads.push(read);
  return read;
}

function controllerFollowing(read: EarlyRead | undefined) {
  const abort = new AbortController();
  aborts.push(abort);
  const sent: string[] = [];
  const match = async (t: string) => (sent.push(t), testMatcher.match(t));
  const c = new PageController(
    { match, report: () => {} },
    { document, signal: abort.signal, mode: 'highlight-api', types: new Set(ENTITY_TYPES), viewport: (r) => (paragraphOf(r) < 4 ? 0 : 1), ...(read ? { early: read } : {}) },
  );
  return { c, sent, abort };
}

describe('startEarlyRead: the page read before the settings are known', () => {
  it('a controller following it finds what one reading the page itself finds, and previews the first screen from it', async () => {
    installHighlightApi();
    document.body.innerHTML = PAGE;
    const own = controllerFollowing(undefined);
    await own.c.start();
    const alone = own.c.mentions();
    own.abort.abort();

    const read = begin();
    await macrotask(); // the walk is under way (past its first slice) when the settings arrive
    const { c, sent } = controllerFollowing(read);
    await c.start();
    expect(c.mentions()).toEqual(alone);
    expect(c.state(true).mentions).toBe(N * 2);
    // The first chunk was matched once: the preview's reply was reused by the full pass.
    expect(sent.filter((t) => t.startsWith('Paragraph 0:'))).toHaveLength(1);
    const p = c.state(true).timing.phases!;
    expect(p.firstScreen).toBeDefined();
    expect(p.prefix).toBeDefined();
  });

  it('a paragraph the page adds before the controller follows is highlighted too (the observer ran since the read began)', async () => {
    installHighlightApi();
    document.body.innerHTML = PAGE;
    const read = begin();
    await macrotask();
    const added = document.createElement('p');
    added.textContent = 'Added early: the Collective Security Treaty Organization.';
    document.body.prepend(added); // before what the walk has read: only the observer sees it
    await new Promise((r) => setTimeout(r, CHANGES_DEBOUNCE_MS + 50)); // its batch is delivered before anyone follows
    const { c } = controllerFollowing(read);
    await c.start();
    await vi.waitFor(() => expect(c.state(true).mentions).toBe(N * 2 + 1));
    expect(c.mentions().some((m) => m.entityId === 'org:csto' && m.text === 'Collective Security Treaty Organization')).toBe(true);
  });

  it('tells a follower that comes late the marks it passed already, once each', async () => {
    document.body.innerHTML = PAGE;
    const read = begin(20_000);
    let text = '';
    const whole = read.follow({ ...quiet }).index;
    text = (await whole).text; // a follower that wants no marks
    expect(text.length).toBeGreaterThan(20_000);

    const again = begin(20_000);
    await (async () => {
      for (let i = 0; i < 50; i++) await macrotask(); // the whole read is done
    })();
    const prefixes: number[] = [];
    const lengths: number[] = [];
    const { index } = again.follow({
      onPrefix: { chars: PREVIEW_CHARS, callback: (p) => void prefixes.push(p.text.length) },
      onLength: { chars: 20_000, callback: () => void lengths.push(1) },
      ...quiet,
    });
    expect((await index).text).toBe(text);
    expect(prefixes).toHaveLength(1);
    expect(prefixes[0]).toBeGreaterThanOrEqual(PREVIEW_CHARS);
    expect(text.startsWith(text.slice(0, prefixes[0]))).toBe(true);
    expect(lengths).toEqual([1]);
  });

  it('pauses at the prefix until followed (the settings come sooner to an idle thread), then reads on', async () => {
    document.body.innerHTML = PAGE;
    const read = begin(20_000);
    await new Promise((r) => setTimeout(r, 300)); // long enough to read the whole page, were it not paused
    const prefixes: number[] = [];
    const lengths: number[] = [];
    const { index } = read.follow({
      onPrefix: { chars: PREVIEW_CHARS, callback: (p) => void prefixes.push(p.text.length) },
      onLength: { chars: 20_000, callback: () => void lengths.push(1) },
      ...quiet,
    });
    expect(prefixes).toHaveLength(1); // read before the follower came: handed over at once
    expect(lengths).toEqual([]); // the walk stopped soon after the prefix, short of 20,000 characters
    expect((await index).text.length).toBeGreaterThan(30_000);
    expect(lengths).toEqual([1]);
  });

  it('refuses a follower with other marks, a second follower, and any after it was cancelled', () => {
    document.body.innerHTML = PAGE;
    const follower = { ...quiet };
    const read = begin();
    expect(() => read.follow({ ...follower, onPrefix: { chars: 100, callback: () => {} } })).toThrow('prefix at');
    read.follow(follower);
    expect(() => read.follow(follower)).toThrow('followed already');
    const other = begin();
    other.cancel();
    expect(() => other.follow(follower)).toThrow('cancelled');
  });

  it('a cancelled read stops observing the page', async () => {
    document.body.innerHTML = PAGE;
    const read = begin();
    read.cancel();
    document.body.append(document.createElement('p'));
    await new Promise((r) => setTimeout(r, CHANGES_DEBOUNCE_MS + 50));
    expect(() => read.follow({ ...quiet })).toThrow('cancelled');
  });
});

describe('entityHighlights: the first controller follows the early read only if it reads the whole page', () => {
  function page(settings: Settings): PageContext {
    return {
      document,
      settings: () => settings,
      onSettings: () => {},
      onNavigation: () => {},
      modeFor: () => 'highlight-api',
      grouping: undefined,
      startedAt: performance.now(),
      editorUrl: '',
      controller: null,
      layer: null,
      ui: null,
    };
  }
  const spyRead = (): EarlyRead & { follow: ReturnType<typeof vi.fn>; cancel: ReturnType<typeof vi.fn> } => {
    const real = begin();
    return { ...real, root: real.root, follow: vi.fn((f) => real.follow(f)), cancel: vi.fn(() => real.cancel()) };
  };
  const match = async (t: string) => testMatcher.match(t);

  it('followed under the default settings', async () => {
    installHighlightApi();
    document.body.innerHTML = PAGE;
    const read = spyRead();
    const abort = new AbortController();
    aborts.push(abort);
    const ctx = page(withDefaults(undefined));
    await entityHighlights(match, undefined, read).init(ctx, abort.signal);
    expect(read.follow).toHaveBeenCalledTimes(1);
    expect(read.cancel).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(ctx.controller?.state(true).mentions).toBe(N * 2));
  });

  it('cancelled under "article body only" (that read leaves the chrome out) and where highlighting is off', async () => {
    installHighlightApi();
    document.body.innerHTML = PAGE;
    for (const settings of [withDefaults({ articleBodyOnly: true }), withDefaults({ enabled: false })]) {
      const read = spyRead();
      const abort = new AbortController();
      aborts.push(abort);
      await entityHighlights(match, undefined, read).init(page(settings), abort.signal);
      expect(read.cancel).toHaveBeenCalledTimes(1);
      expect(read.follow).not.toHaveBeenCalled();
      abort.abort(); // its message handlers go with it
    }
  });
});
