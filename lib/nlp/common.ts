// Shared input types and small text helpers for the NLP extraction.
// Pure TypeScript: no DOM, no Node APIs, no database.
import type { EntityType } from '../model/types';

/** What the extraction needs to know about an entity (a subset of model Entity). */
export interface EntityInfo {
  id: string;
  type: EntityType;
  name: string;
  /** Role phrases that refer to the entity without naming it ("Russian foreign minister"). */
  titles?: string[];
}

/** An entity mention found by the matcher, UTF-16 offsets into the document text. */
export interface MentionIn {
  start: number;
  end: number;
  entityId: string;
}

/** Word boundary that also works for Cyrillic (JS `\b` is ASCII-only). */
export const wb = (alt: string): string => `(?<![\\p{L}\\p{N}_])(?:${alt})(?![\\p{L}\\p{N}_])`;

export const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Lowercase, strip diacritics, collapse whitespace, drop a leading article. */
export function normPhrase(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’'`]/g, "'")
    .replace(/[^\p{L}\p{N}' -]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(?:the|a|an) /, '');
}

/** Verbs of saying (English), longest first so "pointed out" wins over "pointed". */
export const EN_SPEECH_VERBS = [
  'pointed out', 'points out', 'went on', 'goes on', 'called on', 'called for', 'calls on', 'calls for',
  'said', 'says', 'stressed', 'stresses', 'noted', 'notes', 'added', 'adds',
  'emphasized', 'emphasised', 'emphasizes', 'emphasises', 'stated', 'states', 'recalled', 'recalls',
  'believes', 'believed', 'called', 'calls', 'urged', 'urges', 'suggested', 'suggests', 'warned', 'warns',
  'told', 'tells', 'explained', 'explains', 'declared', 'declares', 'underlined', 'underlines',
  'underscored', 'underscores', 'reiterated', 'reiterates', 'insisted', 'insists', 'remarked', 'observed',
  'argued', 'argues', 'claimed', 'claims', 'asserted', 'assured', 'confirmed', 'concluded', 'continued',
  'announced', 'acknowledged', 'admitted', 'replied', 'answered', 'commented', 'highlighted', 'maintained',
  'predicted', 'promised', 'proposed', 'wrote',
];

/** Verbs of saying (Russian, past masc./fem./plural and present). */
export const RU_SPEECH_VERBS = [
  'заявил', 'заявила', 'заявили', 'заявляет', 'сказал', 'сказала', 'сказали', 'говорит', 'отметил', 'отметила',
  'отметили', 'подчеркнул', 'подчеркнула', 'подчеркнули', 'добавил', 'добавила', 'сообщил', 'сообщила',
  'указал', 'указала', 'заметил', 'заметила', 'пояснил', 'пояснила', 'считает', 'рассказал', 'рассказала',
  'напомнил', 'напомнила', 'призвал', 'призвала', 'предупредил', 'предупредила', 'констатировал',
  'констатировала', 'уверен', 'уверена', 'заключил', 'заключила', 'ответил', 'ответила', 'предложил', 'предложила',
];

export const SPEECH_VERB_ALT = [...EN_SPEECH_VERBS, ...RU_SPEECH_VERBS]
  .sort((a, b) => b.length - a.length)
  .map((v) => escapeRe(v).replace(/ /g, '\\s+'))
  .join('|');

/** Nouns that name a role; "the minister", "the diplomat" ... can refer back to a person with such a title. */
export const ROLE_NOUNS = [
  'minister', 'ambassador', 'diplomat', 'envoy', 'secretary', 'secretary general', 'secretary-general',
  'spokesman', 'spokeswoman', 'spokesperson', 'president', 'chairman', 'chairwoman', 'chair', 'head', 'official',
  'representative', 'deputy', 'premier', 'leader', 'chief', 'commander', 'director', 'senator', 'lawmaker',
  'governor', 'mayor', 'general', 'foreign minister', 'top diplomat', 'speaker', 'chancellor',
  'министр', 'посол', 'дипломат', 'генсек', 'секретарь', 'глава', 'президент', 'председатель', 'представитель',
  'руководитель', 'замминистра', 'спикер', 'лидер',
];

export const PRONOUNS = /^(?:he|she|он|она)$/i;

/** Honorifics before a surname. */
export const HONORIFIC_RE = /^(?:mr|mrs|ms|dr|mister|madam|г-н|г-жа|господин|госпожа)\.?\s+(\S+?)$/iu;

/** Web-capture leftovers that are never part of a statement. */
export function isBoilerplateLine(line: string): boolean {
  const s = line.replace(/\u00a0/g, ' ').trim();
  if (!s) return true;
  if (/^(?:showing \d+ results?\.?|advanced settings|all news|print(?: version)?|share|subscribe\b.*|read (?:more|also)\b.*|tags?:.*|back to\b.*|related (?:news|articles)\b.*|top of page|version for the visually impaired)$/i.test(s)) return true;
  // language switcher: "• de-DE1 en-GB1 es-ES1 ..."
  if (/^[•·▪*\-\s]*(?:[a-z]{2}-[A-Z]{2}\d*\s*){2,}$/.test(s)) return true;
  return false;
}

export const isPersonEntity = (e: EntityInfo | undefined): boolean => e?.type === 'person';

/** Mentions whose span lies inside [start, end). */
export function mentionsIn(mentions: MentionIn[], start: number, end: number): MentionIn[] {
  return mentions.filter((m) => m.start >= start && m.end <= end);
}

export function uniq<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/** A statement before speaker resolution (internal). */
export interface StatementDraft {
  kind: 'quote' | 'reported' | 'answer';
  /** Spans of the words said (inside the quotation marks, the reported clause, the answer). */
  pieces: [number, number][];
  /** The words said, joined. */
  text: string;
  /** Speaker phrase at the attribution, to resolve. */
  ref: { phrase: string; start: number; end: number } | null;
  /** Already known speaker (transcripts). */
  fixedSpeakerId?: string | null;
  /** Where the attribution is (orders pronoun resolution). */
  anchor: number;
  /** Extent including the attribution. */
  extentStart: number;
  extentEnd: number;
  /** No attribution: take the speaker of the statement just before, if close. */
  inherit?: boolean;
}
