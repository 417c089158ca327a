// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MARK_TAG } from '../../../lib/dom/highlighter';
import { ENTITY_TYPES, type EntityType } from '../../../lib/model/types';
import { PageController, type PageOptions } from '../../../lib/page/controller';
import type { PageReport } from '../../../lib/model/page';
import { installHighlightApi, uninstallHighlightApi, type FakeRegistry } from '../fake-highlight-api';
import { testMatcher } from './test-matcher';

type Mode = PageOptions['mode'];
let registry: FakeRegistry | null = null;
const aborts: AbortController[] = [];

function setup(mode: Mode, html: string, opts: Partial<Omit<PageOptions, 'document' | 'signal' | 'mode'>> = {}) {
  if (mode === 'highlight-api') registry = installHighlightApi();
  document.body.innerHTML = html;
  const abort = new AbortController();
  aborts.push(abort);
  const reports: PageReport[] = [];
  const chunks: string[] = [];
  const controller = new PageController(
    {
      match: async (text) => {
        chunks.push(text);
        return testMatcher.match(text);
      },
      report: (r) => reports.push(r),
    },
    { document, signal: abort.signal, mode, types: new Set(ENTITY_TYPES), ...opts },
  );
  return { controller, abort, reports, chunks, last: () => reports[reports.length - 1] };
}

/** What is drawn, in document order: [text, style]. */
function drawn(mode: Mode): [string, string][] {
  if (mode === 'wrap') {
    // Outermost marks only (a mark nested in another belongs to a second, overlapping item).
    return [...document.querySelectorAll(MARK_TAG)].map((m) => [m.textContent ?? '', m.getAttribute('data-type') ?? '']);
  }
  const out: { text: string; style: string; range: AbstractRange }[] = [];
  for (const [name, hl] of registry ?? []) {
    if (!name.startsWith('csto-lens-') || name === 'csto-lens-flash') continue;
    for (const r of hl) out.push({ text: (r as Range).toString(), style: name.slice('csto-lens-'.length), range: r });
  }
  out.sort((a, b) => (a.range as Range).compareBoundaryPoints(Range.START_TO_START, b.range as Range));
  return out.map((h) => [h.text, h.style]);
}

/** Wrap mode: a name split over elements is drawn as one mark per piece; join them per entity id to compare. */
function drawnTexts(mode: Mode, c: PageController): string[] {
  return mode === 'wrap' ? c.mentions().map((m) => m.text) : drawn(mode).map(([t]) => t);
}

const settle = () => new Promise((r) => setTimeout(r, 0));
/** Past the observer's 150 ms debounce, until the check passes. */
const eventually = (check: () => void) => vi.waitFor(check, { timeout: 3000, interval: 40 });

beforeEach(() => {
  // jsdom does not implement scrolling.
  Element.prototype.scrollIntoView = vi.fn();
});

