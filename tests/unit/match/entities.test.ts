import { describe, expect, it } from 'vitest';
import { EntityMatcher, matcherData } from '../../../lib/match/entities';
import type { Alias, EntityType } from '../../../lib/model/types';
import { unpackSpans } from '../../../lib/match/spans';
import { realKnowledgeBase } from '../../../bench/lib/corpus';

const TEXT =
  'Pakistan Point News reports that the CSTO met. Kazakhstan holds the CSTO chairmanship; ' +
  'Sergei Lavrov spoke in Bishkek.\nThe Collective Security Treaty Organization and Russia.';

describe('EntityMatcher (the matcher pages run on data sent by the background)', () => {
  const kb = realKnowledgeBase();
  const aliases: Alias[] = kb.aliases.map(({ id: _id, ...a }) => a);
  const data = matcherData('build-1', aliases, kb.entities);

  it('is plain data that survives a message (JSON) and matches the same after the trip', () => {
    const direct = new EntityMatcher(data);
    const sent = new EntityMatcher(JSON.parse(JSON.stringify(data)));
    expect(sent.build).toBe('build-1');
    expect(sent.aliasCount).toBe(direct.aliasCount);
    expect(sent.match(TEXT)).toEqual(direct.match(TEXT));
    expect(sent.match(TEXT).map((s) => TEXT.slice(s.start, s.end))).toEqual(
      expect.arrayContaining(['CSTO', 'Kazakhstan', 'Sergei Lavrov', 'Bishkek', 'Collective Security Treaty Organization', 'Russia']),
    );
  });

  it('keeps context-only entities in the word trie but never returns them', () => {
    const m = new EntityMatcher(data);
    const hidden = new Set(data.hidden);
    expect(hidden.size).toBeGreaterThan(0);
    const spans = m.match(TEXT);
    expect(spans.some((s) => hidden.has(s.entityId))).toBe(false);
    // "Pakistan Point News" is an outlet (context-only): it takes "Pakistan" whole, so the country is not read there
    expect(spans.some((s) => TEXT.slice(s.start, s.end) === 'Pakistan')).toBe(false);
  });

  it('matchPacked is match() packed; types come from the entities', () => {
    const m = new EntityMatcher(data);
    expect(unpackSpans(m.matchPacked(TEXT))).toEqual(m.match(TEXT));
    const byId = new Map(kb.entities.map((e) => [e.id, e.type]));
    for (const s of m.match(TEXT)) expect(s.type).toBe(byId.get(s.entityId));
    expect(m.matchPacked('')).toEqual({ data: [], entities: [], types: [] });
  });

  it('sends only what matching reads: languages only where they gate matching, types only for entities some alias names', () => {
    expect(data.aliases.every((a) => !('lang' in a) || /^(?:es|fr|de)(?:,(?:es|fr|de))*$/.test(a.lang!))).toBe(true);
    expect(data.aliases.some((a) => a.lang === 'ru' || a.lang === 'en')).toBe(false);
    expect(aliases.some((a) => a.lang)).toBe(true);
    const named = new Set(aliases.map((a) => a.entityId));
    expect(Object.keys(data.types).every((id) => named.has(id))).toBe(true);
    expect(data.aliases.filter((a) => a.context).length).toBe(aliases.filter((a) => a.context).length);
  });

  it('release() drops the scratch space and the next scan is unchanged', () => {
    const m = new EntityMatcher(data);
    const before = m.match(TEXT);
    m.release();
    expect(m.match(TEXT)).toEqual(before);
  });

  it('an alias whose entity has no type falls back to organization', () => {
    const m = new EntityMatcher({ build: 'x', aliases: [{ text: 'Zork', entityId: 'org:zork', caseSensitive: false }], types: {} as Record<string, EntityType>, hidden: [] });
    expect(m.match('The Zork said.')).toEqual([{ start: 4, end: 8, entityId: 'org:zork', type: 'organization' }]);
  });
});
