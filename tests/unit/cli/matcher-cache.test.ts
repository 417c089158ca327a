import { mkdtempSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { cacheFile } from '../../../scripts/lib/kb-cache';
import { matcherFile } from '../../../scripts/lib/matcher-cache';
import * as nodeKb from '../../../scripts/lib/node-kb';
import { openNodeMatcher } from '../../../scripts/lib/node-matcher';
import { diskSources } from '../../../scripts/lib/sources';

// cli-perf (issue 13): `match` answered from the compiled matcher kept on disk, without loading
// the knowledge base into fake-indexeddb; the same answer as the knowledge service gives.

vi.mock('../../../scripts/lib/node-kb', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../scripts/lib/node-kb')>();
  return { ...real, openNodeKnowledgeBase: vi.fn(real.openNodeKnowledgeBase) };
});
const opens = vi.mocked(nodeKb.openNodeKnowledgeBase);

const TEXT =
  'Ρ 😀 The CSTO’s foreign ministers met in Bishkek with Sergei Lavrov. ОДКБ и генсек ОДКБ Имангали Тасмагамбетов; ' +
  'Armenia froze its participation, Pakistan Point News reported. Collective Security Treaty Organization drills "Interaction-2024".';

const noEnv = {};
async function answer(cache: string | false) {
  const m = await openNodeMatcher({ cache }, noEnv);
  return { source: m.source, spans: m.match(TEXT).map((s) => ({ ...s, name: m.name(s.entityId) })) };
}

/** What the knowledge service itself answers (the extension's code path). */
async function serviceAnswer() {
  const kb = await nodeKb.openNodeKnowledgeBase({ cache: false });
  try {
    const names = new Map((await kb.db.entities.toArray()).map((e) => [e.id, e.name]));
    return (await kb.match(TEXT)).map((s) => ({ ...s, name: names.get(s.entityId) ?? s.entityId }));
  } finally {
    kb.stop();
    await kb.db.delete();
  }
}

const keptMatchers = (dir: string) => readdirSync(dir).filter((f) => f.startsWith('matcher-'));

beforeEach(() => {
  opens.mockClear();
});

describe('the matcher kept on disk', () => {
  it('is written by the first call; the second answers from it, without the knowledge base, the same as the service', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csto-matchercache-'));
    const first = await answer(dir);
    expect(first.source).toBe('knowledge-base');
    expect(opens).toHaveBeenCalledTimes(1);
    expect(keptMatchers(dir)).toEqual([matcherFile(dir).split('/').pop()]);

    const second = await answer(dir);
    expect(second.source).toBe('matcher-cache');
    expect(opens).toHaveBeenCalledTimes(1); // no fake-indexeddb, no Dexie
    expect(second.spans).toEqual(first.spans);

    const service = await serviceAnswer();
    expect(second.spans).toEqual(service);
    expect(service.map((s) => s.entityId)).toEqual(expect.arrayContaining(['org:csto', 'person:sergey-lavrov']));
    expect(service.find((s) => s.entityId === 'org:csto')).toMatchObject({ name: expect.stringMatching(/Collective Security Treaty/), type: 'organization' });
  }, 60_000);

  it('is not used once the knowledge-base file it was made from changes, and is made again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csto-matchercache-'));
    await answer(dir);
    const kbPath = cacheFile(dir, diskSources()).path;
    const later = new Date(Date.now() + 5_000);
    utimesSync(kbPath, later, later);
    expect((await answer(dir)).source).toBe('knowledge-base');
    expect(opens).toHaveBeenCalledTimes(2);
    expect((await answer(dir)).source).toBe('matcher-cache');
    expect(opens).toHaveBeenCalledTimes(2);
  }, 60_000);

  it.each([
    ['not what node:v8 wrote', 'garbage'],
    ['empty', ''],
  ])('falls back to the knowledge base over a matcher file that is %s, then replaces it', async (_what, content) => {
    const dir = mkdtempSync(join(tmpdir(), 'csto-matchercache-'));
    await answer(dir);
    writeFileSync(matcherFile(dir), content);
    const r = await answer(dir);
    expect(r.source).toBe('knowledge-base');
    expect(r.spans.map((s) => s.entityId)).toContain('org:csto');
    expect((await answer(dir)).source).toBe('matcher-cache');
  }, 60_000);

  it('falls back to the knowledge base over a snapshot of another format (an older checkout wrote it)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csto-matchercache-'));
    await answer(dir);
    const file = deserialize(readFileSync(matcherFile(dir))) as { snapshot: Record<string, unknown> };
    const compiled = Object.values(file.snapshot).find((v): v is { format: number } => typeof v === 'object' && v !== null && 'format' in v);
    expect(compiled).toBeDefined();
    compiled!.format = -1;
    writeFileSync(matcherFile(dir), serialize(file));
    const r = await answer(dir);
    expect(r.source).toBe('knowledge-base');
    expect(r.spans.map((s) => s.entityId)).toContain('org:csto');
    expect((await answer(dir)).source).toBe('matcher-cache');
  }, 60_000);

  it('is neither read nor written with the cache off', async () => {
    expect((await answer(false)).source).toBe('knowledge-base');
    expect((await answer(false)).source).toBe('knowledge-base');
    expect(opens).toHaveBeenCalledTimes(2);
  }, 60_000);
});
