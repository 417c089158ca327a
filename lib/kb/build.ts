import type { Alias, Entity, Fact, LearnedDocument, Mention, SourceDocument, Statement } from '../model/types';
import { buildMatcher, type Matcher } from '../match';
import { extractFacts, extractStatementsFor, findPeople, personIdFor, splitSentences } from '../nlp';
import type { EntityInfo, MentionIn, PostInfo } from '../nlp';
import { learnedSources } from '../learn/learned';
import type { Registry } from '../registry/schema';
import { registryAliases, registryEntities } from '../registry/aliases';
import { postFacts, postHolderEntities, postTitlesByPerson, registryPosts } from '../registry/posts';
import type { AliasRow, SentenceRow } from '../db/knowledge';
import { computeBuildKey, type SeedManifest, type SeedSource } from './build-key';
import { hashString } from './hash';
import { readMetadata } from './metadata';

// Builds the whole knowledge base in memory from the registry and the seed
// documents. Pure and deterministic: the same inputs give the same records with
// the same ids, which is what makes the stored build idempotent.

// The build key and the extractor version live in build-key.ts (a worker compares the key
// without loading this module and the NLP); re-exported here for existing importers.
export { EXTRACTOR_VERSION, computeBuildKey, type SeedManifest, type SeedSource } from './build-key';

export interface KbData {
  buildKey: string;
  documents: SourceDocument[];
  entities: Entity[];
  aliases: AliasRow[];
  mentions: Mention[];
  sentences: SentenceRow[];
  statements: Statement[];
  facts: Fact[];
}

export function aliasRow(a: Alias): AliasRow {
  return {
    id: `${a.entityId}|${a.text}`,
    entityId: a.entityId,
    text: a.text,
    caseSensitive: a.caseSensitive,
    ...(a.context ? { context: a.context } : {}),
    ...(a.lang ? { lang: a.lang } : {}),
  };
}

const documentId = (file: string) => file.replace(/\.[^.]+$/, '');

export function buildKnowledgeBase(registry: Registry, seedsIn: SeedSource[], manifest: SeedManifest): KbData {
  const seeds = [...seedsIn].sort((a, b) => a.file.localeCompare(b.file));
  const entities = new Map<string, Entity>(registryEntities(registry).map((e) => [e.id, e]));
  const aliases: Alias[] = registryAliases(registry);
  const facts = new Map<string, Fact>();
  const addFact = (f: Fact) => facts.set(f.id, f);
  // posts with tenures: holders the entities list lacks, and one role fact per tenure
  const holders = postHolderEntities(registry, new Set(entities.keys()));
  for (const e of holders.entities) entities.set(e.id, e);
  aliases.push(...holders.aliases);
  for (const f of postFacts(registry)) {
    addFact({ id: f.id, entityId: f.entityId, kind: 'role', text: f.text, documentId: 'registry', start: null, end: null, ...(f.objectIds.length ? { objectIds: f.objectIds } : {}) });
  }
  const posts = registryPosts(registry);
  const postTitles = postTitlesByPerson(registry);

  for (const e of registry.entities) {
    (e.facts ?? []).forEach((f, i) =>
      addFact({
        id: `registry:${e.id}:${i}`,
        entityId: e.id,
        kind: f.kind,
        text: f.text,
        documentId: 'registry',
        start: null,
        end: null,
        ...(f.objectIds ? { objectIds: f.objectIds } : {}),
      }),
    );
  }

  // Pass 1: people the registry lacks (delegation heads, ambassadors, ...) become entities.
  const registryMatcher = buildMatcher(aliases);
  const docs = seeds.map((seed) => sourceDocument(seed, manifest.documents[seed.file]));
  for (const doc of docs) newPeople(doc, registryMatcher, entities, aliases, addFact);

  // Pass 2: mentions, sentences, statements and facts with the full alias set.
  const matcher = buildMatcher(aliases);
  const info = entityInfo(entities, postTitles);
  const mentions: Mention[] = [];
  const sentences: SentenceRow[] = [];
  const statements: Statement[] = [];
  for (const doc of docs) {
    const r = documentRecords(doc, manifest.documents[doc.file]?.lang, matcher, info, posts, entities);
    mentions.push(...r.mentions);
    sentences.push(...r.sentences);
    statements.push(...r.statements);
    for (const f of r.facts) addFact(f);
  }

  return {
    buildKey: computeBuildKey(registry, seeds, manifest),
    documents: docs,
    entities: [...entities.values()],
    aliases: dedupeAliases(aliases).map(aliasRow),
    mentions,
    sentences,
    statements,
    facts: [...facts.values()],
  };
}

/** A seed (or a learned page as a seed) as a source document, with its metadata. */
function sourceDocument(seed: SeedSource, entry: SeedManifest['documents'][string] | undefined): SourceDocument {
  const id = documentId(seed.file);
  const meta = readMetadata(seed.text, entry);
  return {
    id,
    file: seed.file,
    title: meta.title,
    outlet: meta.outlet,
    date: meta.date,
    datePrecision: meta.datePrecision,
    ...(meta.dateNote ? { dateNote: meta.dateNote } : {}),
    text: seed.text,
    hash: hashString(seed.text),
    ...(entry?.url ? { url: entry.url, origin: 'learned' as const } : {}),
  };
}

/**
 * The people a document names that the knowledge base lacks: each becomes a person entity whose
 * `documentId` is the document (its provenance), with an alias, and a role fact when the text gives one.
 * `entities`, `aliases` and the facts grow in place.
 */
