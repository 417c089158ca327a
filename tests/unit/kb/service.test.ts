import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { LensDb } from '../../../lib/db/database';
import { KnowledgeService } from '../../../lib/kb/service';
import type { KbSources } from '../../../lib/kb/bundled';
import { diskSources } from '../../../scripts/lib/sources';

const names: string[] = [];
const db = () => {
  const name = `svc-${process.pid}-${names.length}`;
  names.push(name);
  return new LensDb(name);
};
afterEach(async () => {
  for (const n of names.splice(0)) await Dexie.delete(n);
});

const sources = diskSources();

describe('KnowledgeService.match', () => {
  it.each([
    ['Pakistan Point News reports that the CSTO met.', ['CSTO']],
    ['Afghanistan and China were discussed by Sergei Lavrov in Bishkek.', ['Sergei Lavrov', 'Bishkek']],
    ['Zelensky spoke to the press; the CSTO did not.', ['CSTO']],
    ['Kazakhstan holds the CSTO chairmanship.', ['Kazakhstan', 'CSTO']],
  ])('returns CSTO entities only, never context-only ones: %s', async (text, expected) => {
    const svc = new KnowledgeService(db(), () => sources);
    const spans = await svc.match(text);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(expected);
    svc.db.close();
  });

  it('builds the knowledge base on first use when nothing is stored yet', async () => {
    const svc = new KnowledgeService(db(), () => sources);
    expect(await svc.db.aliases.count()).toBe(0);
    expect((await svc.match('The CSTO')).map((s) => s.entityId)).toEqual(['org:csto']);
    expect((await svc.stats()).ready).toBe(true);
    svc.db.close();
  });

  it('reports how long the build it made took; a worker that finds the build current reports none', async () => {
    const name = `svc-timing-${process.pid}`;
    const first = new KnowledgeService(new LensDb(name), () => sources);
    expect((await first.stats()).lastBuild).toBeNull();
    expect(await first.ensureBuilt()).toBe(true);
    const timing = (await first.stats()).lastBuild!;
    expect(timing.buildMs).toBeGreaterThan(0);
    expect(timing.storeMs).toBeGreaterThan(0);
    expect(Date.parse(timing.at)).toBeLessThanOrEqual(Date.now());
    first.db.close();
    const second = new KnowledgeService(new LensDb(name), () => sources);
    expect(await second.ensureBuilt()).toBe(false);
    expect((await second.stats()).lastBuild).toBeNull();
    await second.db.delete();
  });

  it('follows a new build made by another context (the matcher is recompiled)', async () => {
    const shared = db();
    const svc = new KnowledgeService(shared, () => sources);
    svc.watchBuilds();
    expect(await svc.match('The Lens Test Council met.')).toEqual([]);

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
    const other = new KnowledgeService(new LensDb(shared.name), () => extended);
    expect(await other.ensureBuilt()).toBe(true);
    // The watcher drops the compiled matcher when the stored build key changes.
    await expect.poll(async () => (await svc.match('The Lens Test Council met.')).map((s) => s.entityId), { timeout: 5000 }).toEqual([
      'body:lens-test-council',
    ]);
    svc.stop();
    other.db.close();
    shared.close();
  });
});
