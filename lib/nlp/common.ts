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
  // issue 17: verbs of news in general
  'praised', 'praises', 'thanked', 'thanks', 'invited', 'invites', 'welcomed', 'welcomes', 'informed', 'informs',
  'briefed', 'briefs', 'expressed', 'expresses', 'drew attention', 'draws attention', 'reported', 'reports',
  'congratulated', 'congratulates', 'condemned', 'condemns', 'hailed', 'hails', 'voiced', 'voices', 'reaffirmed',
  'reaffirms', 'pledged', 'pledges', 'vowed', 'vows', 'denied', 'denies', 'described', 'describes', 'commended',
  'commends', 'criticized', 'criticised', 'criticizes', 'criticises', 'accused', 'accuses', 'spoke', 'speaks',
  'specified', 'clarified', 'reminded', 'reminds', 'cautioned', 'cautions', 'revealed', 'mentioned', 'indicated',
  'offered', 'offers', 'advocated', 'advocates', 'announces', 'announce', 'proposes', 'assures', 'confirms',
  'highlights', 'writes', 'recommended', 'recommends', 'appealed', 'appeals', 'regretted', 'assessed', 'estimated',
  'characterized', 'characterised', 'lauded', 'deplored', 'objected', 'opposed', 'rejected', 'dismissed', 'insisted',
  'ruled out', 'rules out', 'summed up', 'went on to say',
];

/** Verbs whose object, not a "that" clause, is what was said ("praised the CRRF's readiness"):
 *  the statement is the verb and the rest of the sentence. */
export const OBJECT_VERB_RE = /^(?:praised|praises|thanked|thanks|invited|invites|welcomed|welcomes|congratulated|congratulates|condemned|condemns|hailed|hails|voiced|voices|expressed|expresses|drew attention|draws attention|called for|calls for|called on|calls on|urged|urges|proposed|proposes|suggested|suggests|commended|commends|criticized|criticised|criticizes|criticises|accused|accuses|reaffirmed|reaffirms|pledged|pledges|vowed|vows|denied|denies|described|describes|highlighted|highlights|underlined|underlines|underscored|underscores|stressed|stresses|emphasized|emphasised|emphasizes|emphasises|noted|notes|pointed out|warned|warns|cautioned|cautions|spoke|speaks|briefed|briefs|informed|informs|announced|announces|announce|advocated|advocates|offered|offers|recommended|recommends|appealed|appeals|regretted|lauded|deplored|rejected|dismissed|ruled out|rules out|characterized|characterised|assessed|reported|reports|confirmed|confirms|promised|reiterated|reiterates|declared|declares)$/;

/** What may follow an object verb for the object to be what was said (not "spoke to reporters"). */
export const OBJECT_AFTER_RE = /^(?:the|a|an|his|her|its|their|our|this|these|those|that|all|further|closer|more|greater|new|joint|further|mutual|of|about|against|on|for|to the|to a|to its|to their|with|concern|hope|confidence|gratitude|support|regret|satisfaction|readiness|interest|condolences|solidarity|appreciation|alarm|determination|commitment|doubt|doubts|serious|deep|special|particular|attention|\p{Lu}[\p{L}-]*)$/u;

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
  /** A headline: its speaker ("top diplomat") is resolved against the people named after it. */
  forward?: boolean;
}

/** A post with tenures (registry "posts"): a title names whoever held it at the document's date. */
export interface PostInfo {
  id: string;
  titles: string[];
  shortTitles?: string[];
  holders: { personId: string; from: string; to?: string }[];
}

/** What a document tells the extraction about itself. */
export interface ExtractOptions {
  /** ISO date of the document ("2020-05-26"); titles of posts resolve by it. */
  date?: string | null;
  posts?: PostInfo[];
  /** The outlet ("TASS"): the speaker when the agency itself is the only attribution. */
  outlet?: string | null;
  /** Document language ("en", "ru"); the entry point dispatches by it. */
  lang?: string | null;
}

/** "2016" -> "2016-01-01" (from) or "2016-12-31" (to); "2016-05" likewise. */
function padDay(d: string, end: boolean): string {
  if (/^\d{4}$/.test(d)) return `${d}-${end ? '12-31' : '01-01'}`;
  if (/^\d{4}-\d{2}$/.test(d)) return `${d}-${end ? '31' : '01'}`;
  return d;
}

/** The holder of a post on a date (null: date unknown or nobody listed). A full ISO date is expected. */
export function holderAt(post: PostInfo, date: string | null | undefined): string | null {
  if (!date || !/^\d{4}-\d{2}-\d{2}/.test(date)) return null;
  const day = date.slice(0, 10);
  const hit = post.holders.filter((h) => padDay(h.from, false) <= day && (!h.to || day <= padDay(h.to, true)));
  // on a hand-over day the newcomer wins
  return hit.length ? hit[hit.length - 1]!.personId : null;
}
