import type { Alias, Entity, Fact, Mention, SourceDocument, Statement } from '../model/types';
import { buildMatcher } from '../match';
import { extractFacts, extractStatementsFor, findPeople, personIdFor, splitSentences } from '../nlp';
import type { EntityInfo, MentionIn } from '../nlp';
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
  const docs = seeds.map((seed) => {
    const id = documentId(seed.file);
    const entry = manifest.documents[seed.file];
    const meta = readMetadata(seed.text, entry);
    const doc: SourceDocument = {
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
    return doc;
  });
  for (const doc of docs) {
    const known = registryMatcher.scan(doc.text);
    for (const person of findPeople(doc.text, known)) {
      const pid = personIdFor(person.name);
      if (entities.has(pid) || aliases.some((a) => a.text.toLowerCase() === person.name.toLowerCase())) continue;
      entities.set(pid, {
        id: pid,
        type: 'person',
        name: person.name,
        description: person.role
          ? `${person.role} (named in “${doc.title}”, ${doc.outlet}).`
          : `Named in “${doc.title}” (${doc.outlet}).`,
        origin: 'extracted',
        ...(person.role ? { titles: [person.role] } : {}),
      });
      aliases.push({ text: person.name, entityId: pid, caseSensitive: false });
      if (person.role) {
        addFact({
          id: `${doc.id}:role:${pid}:${person.start}`,
          entityId: pid,
          kind: 'role',
          text: doc.text.slice(Math.min(person.roleStart ?? person.start, person.start), Math.max(person.roleEnd ?? person.end, person.end)),
          documentId: doc.id,
          start: Math.min(person.roleStart ?? person.start, person.start),
          end: Math.max(person.roleEnd ?? person.end, person.end),
        });
      }
    }
  }

  // Pass 2: mentions, sentences, statements and facts with the full alias set.
  const matcher = buildMatcher(aliases);
  const info = new Map<string, EntityInfo>(
    [...entities.values()].map((e) => {
      const titles = [...(e.titles ?? []), ...(postTitles.get(e.id) ?? [])];
      return [e.id, { id: e.id, type: e.type, name: e.name, ...(titles.length ? { titles } : {}) }];
    }),
  );
  const mentions: Mention[] = [];
  const sentences: SentenceRow[] = [];
  const statements: Statement[] = [];
  for (const doc of docs) {
    const spans = matcher.scan(doc.text);
    const mentionsIn: MentionIn[] = spans.map((s) => ({ start: s.start, end: s.end, entityId: s.entityId }));
    for (const s of spans) {
      mentions.push({ id: `${doc.id}:${s.start}-${s.end}`, entityId: s.entityId, documentId: doc.id, start: s.start, end: s.end, text: s.text });
    }
    const sents = splitSentences(doc.text);
    for (const s of sents) sentences.push({ id: `${doc.id}#${s.index}`, documentId: doc.id, index: s.index, start: s.start, end: s.end });
    const lang = manifest.documents[doc.file]?.lang; // a learned page's stated language; else its letters decide
    for (const st of extractStatementsFor(doc.text, sents, mentionsIn, info, { date: doc.date, posts, outlet: doc.outlet, ...(lang ? { lang } : {}) })) {
      statements.push({
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
      });
    }
    for (const f of extractFacts(doc.text, sents, mentionsIn, info)) {
      if (!entities.has(f.entityId)) continue;
      addFact({
        id: `${doc.id}:${f.kind}:${f.entityId}:${f.start}-${f.end}`,
        entityId: f.entityId,
        kind: f.kind,
        text: f.text,
        documentId: doc.id,
        start: f.start,
        end: f.end,
        ...(f.objectIds.length ? { objectIds: f.objectIds } : {}),
      });
    }
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

function dedupeAliases(aliases: Alias[]): Alias[] {
  const byId = new Map<string, Alias>();
  for (const a of aliases) if (!byId.has(`${a.entityId}|${a.text}`)) byId.set(`${a.entityId}|${a.text}`, a);
  return [...byId.values()];
}
