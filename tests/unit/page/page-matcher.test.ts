import { afterEach, describe, expect, it, vi } from 'vitest';
import { EntityMatcher, type MatcherData } from '../../../lib/match/entities';
import { PAGE_MATCH_MIN_CHARS, PageMatcher, routeMatching, type CompiledMatcher } from '../../../lib/page/page-matcher';
import { loadPageMatcher, offerCompiler } from '../../../lib/page/matcher-script';
import { compilePageMatcher } from '../../../lib/page/matcher-compile';
import { unpackSpans } from '../../../lib/match/spans';

const DATA: MatcherData = {
  build: 'b1',
  aliases: [
    { text: 'CSTO', entityId: 'org:csto', caseSensitive: true },
    { text: 'Armenia', entityId: 'country:armenia', caseSensitive: false },
    { text: 'Pakistan', entityId: 'country:pakistan', caseSensitive: false },
  ],
  types: { 'org:csto': 'organization', 'country:armenia': 'country', 'country:pakistan': 'country' },
  hidden: ['country:pakistan'],
};

describe('PageMatcher (matching in the content script)', () => {
  it('asks for the data once, however many chunks are matched, and matches like the background would', async () => {
    const load = vi.fn(async () => new EntityMatcher(JSON.parse(JSON.stringify(DATA)) as MatcherData));
    const m = new PageMatcher(load);
    m.prefetch();
    const texts = ['CSTO and Armenia.', 'Pakistan and the CSTO.', 'nothing here'];
    const got = await Promise.all(texts.map((t) => m.match(t)));
    expect(load).toHaveBeenCalledTimes(1);
    const reference = new EntityMatcher(DATA);
    expect(got.map(unpackSpans)).toEqual(texts.map((t) => reference.match(t)));
    expect(unpackSpans(got[1]!).map((s) => s.entityId)).toEqual(['org:csto']);
  });

  it('never matches in the task that asks (each chunk waits for a turn of the event loop), and answers in order', async () => {
    const m = new PageMatcher(async () => new EntityMatcher(DATA));
    m.prefetch();
    await new Promise((r) => setTimeout(r, 0)); // loaded and compiled
    const scans = vi.spyOn(EntityMatcher.prototype, 'matchPacked');
    const order: string[] = [];
    const a = m.match('CSTO').then(() => order.push('chunk 1'));
    const b = m.match('Armenia').then(() => order.push('chunk 2'));
    for (let i = 0; i < 20; i++) await Promise.resolve(); // every microtask, no task
    expect(scans).not.toHaveBeenCalled();
    await Promise.all([a, b]);
    expect(scans).toHaveBeenCalledTimes(2);
    expect(order).toEqual(['chunk 1', 'chunk 2']);
    scans.mockRestore();
  });

  it('counts the chunks it matched and the time they held the thread (the bench reads it)', async () => {
    const m = new PageMatcher(async () => new EntityMatcher(DATA));
    expect(m.stats()).toEqual({ chunks: 0, readyAt: null, matchMs: 0 });
    let t = 0;
    const now = vi.spyOn(performance, 'now').mockImplementation(() => (t += 5)); // each reading 5 ms later
    await m.match('CSTO');
    await m.match('Armenia');
    now.mockRestore();
    const stats = m.stats();
    expect(stats.chunks).toBe(2);
    expect(stats.readyAt).not.toBeNull();
    expect(stats.matchMs).toBe(10); // one 5 ms step over each matchPacked
  });

  it('a failed load fails the chunks that wait for it, and the next use asks again', async () => {
    let calls = 0;
    const m = new PageMatcher(async () => {
      if (calls++ === 0) throw new Error('background asleep');
      return new EntityMatcher(DATA);
    });
    await expect(m.match('CSTO')).rejects.toThrow('background asleep');
    expect(unpackSpans(await m.match('CSTO'))).toEqual([{ start: 0, end: 4, entityId: 'org:csto', type: 'organization' }]);
    expect(calls).toBe(2);
  });

  it('gives up after a second failed load: every later chunk goes to the background, and nothing is loaded again', async () => {
    const load = vi.fn(async (): Promise<EntityMatcher> => {
      throw new Error('import refused');
    });
    const m = new PageMatcher(load);
    const background = vi.fn(async (text: string) => new EntityMatcher(DATA).matchPacked(text));
    const route = routeMatching(m, background);
    for (let i = 0; i < 20; i++) {
      await route('CSTO', PAGE_MATCH_MIN_CHARS);
      await new Promise((r) => setTimeout(r, 0)); // the load's failure comes in between
    }
    expect(load).toHaveBeenCalledTimes(2);
    expect(background).toHaveBeenCalledTimes(20);
    await expect(m.match('CSTO')).rejects.toThrow('the page matcher did not load (2 tries)');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('lets go of the scan scratch space after the last queued chunk', async () => {
    const release = vi.spyOn(EntityMatcher.prototype, 'release');
    const m = new PageMatcher(async () => new EntityMatcher(DATA));
    await Promise.all([m.match('CSTO'), m.match('Armenia'), m.match('CSTO')]);
    expect(release).toHaveBeenCalledTimes(1);
    await m.match('Armenia');
    expect(release).toHaveBeenCalledTimes(2);
    release.mockRestore();
  });
});

describe('routeMatching (Firefox: big scans in the page, small ones in the background)', () => {
  const background = (calls: string[]) => async (text: string) => {
    calls.push(text);
    return new EntityMatcher(DATA).matchPacked(text);
  };

  it('a scan under PAGE_MATCH_MIN_CHARS goes to the background and never loads the page matcher', async () => {
    const load = vi.fn(async () => new EntityMatcher(DATA));
    const sent: string[] = [];
    const route = routeMatching(new PageMatcher(load), background(sent));
    const got = await route('CSTO and Armenia', PAGE_MATCH_MIN_CHARS - 1);
    expect(unpackSpans(got).map((s) => s.entityId)).toEqual(['org:csto', 'country:armenia']);
    expect(sent).toEqual(['CSTO and Armenia']);
    expect(load).not.toHaveBeenCalled();
  });

  it('a big scan starts the load, sends chunks to the background until the page matcher is ready, then matches in the page', async () => {
    let release!: (m: CompiledMatcher) => void;
    const load = vi.fn(() => new Promise<CompiledMatcher>((r) => (release = r)));
    const page = new PageMatcher(load);
    const sent: string[] = [];
    const route = routeMatching(page, background(sent));
    const first = await route('CSTO one', PAGE_MATCH_MIN_CHARS);
    expect(sent).toEqual(['CSTO one']);
    expect(load).toHaveBeenCalledTimes(1);
    release(new EntityMatcher(DATA));
    await new Promise((r) => setTimeout(r, 0));
    expect(page.ready).toBe(true);
    const second = await route('CSTO two', PAGE_MATCH_MIN_CHARS * 5);
    expect(sent).toEqual(['CSTO one']); // not sent: matched in the page
    expect(unpackSpans(second)).toEqual(unpackSpans(first));
    expect(load).toHaveBeenCalledTimes(1);
  });
});

describe('loadPageMatcher (the matcher script, imported on demand)', () => {
  const KEY = '__cstoLensMatcher';
  const snapshot = () => structuredClone(new EntityMatcher(DATA).snapshot()); // as the background sends it
  afterEach(() => delete (globalThis as Record<string, unknown>)[KEY]);

  it('asks for the script and the data together, then compiles with what the script left', async () => {
    const asked: string[] = [];
    const compiled = await loadPageMatcher({
      script: async () => {
        asked.push('script');
        await Promise.resolve();
        offerCompiler(compilePageMatcher); // what entrypoints/page-matcher.ts does
      },
      data: async () => (asked.push('data'), snapshot()),
    });
    expect(asked).toEqual(['script', 'data']);
    expect(unpackSpans(compiled.matchPacked('the CSTO')).map((s) => s.entityId)).toEqual(['org:csto']);
  });

  it('does not run the script again once it ran in this world', async () => {
    offerCompiler(compilePageMatcher);
    const script = vi.fn(async () => true);
    await loadPageMatcher({ script, data: async () => snapshot() });
    expect(script).not.toHaveBeenCalled();
  });

  it('fails clearly when the script did not load (the page matcher then retries, and the background matches meanwhile)', async () => {
    await expect(loadPageMatcher({ script: async () => true, data: async () => snapshot() })).rejects.toThrow('the page matcher script did not load');
    await expect(loadPageMatcher({ script: async () => Promise.reject(new Error('No tab')), data: async () => snapshot() })).rejects.toThrow('No tab');
  });
});
