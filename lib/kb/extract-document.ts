import type { Alias, Entity } from '../model/types';
import { buildMatcher } from '../match';
import {
  extractFacts,
  extractStatementsFor,
  findPeople,
  personIdFor,
  splitSentences,
  type EntityInfo,
  type ExtractedFact,
  type ExtractedStatement,
  type MentionIn,
  type PostInfo,
} from '../nlp';

// One document (a page the reader reads, a file given to `kb extract`) against the knowledge base:
// the people it names that the knowledge base lacks become new person entities (with the role the
// text gives them), then its statements and facts are read with every alias, new ones included.

export interface DocumentInput {
  text: string;
  date: string | null;
  outlet: string | null;
  lang: string | null;
  /** For descriptions of new entities. */
  title: string;
}

export interface KnowledgeContext {
  entities: Entity[];
  aliases: Alias[];
  posts: PostInfo[];
  /** Titles of posts per person (registry posts). */
  postTitles?: Map<string, string[]>;
}

export interface NewEntity {
  id: string;
  type: 'person';
  name: string;
  role: string | null;
  description: string;
  /** Offsets of the name in the text. */
  start: number;
  end: number;
}

export interface DocumentExtraction {
  statements: ExtractedStatement[];
  facts: ExtractedFact[];
  newEntities: NewEntity[];
  mentions: MentionIn[];
}

export function extractDocument(doc: DocumentInput, ctx: KnowledgeContext): DocumentExtraction {
  const known = buildMatcher(ctx.aliases).scan(doc.text);
  const byId = new Map(ctx.entities.map((e) => [e.id, e]));
  const aliasTexts = new Set(ctx.aliases.map((a) => a.text.toLowerCase()));
  const newEntities: NewEntity[] = [];
  for (const p of findPeople(doc.text, known.map((s) => ({ start: s.start, end: s.end, entityId: s.entityId })))) {
    const id = personIdFor(p.name);
    if (byId.has(id) || aliasTexts.has(p.name.toLowerCase()) || newEntities.some((n) => n.id === id)) continue;
    newEntities.push({
      id, type: 'person', name: p.name, role: p.role, start: p.start, end: p.end,
      description: p.role ? `${p.role} (named in “${doc.title}”, ${doc.outlet ?? 'unknown outlet'}).` : `Named in “${doc.title}” (${doc.outlet ?? 'unknown outlet'}).`,
    });
  }
  const aliases: Alias[] = [...ctx.aliases, ...newEntities.map((n) => ({ text: n.name, entityId: n.id, caseSensitive: false }))];
  const mentions: MentionIn[] = buildMatcher(aliases).scan(doc.text).map((s) => ({ start: s.start, end: s.end, entityId: s.entityId }));
  const info = new Map<string, EntityInfo>();
  for (const e of ctx.entities) {
    const titles = [...(e.titles ?? []), ...(ctx.postTitles?.get(e.id) ?? [])];
    info.set(e.id, { id: e.id, type: e.type, name: e.name, ...(titles.length ? { titles } : {}) });
  }
  for (const n of newEntities) info.set(n.id, { id: n.id, type: 'person', name: n.name, ...(n.role ? { titles: [n.role] } : {}) });
  const sentences = splitSentences(doc.text);
  const statements = extractStatementsFor(doc.text, sentences, mentions, info, { date: doc.date, posts: ctx.posts, outlet: doc.outlet, lang: doc.lang });
  const facts = extractFacts(doc.text, sentences, mentions, info).filter((f) => info.has(f.entityId));
  return { statements, facts, newEntities, mentions };
}
