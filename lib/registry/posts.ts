import type { Entity, Alias } from '../model/types';
import type { PostInfo } from '../nlp/common';
import type { Registry } from './schema';

// Posts with tenures (registry "posts"): who held a title when. Holders the entities list lacks
// become person entities; every holder gets the post's titles (so "the minister" refers back) and a
// role fact with the tenure.

export function registryPosts(registry: Registry): PostInfo[] {
  return (registry.posts ?? []).map((p) => ({
    id: p.id,
    titles: p.titles,
    ...(p.shortTitles ? { shortTitles: p.shortTitles } : {}),
    holders: p.holders.map((h) => ({ personId: h.personId, from: h.from, ...(h.to ? { to: h.to } : {}) })),
  }));
}

/** Person entities (and their name aliases) for holders named only in the posts section. */
export function postHolderEntities(registry: Registry, known: Set<string>): { entities: Entity[]; aliases: Alias[] } {
  const entities: Entity[] = [];
  const aliases: Alias[] = [];
  for (const p of registry.posts ?? []) {
    for (const h of p.holders) {
      if (known.has(h.personId)) continue;
      if (!h.name) throw new Error(`registry.json: post ${p.id} names ${h.personId}, which is not an entity: give its "name"`);
      known.add(h.personId);
      entities.push({ id: h.personId, type: 'person', name: h.name, description: `${p.titles[0]} (${h.from} – ${h.to ?? 'present'}).`, origin: 'registry' });
      aliases.push({ text: h.name, entityId: h.personId, caseSensitive: false });
    }
  }
  return { entities, aliases };
}

/** One role fact per tenure: "CSTO Secretary General from 2020-01-01 to 2022-12-31". */
export function postFacts(registry: Registry): { id: string; entityId: string; text: string; objectIds: string[] }[] {
  return (registry.posts ?? []).flatMap((p) =>
    p.holders.map((h, i) => ({
      id: `registry:${p.id}:${i}`,
      entityId: h.personId,
      text: `${h.acting ? 'Acting ' : ''}${p.titles[0]} from ${h.from}${h.to ? ` to ${h.to}` : ''}.`,
      objectIds: p.of ? [p.of] : [],
    })),
  );
}

/** Titles of every post a person held (added to the person's titles for back-references). */
export function postTitlesByPerson(registry: Registry): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of registry.posts ?? []) for (const h of p.holders) out.set(h.personId, [...(out.get(h.personId) ?? []), ...p.titles]);
  return out;
}
