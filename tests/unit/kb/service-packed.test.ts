import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { LensDb } from '../../../lib/kb/db';
import { KnowledgeService } from '../../../lib/kb/service';
import { unpackSpans } from '../../../lib/protocol/spans';
import { diskSources } from '../../../scripts/lib/sources';

const names: string[] = [];
afterEach(async () => {
  for (const n of names.splice(0)) await Dexie.delete(n);
});

describe('KnowledgeService.matchPacked (the matchText reply)', () => {
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
});
