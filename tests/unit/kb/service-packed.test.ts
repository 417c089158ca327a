import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { LensDb } from '../../../lib/db/database';
import { KnowledgeService } from '../../../lib/kb/service';
import { unpackSpans } from '../../../lib/match/spans';
import { EntityMatcher, type MatcherData } from '../../../lib/match/entities';
import { storedBuildKey } from '../../../lib/kb/store';
import { compilePageMatcher } from '../../../lib/page/matcher-compile';
import { diskSources } from '../../../scripts/lib/sources';

const names: string[] = [];
afterEach(async () => {
  for (const n of names.splice(0)) await Dexie.delete(n);
});

describe('KnowledgeService.matchPacked and matcherData (the matchText and matcherData replies)', () => {
  it('is match() packed: same spans, types and entities, context-only entities left out', async () => {
    const name = `svc-packed-${process.pid}`;
    names.push(name);
    const svc = new KnowledgeService(new LensDb(name), diskSources);
    const text =
      'Pakistan Point News reports that the CSTO met. Kazakhstan holds the CSTO chairmanship; ' +
      'Sergei Lavrov spoke in Bishkek.\nThe Collective Security Treaty Organization and Russia.';
    const spans = await svc.match(text);
    const packed = await svc.matchPacked(text);
    expect(spans.length).toBeGreaterThan(4);
    expect(unpackSpans(packed)).toEqual(spans);
    expect(new Set(packed.entities).size).toBe(packed.entities.length);
    expect(packed.entities.length).toBeLessThan(spans.length);
    expect(await svc.matchPacked('')).toEqual({ data: [], entities: [], types: [] });
    svc.db.close();
  });

  it('matcherData() is what a page needs to match the same on its own, stamped with the stored build', async () => {
    const name = `svc-data-${process.pid}`;
    names.push(name);
    const svc = new KnowledgeService(new LensDb(name), diskSources);
    const text = 'Pakistan Point News: Sergei Lavrov and the CSTO in Dushanbe; Armenia froze its participation.';
    const data = JSON.parse(JSON.stringify(await svc.matcherData())) as MatcherData;
    expect(data.build).toBe(await storedBuildKey(svc.db));
    expect(data.build.length).toBeGreaterThan(8);
    expect(new EntityMatcher(data).match(text)).toEqual(await svc.match(text));
    expect((await svc.match(text)).length).toBeGreaterThan(3);
    svc.db.close();
  });

  it("matcherSnapshot() is the compiled matcher a page loads without compiling (Firefox's messages clone its typed arrays), made once per build", async () => {
    const name = `svc-snap-${process.pid}`;
    names.push(name);
    const svc = new KnowledgeService(new LensDb(name), diskSources);
    const text = 'Pakistan Point News: Sergei Lavrov and the CSTO in Dushanbe; Armenia froze its participation.';
    const sent = structuredClone(await svc.matcherSnapshot());
    expect(sent.build).toBe(await storedBuildKey(svc.db));
    expect(compilePageMatcher(sent).matchPacked(text)).toEqual(await svc.matchPacked(text));
    expect(await svc.matcherSnapshot()).toBe(await svc.matcherSnapshot());
    svc.db.close();
  });
});
