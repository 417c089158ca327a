// What the knowledge base answers, as it crosses contexts (background → pages): plain types.
import type { Alias, DatePrecision, Entity, EntityType, Statement } from './types';

export interface KbStats {
  documents: number;
  entities: number;
  aliases: number;
  mentions: number;
  sentences: number;
  statements: number;
  facts: number;
}

/** How long the last build this worker made took (none when the stored build was current). */
export interface KbBuildTiming {
  /** buildKnowledgeBase: registry and seeds to records (the NLP included). */
  buildMs: number;
  /** storeKnowledgeBase: the records into IndexedDB, in one transaction. */
  storeMs: number;
  at: string;
}

export interface CardSource {
  documentId: string;
  title: string;
  outlet: string;
  date: string | null;
  datePrecision: DatePrecision;
}

export interface CardFact {
  id: string;
  kind: string;
  text: string;
  /** null for the curated registry. */
  source: CardSource | null;
  start: number | null;
  end: number | null;
  /** Further sources that state the same fact (lib/kb/card-facts.ts): the newest FACT_SOURCES (lib/kb/card.ts). */
  also?: CardSource[];
  /** How many more sources state it than `also` lists. */
  alsoMore?: number;
}

export type StatementRelation = 'spoken' | 'names' | 'near';

export interface CardStatement {
  id: string;
  kind: Statement['kind'];
  text: string;
  speakerId: string | null;
  speakerName: string | null;
  date: string | null;
  source: CardSource;
  relation: StatementRelation;
}

export interface CardPeer {
  id: string;
  name: string;
  type: EntityType;
  /** Sentences in which both are mentioned. */
  count: number;
}

export interface CardData {
  entity: Pick<Entity, 'id' | 'type' | 'name' | 'description'> & { aliases: string[] };
  facts: CardFact[];
  statements: CardStatement[];
  peers: CardPeer[];
  /** ru-match: entities named inside this one's names ("генсек ОДКБ" → the CSTO), so the card
   *  opens them too. */
  inside?: Pick<Entity, 'id' | 'type' | 'name'>[];
  /** Statements it spoke or that name it: its timeline (lib/kb/timeline.ts) in the notebook. */
  timelineCount?: number;
}

export interface RelatedStatement {
  id: string;
  text: string;
  kind: Statement['kind'];
  speakerId: string | null;
  speakerName: string | null;
  date: string | null;
  source: CardSource;
  score: number;
  /** Entity ids the statement shares with the passage. */
  shared: string[];
}

export interface ContextStatement {
  id: string;
  text: string;
  speakerName: string | null;
  date: string | null;
  source: CardSource;
  /** 'spoken' when the entity said it, 'names' when it only names the entity. */
  relation: 'spoken' | 'names';
}

export interface ContextEntity {
  entityId: string;
  name: string;
  type: EntityType;
  description: string;
  /** Mentions on the page (0 when the page was read without highlighting). */
  count: number;
  latest: ContextStatement | null;
}

export interface PageContext {
  entities: ContextEntity[];
  related: RelatedStatement[];
}

/** What the popup sends: the page's text, and its mentions by entity id where the content script has them. */
export interface PageContextRequest {
  text: string;
  counts?: [entityId: string, count: number][];
}

export interface LearnedSummary {
  id: string;
  url: string;
  title: string;
  outlet: string;
  date: string | null;
  lang: string;
  addedAt: string;
  updatedAt: string;
  statements: number;
  facts: number;
  mentions: number;
}

export type LearnResult = { ok: true; created: boolean; unchanged?: boolean; summary: LearnedSummary } | { ok: false; error: string };

/** What a matcher needs from the knowledge base. Plain data: it is sent as a message. */
export interface MatcherData {
  /** The knowledge-base build it was read from. */
  build: string;
  aliases: Alias[];
  /** The type of every entity the aliases name. */
  types: Record<string, EntityType>;
  /** Context-only entities: they take part in matching, so "Pakistan Point News" is not read as
   *  "Pakistan", but their mentions are never returned. */
  hidden: string[];
}

/** MatcherData compiled, as plain data (typed arrays): lib/match/entities.ts's MatcherSnapshot,
 *  whose compiled word trie the messages that carry it need not know. */
export interface CompiledMatcherData {
  build: string;
  wordTrie: unknown;
  types: Record<string, EntityType>;
  hidden: string[];
}