function newPeople(doc: SourceDocument, known: Matcher, entities: Map<string, Entity>, aliases: Alias[], addFact: (f: Fact) => void): void {
  const texts = new Set(aliases.map((a) => a.text.toLowerCase()));
  for (const person of findPeople(doc.text, known.scan(doc.text))) {
    const pid = personIdFor(person.name);
    if (entities.has(pid) || texts.has(person.name.toLowerCase())) continue;
    entities.set(pid, {
      id: pid,
      type: 'person',
      name: person.name,
      description: person.role
        ? `${person.role} (named in “${doc.title}”, ${doc.outlet}).`
        : `Named in “${doc.title}” (${doc.outlet}).`,
      origin: 'extracted',
      documentId: doc.id,
      ...(person.role ? { titles: [person.role] } : {}),
    });
    aliases.push({ text: person.name, entityId: pid, caseSensitive: false });
    texts.add(person.name.toLowerCase());
    if (person.role) {
      const start = Math.min(person.roleStart ?? person.start, person.start);
      const end = Math.max(person.roleEnd ?? person.end, person.end);
      addFact({ id: `${doc.id}:role:${pid}:${person.start}`, entityId: pid, kind: 'role', text: doc.text.slice(start, end), documentId: doc.id, start, end });
    }
  }
}

function entityInfo(entities: Map<string, Entity>, postTitles: Map<string, string[]>): Map<string, EntityInfo> {
  return new Map(
    [...entities.values()].map((e) => {
      const titles = [...(e.titles ?? []), ...(postTitles.get(e.id) ?? [])];
      return [e.id, { id: e.id, type: e.type, name: e.name, ...(titles.length ? { titles } : {}) }];
    }),
  );
}

/** A document's mentions, sentences, statements and facts, read with every alias. */
function documentRecords(
  doc: SourceDocument,
  lang: string | undefined,
  matcher: Matcher,
  info: Map<string, EntityInfo>,
  posts: PostInfo[],
  entities: Map<string, Entity>,
): { mentions: Mention[]; sentences: SentenceRow[]; statements: Statement[]; facts: Fact[] } {
  const spans = matcher.scan(doc.text);
  const mentionsIn: MentionIn[] = spans.map((s) => ({ start: s.start, end: s.end, entityId: s.entityId }));
  const mentions = spans.map((s) => ({ id: `${doc.id}:${s.start}-${s.end}`, entityId: s.entityId, documentId: doc.id, start: s.start, end: s.end, text: s.text }));
  const sents = splitSentences(doc.text);
  const sentences = sents.map((s) => ({ id: `${doc.id}#${s.index}`, documentId: doc.id, index: s.index, start: s.start, end: s.end }));
  // a learned page's stated language; else its letters decide
  const statements = extractStatementsFor(doc.text, sents, mentionsIn, info, { date: doc.date, posts, outlet: doc.outlet, ...(lang ? { lang } : {}) }).map(
    (st): Statement => ({
      id: `${doc.id}:st:${st.start}-${st.end}`,
      documentId: doc.id,
      kind: st.kind,
      text: st.text,
      start: st.start,
      end: st.end,
      speakerId: st.speakerId,
      speakerName: st.speakerName,
      speakerMention: st.speakerMention,
      date: doc.date,
      entityIds: st.entityIds,
    }),
  );
  const facts = extractFacts(doc.text, sents, mentionsIn, info)
    .filter((f) => entities.has(f.entityId))
    .map(
      (f): Fact => ({
        id: `${doc.id}:${f.kind}:${f.entityId}:${f.start}-${f.end}`,
        entityId: f.entityId,
        kind: f.kind,
        text: f.text,
        documentId: doc.id,
        start: f.start,
        end: f.end,
        ...(f.objectIds.length ? { objectIds: f.objectIds } : {}),
      }),
    );
  return { mentions, sentences, statements, facts };
}

/** What one learned document adds to a stored knowledge base (lib/kb/learned-apply.ts writes it). */
export interface LearnedRecords {
  document: SourceDocument;
  /** People it names that the knowledge base lacked (their `documentId` is this document). */
  entities: Entity[];
  aliases: AliasRow[];
  mentions: Mention[];
  sentences: SentenceRow[];
  statements: Statement[];
  facts: Fact[];
}

/**
 * One learned document against the stored knowledge base (its entities and aliases), with the same
 * ids and rules as a whole build: learning a page adds these records instead of building everything.
 * (A whole build would also find, in the other documents, the people this one introduces; the next
 * seed rebuild does.)
 */
export function learnedRecords(registry: Registry, learned: LearnedDocument, stored: { entities: Entity[]; aliases: AliasRow[] }): LearnedRecords {
  const { seeds, entries } = learnedSources([learned]);
  const seed = seeds[0]!;
  const entry = entries[seed.file];
  const doc = sourceDocument(seed, entry);
  const entities = new Map(stored.entities.map((e) => [e.id, e]));
  const aliases: Alias[] = stored.aliases.map(({ id: _id, ...a }) => a);
  const before = aliases.length;
  const facts: Fact[] = [];
  const known = buildMatcher(aliases);
  newPeople(doc, known, entities, aliases, (f) => facts.push(f));
  const added = aliases.slice(before);
  const newEntities = [...entities.values()].filter((e) => e.documentId === doc.id && !stored.entities.some((s) => s.id === e.id));
  const r = documentRecords(doc, entry?.lang, added.length ? buildMatcher(aliases) : known, entityInfo(entities, postTitlesByPerson(registry)), registryPosts(registry), entities);
  return { document: doc, entities: newEntities, aliases: added.map(aliasRow), mentions: r.mentions, sentences: r.sentences, statements: r.statements, facts: [...facts, ...r.facts] };
}

function dedupeAliases(aliases: Alias[]): Alias[] {
  const byId = new Map<string, Alias>();
  for (const a of aliases) if (!byId.has(`${a.entityId}|${a.text}`)) byId.set(`${a.entityId}|${a.text}`, a);
  return [...byId.values()];
}
