import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as build from '../../../lib/kb/build';
import type { KbSources } from '../../../lib/kb/bundled';
import { LensDb } from '../../../lib/db/database';
import { KnowledgeService } from '../../../lib/kb/service';
import { loadMatcherSnapshot } from '../../../lib/kb/snapshot';
import { storedBuildKey } from '../../../lib/kb/store';
import { EntityMatcher, matcherData } from '../../../lib/match/entities';
import { diskSources } from '../../../scripts/lib/sources';

// The worker's start path: the build key is compared before anything is built, and the
// compiled matcher is stored per build (db.ts v6) and loaded by the next worker without compiling.

vi.mock('../../../lib/kb/build', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../lib/kb/build')>();
  return { ...real, buildKnowledgeBase: vi.fn(real.buildKnowledgeBase) };
});
const buildSpy = vi.mocked(build.buildKnowledgeBase);

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

const TEXTS = [
  'The CSTO’s foreign ministers met in Bishkek with Sergei Lavrov.',
  'Pakistan Point News reports that the CSTO met.',
  'Совет коллективной безопасности ОДКБ собрался в Москве.',
  'Kazakhstan holds the CSTO chairmanship; Interaction-2023 drills followed in Belarus.',
  'Organi-\nzation of the Collective Security Treaty: the CSTO-led force in Almaty.',
  '',
  'Nothing to see here.',
];

let name = '';
let n = 0;
beforeEach(() => {
  name = `snap-${process.pid}-${n++}`;
  buildSpy.mockClear();
});
afterEach(async () => {
  await Dexie.delete(name);
});

describe('KnowledgeService start path', () => {
  it('compares the build key before building: a second worker over the same stored build never builds', async () => {
    const first = new KnowledgeService(new LensDb(name), () => sources);
    expect(await first.ensureBuilt()).toBe(true);
    expect(buildSpy).toHaveBeenCalledTimes(1);
    first.db.close();

    const second = new KnowledgeService(new LensDb(name), () => sources);
    expect(await second.ensureBuilt()).toBe(false);
    expect(await second.ensureBuilt()).toBe(false);
    expect(buildSpy).toHaveBeenCalledTimes(1);
    expect((await second.stats()).lastCheck).toMatchObject({ built: false });
    second.db.close();
  });

  it('with a sources fingerprint, a start that finds it stored with the build never reads (parses) the registry', async () => {
    let reads = 0;
    const counted = (fingerprint: string): KbSources => ({
      get registry() {
        reads++;
        return sources.registry;
      },
      seeds: sources.seeds,
      manifest: sources.manifest,
      fingerprint,
    });
    const first = new KnowledgeService(new LensDb(name), () => counted('fp-1'));
    expect(await first.ensureBuilt()).toBe(true);
    first.db.close();
    reads = 0;
    const second = new KnowledgeService(new LensDb(name), () => counted('fp-1'));
    expect(await second.ensureBuilt()).toBe(false);
    expect(reads).toBe(0);
    // another fingerprint (an update with the same registry) reads it and compares the build key
    const third = new KnowledgeService(second.db, () => counted('fp-2'));
    expect(await third.ensureBuilt()).toBe(false);
    expect(reads).toBeGreaterThan(0);
    expect(buildSpy).toHaveBeenCalledTimes(1);
    second.db.close();
  });

  it('rebuilds when the key changes, and replaces the stored matcher snapshot', async () => {
    const first = new KnowledgeService(new LensDb(name), () => sources);
    await first.match('The CSTO');
    const oldKey = (await storedBuildKey(first.db))!;
    expect((await first.db.matcherSnapshots.toArray()).map((r) => r.build)).toEqual([oldKey]);
    first.db.close();

    const second = new KnowledgeService(new LensDb(name), () => extended);
    expect(await second.ensureBuilt()).toBe(true);
    expect(buildSpy).toHaveBeenCalledTimes(2);
    expect((await second.match('The Lens Test Council met.')).map((s) => s.entityId)).toEqual(['body:lens-test-council']);
    expect(second.matcherOrigin).toBe('compiled');
    const newKey = (await storedBuildKey(second.db))!;
    expect(newKey).not.toBe(oldKey);
    expect((await second.db.matcherSnapshots.toArray()).map((r) => r.build)).toEqual([newKey]);
    second.db.close();
  });

  it('a worker that finds no snapshot for the stored build compiles, never the stale one', async () => {
    const first = new KnowledgeService(new LensDb(name), () => sources);
    await first.match('The CSTO');
    first.db.close();
    const other = new KnowledgeService(new LensDb(name), () => extended);
    await other.ensureBuilt(); // a build made elsewhere; it saves no snapshot until it matches
    other.db.close();
    const third = new KnowledgeService(new LensDb(name), () => extended);
    expect((await third.match('The Lens Test Council met.')).map((s) => s.entityId)).toEqual(['body:lens-test-council']);
    expect(third.matcherOrigin).toBe('compiled');
    third.db.close();
  });
});