afterEach(() => {
  for (const a of aborts.splice(0)) a.abort();
  uninstallHighlightApi();
  registry = null;
  document.body.innerHTML = '';
  document.head.innerHTML = '';
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const ARTICLE = `
  <article>
    <h1>CSTO foreign ministers meet in Moscow</h1>
    <p>Sergey Lavrov said the Collective Security Treaty Organization will hold drills in Belarus.</p>
    <p>Lavrov met the CSTO Secretary General. Russia and Kazakhstan agreed.</p>
    <ul><li>Russia</li><li>Belarus</li></ul>
  </article>`;
const ARTICLE_MENTIONS: [string, string][] = [
  ['CSTO', 'org:csto'],
  ['Moscow', 'place:moscow'],
  ['Sergey Lavrov', 'person:sergey-lavrov'],
  ['Collective Security Treaty Organization', 'org:csto'],
  ['Belarus', 'country:belarus'],
  ['Lavrov', 'person:sergey-lavrov'],
  ['CSTO Secretary General', 'body:csto-secretary-general'],
  ['Russia', 'country:russia'],
  ['Kazakhstan', 'country:kazakhstan'],
  ['Russia', 'country:russia'],
  ['Belarus', 'country:belarus'],
];

describe.each<Mode>(['wrap', 'highlight-api'])('PageController (%s mode)', (mode) => {
  it('matches and draws the whole page, and reports it', async () => {
    const { controller, reports } = setup(mode, ARTICLE);
    await controller.start();
    expect(controller.mode).toBe(mode);
    expect(controller.mentions().map((m) => [m.text, m.entityId])).toEqual(ARTICLE_MENTIONS);
    expect(drawn(mode).map(([t]) => t)).toEqual(ARTICLE_MENTIONS.map(([t]) => t));
    expect(drawn(mode)[2]).toEqual(['Sergey Lavrov', 'person']);
    expect(reports).toEqual([{ entities: 7, mentions: 11, partial: false }]);
    expect(controller.report()).toEqual({ entities: 7, mentions: 11, partial: false });
  });

  it('draws a name that spans element boundaries', async () => {
    const { controller } = setup(mode, '<p>Minister <b>Sergey</b> <i>Lav<u>rov</u></i> and the <a href="#">CSTO</a>.</p>');
    await controller.start();
    expect(controller.mentions().map((m) => [m.text, m.entityId])).toEqual([
      ['Sergey Lavrov', 'person:sergey-lavrov'],
      ['CSTO', 'org:csto'],
    ]);
    if (mode === 'wrap') {
      // one mark per piece of text, all for the same entity
      const marks = [...document.querySelectorAll(MARK_TAG)].map((m) => [m.textContent, m.getAttribute('data-entity-id')]);
      expect(marks).toEqual([
        ['Sergey', 'person:sergey-lavrov'],
        [' ', 'person:sergey-lavrov'],
        ['Lav', 'person:sergey-lavrov'],
        ['rov', 'person:sergey-lavrov'],
        ['CSTO', 'org:csto'],
      ]);
    } else {
      expect(drawn(mode)).toEqual([
        ['Sergey Lavrov', 'person'],
        ['CSTO', 'organization'],
      ]);
    }
  });

  it('never joins words of different blocks into one name', async () => {
    const { controller } = setup(mode, '<div>Sergey</div><div>Lavrov</div>');
    await controller.start();
    expect(controller.mentions().map((m) => m.text)).toEqual(['Lavrov']);
  });

  it('maxChars: matches only the first part of a long page and reports it partial', async () => {
    const paras = Array.from({ length: 20 }, (_, i) => `<p>Paragraph ${i}: Russia and Belarus.</p>`).join('');
    const { controller, last } = setup(mode, paras, { maxChars: 200 });
    await controller.start();
    const n = controller.mentions().length;
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(40);
    expect(last()).toEqual({ entities: 2, mentions: n, partial: true });
    expect(controller.state(true).partial).toBe(true);
    // Only the first paragraphs are drawn.
    expect(drawnTexts(mode, controller)).toHaveLength(n);
    const p = [...document.querySelectorAll('p')];
    if (mode === 'wrap') {
      expect(p[0]!.querySelectorAll(MARK_TAG)).toHaveLength(2);
      expect(p[19]!.querySelectorAll(MARK_TAG)).toHaveLength(0);
    }
    const untouched = setup(mode, paras, { maxChars: 1_000_000 });
    await untouched.controller.start();
    expect(untouched.last()).toEqual({ entities: 2, mentions: 40, partial: false });
  });

  it('maxChars counts the text added later too: additions past the cap are not matched, with one warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const para = (i: number) => `<p>Item ${i}: Russia and Belarus.</p>`;
    const { controller, last, chunks } = setup(mode, `<main>${para(0)}</main>`, { maxChars: 200 });
    await controller.start();
    expect(last()).toEqual({ entities: 2, mentions: 2, partial: false });
    // The page adds 40 short paragraphs, one at a time (each alone is far under the cap).
    for (let i = 1; i <= 40; i++) {
      document.querySelector('main')!.insertAdjacentHTML('beforeend', para(i));
      await new Promise((r) => setTimeout(r, 5));
    }
    await eventually(() => expect(last()?.partial).toBe(true));
    await new Promise((r) => setTimeout(r, 400));
    const matched = chunks.join('').length;
    expect(matched).toBeLessThanOrEqual(200);
    expect(controller.mentions().length).toBeLessThan(2 * 10);
    expect(last()).toMatchObject({ partial: true });
    expect(warn.mock.calls.filter((c) => String(c[0]).includes('passed 200 characters'))).toHaveLength(1);
    warn.mockRestore();
  });

  it.each([
    ['blocks', 50],
    ['one long paragraph', 50],
    ['one long paragraph', 23],
    ['one long paragraph', 64],
  ])('small chunks (%s, %i characters) find every name, none cut at a chunk boundary', async (shape, chunkChars) => {
    const sentences = [
      'The Collective Security Treaty Organization met in Moscow.',
      'Sergey Lavrov and Stanislav Zas spoke for Russia, and the CSTO Secretary General for the Collective Security Treaty Organization.',
      'Delegations from Belarus and Kazakhstan attended; the Collective Security Treaty Organization statement followed.',
      'Later Sergey Lavrov left for Moscow with the CSTO Secretary General.',
    ];
    const html = shape === 'blocks' ? sentences.map((s) => `<p>${s}</p>`).join('') : `<p>${sentences.join(' ')}</p>`;
    const expected = testMatcher.match(shape === 'blocks' ? sentences.join('\n') : sentences.join(' ')).map((s) => s.entityId);
    const { controller, chunks } = setup(mode, html, { chunkChars });
    await controller.start();
    expect(chunks.length).toBeGreaterThan(3);
    expect(controller.mentions().map((m) => m.entityId)).toEqual(expected);
    expect(controller.mentions().filter((m) => m.entityId === 'document:collective-security-treaty')).toEqual([]);
    expect(drawnTexts(mode, controller)).toEqual(controller.mentions().map((m) => m.text));
  });

  it('draws only the chosen entity types', async () => {
    const { controller, last } = setup(mode, ARTICLE, { types: new Set<EntityType>(['person', 'place']) });
    await controller.start();
    expect(controller.mentions().map((m) => m.text)).toEqual(['Moscow', 'Sergey Lavrov', 'Lavrov']);
    expect(new Set(drawn(mode).map(([, s]) => s))).toEqual(new Set(['person', 'place']));
    expect(last()).toEqual({ entities: 2, mentions: 3, partial: false });
  });

  it('first mention only: draws each entity once, counts every mention; the card and reveal still reach the others', async () => {
    const { controller, last } = setup(mode, ARTICLE, { firstMentionOnly: true });
    await controller.start();
    expect(controller.mentions().map((m) => [m.text, m.entityId])).toEqual(ARTICLE_MENTIONS);
    expect(last()).toEqual({ entities: 7, mentions: 11, partial: false });
    expect(drawn(mode).map(([t]) => t)).toEqual(['CSTO', 'Moscow', 'Sergey Lavrov', 'Belarus', 'CSTO Secretary General', 'Russia', 'Kazakhstan']);
    expect(controller.drawnCount).toBe(7);
    expect(controller.mentionCount('org:csto')).toBe(2);
    expect(controller.state(true).list.find((e) => e.entityId === 'country:russia')?.count).toBe(2);
    const second = controller.reveal('person:sergey-lavrov', 1);
    expect(second?.range.toString()).toBe('Lavrov');
    expect(second?.total).toBe(2);
    // the mention the reader went to is drawn from then on
    expect(drawn(mode).filter(([t, style]) => t === 'Lavrov' && style.startsWith('person'))).toHaveLength(1);
    expect(controller.mentions().map((m) => m.text)).toEqual(ARTICLE_MENTIONS.map(([t]) => t));
  });

  it('first mention only: when the drawn mention leaves the page, the next one is drawn', async () => {
    const { controller, last } = setup(mode, '<main><p id="a">Russia met Belarus.</p><p id="b">Russia again.</p></main>', { firstMentionOnly: true });
    await controller.start();
    expect(drawn(mode).map(([t]) => t)).toEqual(['Russia', 'Belarus']);
    document.getElementById('a')!.remove();
    await eventually(() => expect(last()).toEqual({ entities: 1, mentions: 1, partial: false }));
    expect(drawn(mode).map(([t]) => t)).toEqual(['Russia']);
    expect(controller.reveal('country:russia')?.range.toString()).toBe('Russia');
  });

  it('article body only: the page chrome is not read, the headline and body are', async () => {
    const { controller } = setup(
      mode,
      `<header><nav>Russia Belarus</nav></header><main>${ARTICLE}<div class="share">Share CSTO</div></main><aside>Moscow</aside><footer>Kazakhstan</footer>`,
      { articleBodyOnly: true },
    );
    await controller.start();
    expect(controller.mentions().map((m) => [m.text, m.entityId])).toEqual(ARTICLE_MENTIONS);
  });

  it('highlights added nodes after the debounce', async () => {
    const { controller, last } = setup(mode, '<main><p>Russia</p></main>');
    await controller.start();
    expect(last()?.mentions).toBe(1);
    const p = document.createElement('p');
    p.innerHTML = 'Later: <b>Sergey Lavrov</b> in Kazakhstan.';
    document.querySelector('main')!.append(p);
    // Not before the observer's debounce.
    await settle();
    expect(controller.mentions()).toHaveLength(1);
    await eventually(() => expect(last()).toEqual({ entities: 3, mentions: 3, partial: false }));
    expect(controller.mentions().map((m) => m.text)).toEqual(['Russia', 'Sergey Lavrov', 'Kazakhstan']);
    expect(drawnTexts(mode, controller)).toEqual(['Russia', 'Sergey Lavrov', 'Kazakhstan']);
  });

  it('drops the highlights of removed nodes, and the report counts go down', async () => {
    const { controller, last } = setup(mode, '<main><p id="a">Russia and Belarus</p><p id="b">Sergey Lavrov in Moscow</p></main>');
    await controller.start();
    expect(last()).toEqual({ entities: 4, mentions: 4, partial: false });
    document.getElementById('b')!.remove();
    await eventually(() => expect(last()).toEqual({ entities: 2, mentions: 2, partial: false }));
    expect(controller.mentions().map((m) => m.text)).toEqual(['Russia', 'Belarus']);
    expect(drawn(mode).map(([t]) => t)).toEqual(['Russia', 'Belarus']);
    expect(controller.state(true).list.map((e) => e.entityId)).toEqual(['country:belarus', 'country:russia']);
  });

  it('replaced content: the old highlights go, the new ones come, nothing doubled', async () => {
    const { controller, last } = setup(mode, '<main><div id="story"><p>Sergey Lavrov in Moscow</p></div></main>');
    await controller.start();
    document.getElementById('story')!.innerHTML = '<p>Stanislav Zas in Belarus</p>';
    await eventually(() => expect(controller.mentions().map((m) => m.text)).toEqual(['Stanislav Zas', 'Belarus']));
    expect(last()).toEqual({ entities: 2, mentions: 2, partial: false });
    expect(drawnTexts(mode, controller)).toEqual(['Stanislav Zas', 'Belarus']);
  });

  it.each([
    ['a text node outside any mention', 'p > i', 'Russia and Kazakhstan and ', ['Sergey Lavrov', 'Russia', 'Kazakhstan', 'Belarus']],
    ['the text of a mention', 'p > b', 'Stanislav Zas', ['Stanislav Zas', 'Belarus']],
    ['a mention edited into plain text', 'p > b', 'nobody', ['Belarus']],
  ])('a text edit (characterData) of %s re-matches that node without doubles', async (_, selector, value, expected) => {
    const text = { 'p > i': 'Sergey LavrovRussia and Kazakhstan and Belarus', 'p > b': `${value} met in Belarus` }[selector];
    const { controller, last } = setup(mode, '<main><p><b>Sergey Lavrov</b><i> met in </i>Belarus</p></main>');
    await controller.start();
    expect(controller.mentions().map((m) => m.text)).toEqual(['Sergey Lavrov', 'Belarus']);
    // The page's own text node (in wrap mode, marks split it: edit the piece that holds the text).
    const el = document.querySelector(selector)!;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const node = walker.nextNode() as Text;
    node.data = value;
    // Only that node changed: whatever other nodes hold stays, exactly once.
    await eventually(() => expect(controller.mentions().map((m) => m.text)).toEqual(expected));
    await new Promise((r) => setTimeout(r, 250));
    expect(controller.mentions().map((m) => m.text)).toEqual(expected);
    expect(drawnTexts(mode, controller)).toEqual(expected);
    expect(last()?.mentions).toBe(expected.length);
    // The page's text is intact (wrap mode split, moved and merged its text nodes).
    expect(document.querySelector('p')!.textContent).toBe(text);
  });

  it('a page that removes, mid-read, the part the read is at: the page is read again, the rest is highlighted', async () => {
    const n = 1000;
    const html = Array.from({ length: n }, (_, i) => `<p>Paragraph ${i}: the CSTO met in Moscow.</p>`).join('');
    const { controller } = setup(mode, html);
    // A clock 9 ms on at each look: the read yields after each step (256 nodes, ~128 paragraphs).
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (now += 9));
    const started = controller.start(); // its first slice is read now, and it yields
    for (const p of [...document.querySelectorAll('p')].slice(100, 300)) p.remove();
    await started;
    vi.restoreAllMocks();
    // Read only to where it was, it would count about 200 mentions.
    expect(controller.state(true).mentions).toBe((n - 200) * 2);
    expect(drawnTexts(mode, controller).filter((t) => t === 'Moscow')).toHaveLength(n - 200);
  });

  it('rescan() after the body is replaced reads the new page only', async () => {
    const { controller, last } = setup(mode, ARTICLE);
    await controller.start();
    // A single-page app swaps the whole body; rescan runs before the observer's batch.
    document.body.innerHTML = '<main><p>Stanislav Zas visited Kazakhstan.</p></main>';
    await controller.rescan();
    expect(controller.mentions().map((m) => m.text)).toEqual(['Stanislav Zas', 'Kazakhstan']);
    expect(last()).toEqual({ entities: 2, mentions: 2, partial: false });
    expect(controller.state(true).scans).toBe(2);
    // The observer's late batch changes nothing.
    await new Promise((r) => setTimeout(r, 300));
    expect(controller.mentions().map((m) => m.text)).toEqual(['Stanislav Zas', 'Kazakhstan']);
    expect(drawnTexts(mode, controller)).toEqual(['Stanislav Zas', 'Kazakhstan']);
  });

  it('abort clears everything and leaves the DOM exactly as before', async () => {
    document.body.innerHTML = ARTICLE;
    const body = document.body.innerHTML;
    const whole = document.documentElement.outerHTML;
    const { controller, abort } = setup(mode, ARTICLE);
    await controller.start();
    expect(controller.mentions().length).toBe(11);
    if (mode === 'wrap') expect(document.body.innerHTML).not.toBe(body);
    abort.abort();
    expect(controller.mentions()).toEqual([]);
    expect(controller.report()).toEqual({ entities: 0, mentions: 0, partial: false });
    expect(drawn(mode)).toEqual([]);
    expect(document.body.innerHTML).toBe(body);
    // The stylesheet goes too (a new controller starts after every settings change).
    expect(document.documentElement.outerHTML).toBe(whole);
    if (registry) expect([...registry.keys()].filter((k) => k.startsWith('csto-lens-'))).toEqual([]);
    // Later page changes are not followed.
    document.querySelector('article')!.append(Object.assign(document.createElement('p'), { textContent: 'Russia' }));
    await new Promise((r) => setTimeout(r, 300));
    expect(controller.mentions()).toEqual([]);
    expect(drawn(mode)).toEqual([]);
  });

  it('abort during the first scan draws nothing', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    if (mode === 'highlight-api') registry = installHighlightApi();
    document.body.innerHTML = ARTICLE;
    const body = document.body.innerHTML;
    const abort = new AbortController();
    const reports: PageReport[] = [];
    const controller = new PageController(
      { match: async (t) => (await gate, testMatcher.match(t)), report: (r) => reports.push(r) },
      { document, signal: abort.signal, mode, types: new Set(ENTITY_TYPES) },
    );
    const started = controller.start().catch(() => {});
    await new Promise((r) => setTimeout(r, 20));
    abort.abort();
    release();
    await started;
    expect(controller.mentions()).toEqual([]);
    expect(reports).toEqual([]);
    expect(document.body.innerHTML).toBe(body);
  });

  it('reveal() scrolls to the n-th mention of an entity and flashes it; false for an entity not on the page', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { controller } = setup(mode, ARTICLE);
    const started = controller.start();
    await vi.runAllTimersAsync();
    await started;
    const scroll = Element.prototype.scrollIntoView as ReturnType<typeof vi.fn>;
    expect(controller.reveal('person:stanislav-zas')).toBeFalsy();
    expect(controller.reveal('')).toBeFalsy();
    expect(scroll).not.toHaveBeenCalled();

    expect(controller.reveal('country:russia')).toBeTruthy();
    expect(scroll).toHaveBeenCalledTimes(1);
    expect((scroll.mock.contexts[0] as Element).closest('p')?.textContent).toContain('Russia and Kazakhstan');
    expect(controller.reveal('country:russia', 1)).toBeTruthy();
    expect((scroll.mock.contexts[1] as Element).closest('li')?.textContent).toBe('Russia');
    // An index past the end reveals the last mention.
    expect(controller.reveal('country:russia', 99)).toBeTruthy();
    expect((scroll.mock.contexts[2] as Element).closest('li')?.textContent).toBe('Russia');
    const flashes = () =>
      mode === 'wrap' ? document.querySelectorAll(`${MARK_TAG}[data-type="flash"]`).length : (registry?.get('csto-lens-flash')?.size ?? 0);
    expect(flashes()).toBeGreaterThan(0);
    // The flash is not a mention, and it goes away.
    expect(controller.mentions()).toHaveLength(11);
    vi.advanceTimersByTime(1300);
    expect(flashes()).toBe(0);
    expect(controller.mentions()).toHaveLength(11);
  });

  it('reveal() is false once the mentions of an entity are gone', async () => {
    const { controller, last } = setup(mode, '<main><p id="a">Russia</p><p id="b">Moscow</p></main>');
    await controller.start();
    expect(controller.reveal('place:moscow')).toBeTruthy();
    document.getElementById('b')!.remove();
    await eventually(() => expect(last()?.mentions).toBe(1));
    expect(controller.reveal('place:moscow')).toBeFalsy();
    expect(controller.reveal('country:russia')).toBeTruthy();
  });

  it('state() groups mentions by entity with counts and the most frequent texts first', async () => {
    const { controller } = setup(mode, ARTICLE + '<p>Lavrov, Lavrov and Sergey Lavrov.</p>');
    await controller.start();
    const state = controller.state(true);
    expect(state).toMatchObject({ entities: 7, mentions: 14, partial: false, active: true, scans: 1, mode });
    expect(state.timing.drawn).not.toBeNull();
    expect(state.timing.drawn!).toBeGreaterThanOrEqual(state.timing.started);
    expect(state.list).toEqual([
      { entityId: 'person:sergey-lavrov', type: 'person', count: 5, texts: ['Lavrov', 'Sergey Lavrov'] },
      { entityId: 'country:belarus', type: 'country', count: 2, texts: ['Belarus'] },
      { entityId: 'country:russia', type: 'country', count: 2, texts: ['Russia'] },
      { entityId: 'org:csto', type: 'organization', count: 2, texts: ['CSTO', 'Collective Security Treaty Organization'] },
      { entityId: 'body:csto-secretary-general', type: 'body', count: 1, texts: ['CSTO Secretary General'] },
      { entityId: 'country:kazakhstan', type: 'country', count: 1, texts: ['Kazakhstan'] },
      { entityId: 'place:moscow', type: 'place', count: 1, texts: ['Moscow'] },
    ]);
    expect(controller.state(false).active).toBe(false);
  });

  it('state() before any scan, and an empty page', async () => {
    const { controller, reports } = setup(mode, '<p>Nothing to see here.</p>');
    expect(controller.state(true)).toMatchObject({ entities: 0, mentions: 0, scans: 0, list: [], timing: { drawn: null } });
    await controller.start();
    expect(controller.state(true)).toMatchObject({ entities: 0, mentions: 0, scans: 1, list: [] });
    expect(reports).toEqual([{ entities: 0, mentions: 0, partial: false }]);
  });

  it('mentions() are in document order, also for content added later above earlier mentions', async () => {
    const { controller } = setup(mode, '<main><p id="first">Russia</p><p id="last">Moscow</p></main>');
    await controller.start();
    const p = document.createElement('p');
    p.textContent = 'Sergey Lavrov';
    document.querySelector('main')!.prepend(p);
    const mid = document.createElement('p');
    mid.textContent = 'Belarus';
    document.getElementById('last')!.before(mid);
    await eventually(() => expect(controller.mentions()).toHaveLength(4));
    expect(controller.mentions()).toEqual([
      { entityId: 'person:sergey-lavrov', type: 'person', text: 'Sergey Lavrov' },
      { entityId: 'country:russia', type: 'country', text: 'Russia' },
      { entityId: 'country:belarus', type: 'country', text: 'Belarus' },
      { entityId: 'place:moscow', type: 'place', text: 'Moscow' },
    ]);
  });
});
