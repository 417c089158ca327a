import { Dexie } from 'dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LensDb } from '../../../lib/db/database';
import { KbSearch } from '../../../lib/kb/search';
import { KnowledgeService } from '../../../lib/kb/service';
import { diskSources } from '../../../scripts/lib/sources';

// The card, the search and related statements, on the real knowledge base built from the seeds.
const name = `context-${process.pid}`;
let kb: KnowledgeService;
beforeAll(async () => {
  kb = new KnowledgeService(new LensDb(name), diskSources);
  await kb.ensureBuilt();
});
afterAll(async () => {
  kb.db.close();
  await Dexie.delete(name);
});

describe('the card', () => {
  it('ranks statements spoken by the entity first, then those naming it, then those naming entities close to it', async () => {
    const card = (await kb.card('person:stanislav-zas'))!;
    const relations = card.statements.map((s) => s.relation);
    expect(relations[0]).toBe('spoken');
    expect(relations).toEqual([...relations].sort((a, b) => ['spoken', 'names', 'near'].indexOf(a) - ['spoken', 'names', 'near'].indexOf(b)));
    expect(card.statements.filter((s) => s.relation === 'spoken').every((s) => s.speakerId === 'person:stanislav-zas')).toBe(true);
  });

  it('gives every fact read from a document its source, and curated facts none', async () => {
    const card = (await kb.card('org:csto'))!;
    expect(card.facts.length).toBeGreaterThan(0);
    for (const f of card.facts) {
      if (f.source) {
        expect(f.start).toBeTypeOf('number');
        expect(f.source.outlet).not.toBe('');
      } else expect(f.start).toBeNull();
    }
  });

  it('lists the entities it appears with, never context-only ones, most frequent first', async () => {
    const card = (await kb.card('person:sergey-lavrov'))!;
    expect(card.peers.map((p) => p.id)).toContain('org:csto');
    expect(card.peers.map((p) => p.id)).not.toContain('country:afghanistan');
    const counts = card.peers.map((p) => p.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it('is null for an unknown entity', async () => {
    expect(await kb.card('person:nobody')).toBeNull();
  });
});

describe('related statements for a passage', () => {
  it.each([
    [
      'Tajikistan asked its allies to reinforce the Tajik-Afghan border, saying its border guards need new equipment.',
      '004_a203b281c93f1569:st:3333-5938',
    ],
    ['The CSTO anti-drug operation Channel should expand its geography and attract new participants.', '000_d5ad77ca4c6a1d0e:st:'],
    ['Terrorist recruitment of citizens for armed conflicts in third countries is a priority for Belarus.', '001_edeeac1e794ff2af:st:'],
  ])('%s', async (passage, expectedPrefix) => {
    const results = await kb.relatedTo(passage);
    expect(results[0]!.id.startsWith(expectedPrefix)).toBe(true);
    expect(results.map((r) => r.score)).toEqual([...results.map((r) => r.score)].sort((a, b) => b - a));
  });

  it('finds nothing for a passage that shares no words or entities with any statement', async () => {
    expect(await kb.relatedTo('Zxq vbnm qwerty.')).toEqual([]);
  });
});

describe('search over the knowledge base', () => {
  let search: KbSearch;
  beforeAll(async () => {
    const db = kb.db;
    search = KbSearch.build({
      entities: await db.entities.toArray(),
      aliases: await db.aliases.toArray(),
      statements: await db.statements.toArray(),
      facts: await db.facts.toArray(),
      documents: await db.documents.toArray(),
    });
  });

  it.each([
    ['Lavrov', 'entity', 'person:sergey-lavrov'],
    ['Lavr', 'entity', 'person:sergey-lavrov'], // prefix
    ['Lavrv', 'entity', 'person:sergey-lavrov'], // fuzzy: one letter missing
    ['ОДКБ', 'entity', 'org:csto'], // an alias
    ['videoconference', 'statement', '003_b7a2642ef44c1546:st:'],
  ])('%s finds %s %s', (query, kind, id) => {
    const hits = search.search(query);
    expect(hits.some((h) => h.kind === kind && h.id.startsWith(id))).toBe(true);
  });

  it('returns nothing for an empty query', () => {
    expect(search.search('  ')).toEqual([]);
  });
});