describe('matcher snapshot', () => {
  it.each(TEXTS.map((t) => [t]))('stored and loaded by the next worker, matches as a fresh compile: %j', async (text) => {
    const first = new KnowledgeService(new LensDb(name), () => sources);
    const fresh = await first.match(text);
    const freshPacked = await first.matchPacked(text);
    expect(first.matcherOrigin).toBe('compiled');
    first.db.close();

    const next = new KnowledgeService(new LensDb(name), () => sources);
    expect(await next.match(text)).toEqual(fresh);
    expect(await next.matchPacked(text)).toEqual(freshPacked);
    expect(next.matcherOrigin).toBe('snapshot');
    expect(buildSpy).toHaveBeenCalledTimes(1);
    next.db.close();
  });

  it('round-trips through IndexedDB as typed arrays and gives every text the same spans', async () => {
    const svc = new KnowledgeService(new LensDb(name), () => sources);
    const data = await svc.matcherData();
    await svc.match('warm');
    const snap = (await loadMatcherSnapshot(svc.db))!;
    expect(snap.build).toBe(data.build);
    expect(snap.wordTrie.tables[0]!.trie.childStart).toBeInstanceOf(Int32Array);
    const fresh = new EntityMatcher(data);
    const loaded = new EntityMatcher(snap);
    expect(loaded.aliasCount).toBe(fresh.aliasCount);
    // every alias of the knowledge base, each in a sentence, plus the table above
    const texts = [...TEXTS, ...data.aliases.map((a) => `In 2024, ${a.text} said so.`), data.aliases.map((a) => a.text).join(' and ')];
    for (const t of texts) expect(loaded.match(t)).toEqual(fresh.match(t));
    svc.db.close();
  });

  it('is dropped on demand (extension install or update) and compiled again', async () => {
    const svc = new KnowledgeService(new LensDb(name), () => sources);
    await svc.match('The CSTO');
    await svc.dropMatcherSnapshots();
    expect(await svc.db.matcherSnapshots.count()).toBe(0);
    expect((await svc.match('The CSTO')).map((s) => s.entityId)).toEqual(['org:csto']);
    expect(svc.matcherOrigin).toBe('compiled');
    expect(await svc.db.matcherSnapshots.count()).toBe(1);
    svc.db.close();
  });

  it('ignores a stored snapshot of the shape before the word-trie rename (its field was `automaton`)', async () => {
    const svc = new KnowledgeService(new LensDb(name), () => sources);
    await svc.match('warm');
    const row = (await svc.db.matcherSnapshots.toArray())[0]!;
    const { wordTrie, ...rest } = row;
    await svc.db.matcherSnapshots.put({ ...rest, automaton: wordTrie } as unknown as typeof row);
    expect(await loadMatcherSnapshot(svc.db)).toBeNull();
    svc.db.close();
  });

  it('refuses a snapshot of another format', () => {
    const data = matcherData('b', [{ text: 'CSTO', entityId: 'org:csto', caseSensitive: true }], [{ id: 'org:csto', type: 'organization' }]);
    const snap = new EntityMatcher(data).snapshot();
    expect(() => new EntityMatcher({ ...snap, wordTrie: { ...snap.wordTrie, format: 999 } })).toThrow(/format 999/);
  });
});
