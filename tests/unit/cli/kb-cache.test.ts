import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as build from '../../../lib/kb/build';
import type { KbSources } from '../../../lib/kb/bundled';
import { cacheDir, cacheFile } from '../../../scripts/lib/kb-cache';
import { openNodeKnowledgeBase } from '../../../scripts/lib/node-kb';
import { diskSources } from '../../../scripts/lib/sources';

// The command line's knowledge base on disk: built once per build key, loaded by the next call.

vi.mock('../../../lib/kb/build', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../lib/kb/build')>();
  return { ...real, buildKnowledgeBase: vi.fn(real.buildKnowledgeBase) };
});
const builds = vi.mocked(build.buildKnowledgeBase);

const sources = diskSources();
const extended: KbSources = {
  ...sources,
  registry: {
    ...sources.registry,
    entities: [
      ...sources.registry.entities,
      { id: 'body:lens-test-council', type: 'body', name: 'Lens Test Council', description: 'A body for this test.', aliases: [] },
    ],
  },
};
const TEXT = 'The CSTO and the Lens Test Council met in Bishkek with Sergei Lavrov.';

async function openAndMatch(cache: string | false, src: KbSources = sources) {
  const kb = await openNodeKnowledgeBase({ cache, sources: src });
  try {
    return { spans: (await kb.match(TEXT)).map((s) => s.entityId), stats: await kb.stats() };
  } finally {
    kb.stop();
    await kb.db.delete();
  }
}
const kept = (dir: string) => readdirSync(dir).filter((f) => f.startsWith('kb-'));

beforeEach(() => {
  builds.mockClear();
});

describe('the CLI knowledge-base cache', () => {
  it('builds on the first call, loads on the second without building, and answers the same', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csto-kbcache-'));
    const first = await openAndMatch(dir);
    expect(builds).toHaveBeenCalledTimes(1);
    expect(kept(dir)).toEqual([cacheFile(dir, sources).path.split('/').pop()]);
    const second = await openAndMatch(dir);
    expect(builds).toHaveBeenCalledTimes(1);
    expect(second.spans).toEqual(first.spans);
    const counts = (s: typeof first.stats) => [s.documents, s.entities, s.aliases, s.mentions, s.sentences, s.statements, s.facts];
    expect(counts(second.stats)).toEqual(counts(first.stats));
    expect(first.spans).toEqual(expect.arrayContaining(['org:csto', 'person:sergey-lavrov']));
  }, 60_000);

  it('rebuilds when the build key changes and keeps only the new build', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csto-kbcache-'));
    await openAndMatch(dir);
    const changed = await openAndMatch(dir, extended);
    expect(builds).toHaveBeenCalledTimes(2);
    expect(changed.spans).toContain('body:lens-test-council');
    expect(kept(dir)).toEqual([cacheFile(dir, extended).path.split('/').pop()]);
    await openAndMatch(dir, extended);
    expect(builds).toHaveBeenCalledTimes(2);
  }, 60_000);

  it.each([
    ['not JSON', '{"buildKey": '],
    ['another build', JSON.stringify({ buildKey: '0000', entities: [], aliases: [] })],
  ])('rebuilds over a cache file that is %s', async (_what, content) => {
    const dir = mkdtempSync(join(tmpdir(), 'csto-kbcache-'));
    writeFileSync(cacheFile(dir, sources).path, content);
    const r = await openAndMatch(dir);
    expect(builds).toHaveBeenCalledTimes(1);
    expect(r.spans).toContain('org:csto');
    await openAndMatch(dir);
    expect(builds).toHaveBeenCalledTimes(1);
  }, 60_000);

  it('builds every time with the cache off', async () => {
    await openAndMatch(false);
    await openAndMatch(false);
    expect(builds).toHaveBeenCalledTimes(2);
  }, 60_000);
});

describe('where the cache lives', () => {
  it.each([
    [{}, join(homedir(), '.cache', 'csto-lens')],
    [{ XDG_CACHE_HOME: '/x/cache' }, '/x/cache/csto-lens'],
    [{ XDG_CACHE_HOME: '/x/cache', CSTO_LENS_CACHE_DIR: '/y' }, '/y'],
    [{ CSTO_LENS_CACHE_DIR: '/y', CSTO_LENS_CACHE: 'off' }, null],
    [{ CSTO_LENS_CACHE: 'OFF' }, null],
  ])('env %j → %s', (env, dir) => {
    expect(cacheDir({}, env)).toBe(dir);
  });

  it('an explicit option wins over the environment', () => {
    expect(cacheDir({ cache: '/z' }, { CSTO_LENS_CACHE: 'off' })).toBe('/z');
    expect(cacheDir({ cache: false }, { CSTO_LENS_CACHE_DIR: '/y' })).toBeNull();
  });
});
