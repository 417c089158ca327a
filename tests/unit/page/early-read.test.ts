// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ENTITY_TYPES } from '../../../lib/model/types';
import { CHANGES_DEBOUNCE_MS, PageController } from '../../../lib/page/controller';
import { PREVIEW_CHARS } from '../../../lib/page/chunks';
import { startEarlyRead, type EarlyRead } from '../../../lib/page/early-read';
import { entityHighlights } from '../../../lib/page/feature-entities';
import type { PageContext } from '../../../lib/page/feature';
import { withDefaults, type Settings } from '../../../lib/settings';
import { installHighlightApi, uninstallHighlightApi } from '../fake-highlight-api';
import { testMatcher } from './test-matcher';

// speed (issue 13): the session reads the page while the settings are on their way; the first
// controller follows that read (same text, same first-screen preview) if the page has not changed
// since it began, else reads the page itself; or the read is cancelled when the settings ask for
// another read or none. (Tests that wait for the walk to pause at its prefix give it PAUSED ms, a
// wide margin: it gets there in about 30 ms here.)

const aborts: AbortController[] = [];
const reads: EarlyRead[] = [];
afterEach(() => {
  for (const a of aborts.splice(0)) a.abort();
  for (const r of reads.splice(0)) r.cancel();
  uninstallHighlightApi();
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

const N = 800; // ~32,000 characters: a read of several slices, past the preview's mark
const paragraphs = (n: number) => Array.from({ length: n }, (_, i) => `<p data-i="${i}">Paragraph ${i}: the CSTO met in Moscow.</p>`).join('');
const PAGE = paragraphs(N);
const paragraphOf = (r: AbstractRange) => Number((r.startContainer.parentElement?.closest('p') as HTMLElement | null)?.dataset.i ?? -1);
const signal = () => {
  const a = new AbortController();
  aborts.push(a);
  return a.signal;
};
/** A follower that only wants the text (its own signal, aborted after the test). */
const quiet = () => ({ onAdded: () => {}, onRemoved: () => {}, signal: signal() });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Long enough to read the whole page, were the walk not paused at the prefix. */
const PAUSED = 300;

function begin(lengthChars?: number, prefixChars = PREVIEW_CHARS, ask?: (text: string, total: number) => Promise<ReturnType<typeof testMatcher.match>>) {
  const read = startEarlyRead(document.body, { prefixChars, lengthChars, debounceMs: CHANGES_DEBOUNCE_MS, ...(ask ? { ask } : {}) });
  reads.push(read);
  return read;
}

function controllerFollowing(read: EarlyRead | undefined, extra: { mode?: 'wrap' | 'highlight-api'; firstMentionOnly?: boolean } = {}) {
  const abort = new AbortController();
  aborts.push(abort);
  const sent: string[] = [];
  const match = async (t: string) => (sent.push(t), testMatcher.match(t));
  const c = new PageController(
    { match, report: () => {} },
    {
      document,
      signal: abort.signal,
      mode: extra.mode ?? 'highlight-api',
      types: new Set(ENTITY_TYPES),
      viewport: (r) => (paragraphOf(r) < 4 ? 0 : 1),
      ...(extra.firstMentionOnly ? { firstMentionOnly: true } : {}),
      ...(read ? { early: read } : {}),
    },
  );
  return { c, sent, abort };
}

/** What a controller reading the page itself finds. */
async function alone(extra: Parameters<typeof controllerFollowing>[1] = {}) {
  const own = controllerFollowing(undefined, extra);
  await own.c.start();
  const found = own.c.mentions();
  own.abort.abort();
  if (extra.mode === 'wrap') document.body.innerHTML = PAGE; // its marks go, and the page is as it was
  return found;
}

describe('startEarlyRead: the page read before the settings are known', () => {
  it('a controller following at once finds what one reading the page itself finds, and previews the first screen from it', async () => {
    installHighlightApi();
    document.body.innerHTML = PAGE;
    const expected = await alone();
    const read = begin();
    const { c, sent } = controllerFollowing(read);
    await c.start();
    expect(c.state(true).timing.phases!.early).toBe('followed'); // not read again
    expect(c.mentions()).toEqual(expected);
    expect(c.state(true).mentions).toBe(N * 2);
    // The first chunk was matched once: the preview's reply was reused by the full pass.
    expect(sent.filter((t) => t.startsWith('Paragraph 0:'))).toHaveLength(1);
    const p = c.state(true).timing.phases!;
    expect(p.firstScreen).toBeDefined();
    expect(p.prefix).toBeDefined();
  });

  it('a controller following a read paused at its prefix gets that prefix at once, and finds the same', async () => {
    installHighlightApi();
    document.body.innerHTML = PAGE;
    const expected = await alone();
    const read = begin();
    await sleep(PAUSED);
    const { c, sent } = controllerFollowing(read);
    await c.start();
    expect(c.state(true).timing.phases!.early).toBe('followed');
    expect(c.mentions()).toEqual(expected);
    expect(sent.filter((t) => t.startsWith('Paragraph 0:'))).toHaveLength(1);
    expect(c.state(true).timing.phases!.firstScreen).toBeDefined();
  });

  it('a page that changed before the follow is read again by the controller: an added paragraph is counted once', async () => {
    installHighlightApi();
    document.body.innerHTML = PAGE;
    const read = begin();
    await sleep(PAUSED);
    const added = document.createElement('p');
    added.textContent = 'Added early: the Collective Security Treaty Organization.';
    document.body.append(added); // past the paused walk: it would read it, and the observer's batch too
    expect(read.follow(quiet())).toBeNull(); // refused: the page changed
    const again = begin();
    await sleep(PAUSED);
    document.body.append(added); // moved: a change after the read began
    const { c } = controllerFollowing(again);
    await c.start();
    expect(c.state(true).timing.phases!.early).toBe('refused'); // read again by the controller
    expect(c.state(true).mentions).toBe(N * 2 + 1);
    expect(c.mentions().filter((m) => m.entityId === 'org:csto' && m.text === 'Collective Security Treaty Organization')).toHaveLength(1);
  });

  it('a paragraph removed under the paused walk: the controller reads the page itself, and the rest of it is highlighted', async () => {
    installHighlightApi();
    document.body.innerHTML = PAGE;
    const read = begin();
    await sleep(PAUSED);
    // Paragraphs from before the prefix's end (~220) to well past it: the walk paused among them.
    for (const p of [...document.querySelectorAll('p')].slice(200, 600)) p.remove();
    const { c } = controllerFollowing(read);
    await c.start();
    expect(c.state(true).timing.phases!.early).toBe('refused');
    expect(c.state(true).mentions).toBe((N - 400) * 2);
    // Without the page read again, the walk ended where it paused: about 500 mentions, not 800.
  });

  it('asks for the first screen\'s chunk at the prefix when nobody follows yet; the follower\'s preview takes that reply', async () => {
    installHighlightApi();
    document.body.innerHTML = PAGE;
    const expected = await alone();
    const asked: string[] = [];
    const read = begin(undefined, PREVIEW_CHARS, async (t) => (asked.push(t), testMatcher.match(t)));
    await sleep(PAUSED);
    expect(asked).toHaveLength(1); // before any follower: the settings are still on their way
    expect(asked[0]!.startsWith('Paragraph 0:')).toBe(true);
    const followedAt = performance.now();
    const { c, sent } = controllerFollowing(read);
    await c.start();
    expect(sent.filter((t) => t.startsWith('Paragraph 0:'))).toEqual([]); // not asked again
    expect(c.state(true).timing.phases!.prefix).toBeLessThan(followedAt); // timed from when it was asked
    expect(asked).toHaveLength(1);
    expect(c.mentions()).toEqual(expected);
    expect(c.state(true).timing.phases!.firstScreen).toBeDefined();
  });

  it('asks nothing when followed before the prefix (the follower asks); a page changed meanwhile is read again, and the reply taken only for the same first chunk', async () => {
    installHighlightApi();
    document.body.innerHTML = PAGE;
    const asked: string[] = [];
    const ask = async (t: string) => (asked.push(t), testMatcher.match(t));
    const read = begin(undefined, PREVIEW_CHARS, ask);
    const first = controllerFollowing(read);
    await first.c.start();
    expect(asked).toEqual([]);
    expect(first.sent.filter((t) => t.startsWith('Paragraph 0:'))).toHaveLength(1);
    first.abort.abort();

    // Asked, then the page changed at its end: read again, to the same first chunk, whose reply is taken.
    const appended = begin(undefined, PREVIEW_CHARS, ask);
    await sleep(PAUSED);
    document.body.append(document.createElement('p'));
    const same = controllerFollowing(appended);
    await same.c.start();
    expect(same.c.state(true).timing.phases!.early).toBe('refused');
    expect(asked).toHaveLength(1);
    expect(same.sent.filter((t) => t.startsWith('Paragraph 0:'))).toEqual([]);
    expect(same.c.state(true).mentions).toBe(N * 2);
    same.abort.abort();

    // Asked, then the page changed at its top: another first chunk, asked for by the controller.
    const prepended = begin(undefined, PREVIEW_CHARS, ask);
    await sleep(PAUSED);
    const top = document.createElement('p');
    top.textContent = 'Top story: the CSTO met in Moscow.';
    document.body.prepend(top);
    const other = controllerFollowing(prepended);
    await other.c.start();
    expect(asked).toHaveLength(2);
    expect(other.sent.filter((t) => t.startsWith('Top story:'))).toHaveLength(1);
    expect(other.c.state(true).mentions).toBe(N * 2 + 2);
  });

  it('a cancelled read\'s reply is nobody\'s: a controller handed it reads and asks for itself', async () => {
    installHighlightApi();
    document.body.innerHTML = PAGE;
    const asked: string[] = [];
    const read = begin(undefined, PREVIEW_CHARS, async (t) => (asked.push(t), testMatcher.match(t)));
    await sleep(PAUSED);
    expect(asked).toHaveLength(1);
    read.cancel();
    const { c, sent } = controllerFollowing(read);
    await c.start();
    expect(sent.filter((t) => t.startsWith('Paragraph 0:'))).toHaveLength(1);
    expect(c.state(true).mentions).toBe(N * 2);
  });

  it('tells a follower that comes late the marks it passed already, once each', async () => {
    document.body.innerHTML = PAGE;
    const read = begin(20_000);
    const whole = read.follow(quiet())!.index; // a follower that wants no marks
    const text = (await whole).text;
    expect(text.length).toBeGreaterThan(20_000);

    const again = begin(20_000);
    await sleep(PAUSED);
    const prefixes: string[] = [];
    const lengths: number[] = [];
    const { index } = again.follow({
      onPrefix: { chars: PREVIEW_CHARS, callback: (p) => void prefixes.push(p.text) },
      onLength: { chars: 20_000, callback: () => void lengths.push(1) },
      ...quiet(),
    })!;
    expect(prefixes).toHaveLength(1); // read before the follower came: handed over at once
    expect((await index).text).toBe(text);
    expect(prefixes).toHaveLength(1);
    expect(prefixes[0]!.length).toBeGreaterThanOrEqual(PREVIEW_CHARS);
    expect(text.startsWith(prefixes[0]!)).toBe(true);
    expect(lengths).toEqual([1]);
  });

  it('a length mark short of the prefix, passed before the follow, is told at the follow, once', async () => {
    document.body.innerHTML = PAGE;
    const read = begin(1_000);
    await sleep(PAUSED); // paused at the prefix: past 1,000 characters
    const lengths: number[] = [];
    const { index } = read.follow({ onLength: { chars: 1_000, callback: () => void lengths.push(1) }, ...quiet() })!;
    expect(lengths).toEqual([1]);
    await index;
    expect(lengths).toEqual([1]);
  });

  it('pauses at the prefix until followed, then reads on', async () => {
    document.body.innerHTML = PAGE;
    const read = begin(20_000);
    await sleep(PAUSED);
    const lengths: number[] = [];
    const { index } = read.follow({
      onPrefix: { chars: PREVIEW_CHARS, callback: () => {} },
      onLength: { chars: 20_000, callback: () => void lengths.push(1) },
      ...quiet(),
    })!;
    expect(lengths).toEqual([]); // the walk stopped soon after the prefix, short of 20,000 characters
    expect((await index).text.length).toBeGreaterThan(30_000);
    expect(lengths).toEqual([1]);
  });

  it('refuses a follower with other marks (and is cancelled), a second follower, and any after it was cancelled', async () => {
    document.body.innerHTML = PAGE;
    const read = begin();
    const disconnect = vi.spyOn(MutationObserver.prototype, 'disconnect');
    expect(read.follow({ ...quiet(), onPrefix: { chars: 100, callback: () => {} } })).toBeNull();
    expect(disconnect).toHaveBeenCalled(); // cancelled, its observer with it
    expect(read.follow(quiet())).toBeNull();

    const other = begin();
    expect(other.follow(quiet())).not.toBeNull();
    expect(other.follow(quiet())).toBeNull();
    const cancelled = begin();
    cancelled.cancel();
    expect(cancelled.follow(quiet())).toBeNull();
  });

  it('a cancelled read stops observing the page; cancelling a followed read does nothing', async () => {
    document.body.innerHTML = PAGE;
    const disconnect = vi.spyOn(MutationObserver.prototype, 'disconnect');
    const read = begin();
    read.cancel();
    expect(disconnect).toHaveBeenCalledTimes(1);

    const followed = begin();
    const { index } = followed.follow(quiet())!;
    followed.cancel();
    expect(disconnect).toHaveBeenCalledTimes(1);
    expect((await index).text.length).toBeGreaterThan(30_000); // read to the end
  });
});

describe('PageController with a read begun before it', () => {
  it('reads the page itself when the read it is handed cannot be followed (cancelled, other marks)', async () => {
    installHighlightApi();
    document.body.innerHTML = PAGE;
    const cancelled = begin();
    cancelled.cancel();
    const other = begin(undefined, 100);
    for (const read of [cancelled, other]) {
      const { c } = controllerFollowing(read);
      await c.start();
      expect(c.state(true).timing.phases!.early).toBe('refused');
      expect(c.state(true).mentions).toBe(N * 2);
    }
  });

  it('reads the new body when the page swapped its body before the follow (the read of the old one is cancelled)', async () => {
    installHighlightApi();
    document.body.innerHTML = PAGE;
    const read = begin();
    const cancel = vi.spyOn(read, 'cancel');
    const body = document.createElement('body');
    body.innerHTML = paragraphs(10);
    document.documentElement.replaceChild(body, document.body);
    const { c } = controllerFollowing(read);
    await c.start();
    expect(cancel).toHaveBeenCalled();
    expect(c.state(true).mentions).toBe(20);
  });

  it('follows in wrap mode and with "first mention only" (no preview mark): the same as reading alone', async () => {
    for (const extra of [{ mode: 'wrap' as const }, { firstMentionOnly: true }]) {
      if (!extra.mode) installHighlightApi();
      document.body.innerHTML = PAGE;
      const expected = await alone(extra);
      const read = begin();
      await sleep(PAUSED);
      const follow = vi.spyOn(read, 'follow');
      const { c, abort } = controllerFollowing(read, extra);
      await c.start();
      expect(follow.mock.results[0]!.value).not.toBeNull();
      expect(c.mentions()).toEqual(expected);
      expect(c.state(true).mentions).toBe(extra.mode ? N * 2 : expected.length);
      abort.abort();
    }
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
    expect(read.follow.mock.results[0]!.value).not.toBeNull(); // followed, not refused
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
