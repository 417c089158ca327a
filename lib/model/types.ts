// Plain data types shared by every context. No imports, no behaviour.

export const ENTITY_TYPES = [
  'organization',
  'body',
  'person',
  'country',
  'place',
  'operation',
  'exercise',
  'programme',
  'group',
  'event',
  'document',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** Words that must stand near an ambiguous alias for it to count as a mention. */
export interface ContextRule {
  /** Cue words or phrases (case-insensitive) that make the alias a CSTO entity. */
  cues: string[];
  /** How many words before or after the alias a cue may stand. Default 8. */
  window?: number;
  /** A four-digit year joined by a dash ("Interaction-2023", "Rubezh2024") is enough on its own. */
  yearSuffix?: boolean;
  /** Words that rule the entity out when they stand within the window ("Channel" near "documentary"). */
  blockCues?: string[];
  /** ru-match: a capitalised name right after the alias does not make it part of a longer name
   *  (an abbreviation before a person: "Президент РК Касым-Жомарт Токаев"). */
  nameMayFollow?: boolean;
}

export interface Alias {
  /** The surface form as written in the registry or found in a document. */
  text: string;
  entityId: string;
  /** Match exactly this case (acronyms). When false, case-insensitive. */
  caseSensitive: boolean;
  /** An ambiguous form: counts only when its context rule holds. */
  context?: ContextRule;
  lang?: string;
}

export interface Entity {
  id: string;
  type: EntityType;
  name: string;
  description: string;
  /** Role phrases that refer to this entity in running text without naming it
   *  ("the Russian foreign minister"); used to resolve speakers, never highlighted. */
  titles?: string[];
  /** False for entities the knowledge base keeps for context but never highlights. */
  highlight?: boolean;
  /** Where the entity came from: the curated registry or found in a document by NLP. */
  origin: 'registry' | 'extracted';
  /** For an extracted entity: the document that introduced it (its provenance; removing that learned
   *  document removes the entity unless another document names it). */
  documentId?: string;
  /** Related entity ids (member of, part of, capital of ...). */
  related?: { relation: string; entityId: string }[];
}

export type DatePrecision = 'day' | 'day-no-year' | 'year-inferred' | 'unknown';

export interface SourceDocument {
  id: string;
  file: string;
  title: string;
  outlet: string;
  /** ISO date (YYYY-MM-DD) when known; for 'day-no-year', '--MM-DD'. */
  date: string | null;
  datePrecision: DatePrecision;
  /** Free-text explanation when the date was inferred or is partial. */
  dateNote?: string;
  text: string;
  /** Content hash of the text, to make rebuilds idempotent. */
  hash: string;
  /** The original page, for documents learned from the web (seeds have none). */
  url?: string;
  /** 'seed' (shipped with the extension) or 'learned' (a page the reader added). */
  origin?: 'seed' | 'learned';
}

export interface Sentence {
  documentId: string;
  index: number;
  start: number;
  end: number;
}

export interface Mention {
  id: string;
  entityId: string;
  documentId: string;
  start: number;
  end: number;
  text: string;
}

export type StatementKind = 'quote' | 'reported' | 'answer';

export interface Statement {
  id: string;
  documentId: string;
  kind: StatementKind;
  /** The words said (for a quote: the text inside the quotation marks, joined). */
  text: string;
  /** Offsets of the sentence(s) that hold the statement in the document. */
  start: number;
  end: number;
  speakerId: string | null;
  speakerName: string | null;
  /** How the speaker was referred to at the attribution ("the Russian foreign minister", "he"). */
  speakerMention: string | null;
  date: string | null;
  entityIds: string[];
}

export interface Fact {
  id: string;
  entityId: string;
  /** Kind of fact: membership, founded, role, delegation-size, chairmanship, ... */
  kind: string;
  text: string;
  /** 'registry' for curated facts, else a document id. */
  documentId: string;
  start: number | null;
  end: number | null;
  /** Other entities the fact relates the subject to. */
  objectIds?: string[];
}

/** A match of an alias in a text, in UTF-16 offsets. */
export interface Span {
  start: number;
  end: number;
  text: string;
  entityId: string;
}

/**
 * A news page the reader chose to learn from (issue 17): user data, kept across knowledge-base
 * rebuilds and migrations; the build reads it as one more source document, with this provenance.
 */
export interface LearnedDocument {
  /** 'l-' + a hash of the canonical URL when it was first learned; stable across updates. */
  id: string;
  /** The canonical address (rel=canonical or og:url within the page's site, else the page's). */
  url: string;
  /** Every address the same article was learned under (AMP, print, the canonical). */
  urls: string[];
  title: string;
  outlet: string;
  /** ISO date (YYYY-MM-DD) from the page's metadata, or null. */
  date: string | null;
  /** 'en' or 'ru' (the languages the extractor reads). */
  lang: string;
  /** The article's text as read (Readability), without the page's chrome. */
  text: string;
  /** Content hash of `text`: the same article under another address is the same document. */
  textHash: string;
  /** Site and title ("example.com|csto chief warns …"): an AMP or print copy whose text differs a little. */
  titleKey: string;
  addedAt: string;
  updatedAt: string;
}

/** What the page reader hands the background (lib/learn/read-article.ts). */
export interface ArticleRead {
  /** The page's own address. */
  location: string;
  /** rel=canonical or og:url, as the page states it (not yet checked). */
  canonical: string | null;
  title: string;
  /** og:site_name, or the host. */
  outlet: string;
  /** article:published_time, JSON-LD datePublished or the first <time datetime>, as ISO date. */
  published: string | null;
  /** The page's language (html lang), lowercased primary subtag, or '' when unstated. */
  lang: string;
  text: string;
}
