// People the registry lacks: compromise's person recogniser, "Role: Name" lines
// ("Plenipotentiary representative of ...: Viktor Kogut") and "Role Name" appositions
// ("Ambassador to Iran Levan Dzhagaryan"), with their roles.
import nlp from 'compromise';
import type { MentionIn } from './common';

export interface PersonCandidate {
  name: string;
  start: number;
  end: number;
  role: string | null;
  roleStart?: number;
  roleEnd?: number;
}

const CYR: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', і: 'i', ї: 'yi', є: 'ye', ґ: 'g', ў: 'u',
};

/** Id for a person found in a document: "Viktor Kogut" -> "person:viktor-kogut". */
export function personIdFor(name: string): string {
  const slug = [...name.toLowerCase()]
    .map((c) => CYR[c] ?? c)
    .join('')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’'`]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `person:${slug || 'unknown'}`;
}

export const ROLE_KEYWORDS = /(?:minister|ambassador|secretary|president|chairman|chairwoman|chairperson|chair|representative|envoy|spokes(?:man|woman|person)|director|commander|head|deputy|speaker|premier|governor|mayor|chief|senator|leader|chancellor|king|prince|emir|министр|посол|президент|председатель|представитель|секретарь|глава|руководитель|депутат)/iu;

/** Words that are never part of a person's name. */
const NOT_NAME = new Set([
  'minister', 'foreign', 'president', 'general', 'secretary', 'ambassador', 'council', 'security', 'assembly',
  'national', 'republic', 'federation', 'state', 'states', 'collective', 'organization', 'organisation', 'treaty',
  'parliament', 'parliamentary', 'ministry', 'affairs', 'house', 'senate', 'supreme', 'federal', 'question',
  'showing', 'advanced', 'settings', 'website', 'delegation', 'representative', 'plenipotentiary', 'executive',
  'deputy', 'news', 'update', 'moscow', 'tass', 'sputnik', 'russia', 'russian', 'ukraine', 'kyrgyz', 'the', 'of',
  'united', 'nations', 'committee', 'office', 'department', 'government', 'cooperation', 'shanghai', 'great',
  'patriotic', 'war', 'victory', 'day', 'central', 'asian', 'middle', 'east', 'north', 'africa', 'international',
]);
const TITLE_WORDS = /^(?:mr|mrs|ms|dr|prof|minister|president|general|secretary|ambassador|chairman|deputy|foreign|prime|colonel|lieutenant|major|senator|governor|mayor|sir|madam|king|queen|prince)\.?$/i;
const NAME_TOKEN = /^(?:\p{Lu}[\p{Ll}’'-]*\p{Ll}|\p{Lu}\.)$/u;

function nameOk(tokens: string[]): boolean {
  if (tokens.length < 2 || tokens.length > 4) return false;
  if (!tokens.every((t) => NAME_TOKEN.test(t))) return false;
  if (tokens.some((t) => NOT_NAME.has(t.toLowerCase()))) return false;
  return tokens.filter((t) => !/\.$/.test(t)).length >= 2;
}

const CONNECTORS = new Set(['of', 'to', 'for', 'the', 'and', 'on', 'in']);
/** Lower-case words of titles ("CSTO deputy secretary general", "the alliance's press secretary"). */
const ROLE_WORDS_LC = new Set([
  'deputy', 'secretary', 'general', 'minister', 'foreign', 'defence', 'defense', 'press', 'chief', 'head', 'spokesman',
  'spokeswoman', 'spokesperson', 'ambassador', 'chairman', 'chairwoman', 'chair', 'commander', 'director', 'representative',
  'envoy', 'permanent', 'plenipotentiary', 'first', 'joint', 'staff', 'national', 'security', 'council', 'state', 'adviser',
  'advisor', 'assistant', 'acting', 'executive', 'colonel', 'lieutenant', 'major', 'top', 'official', 'president', 'prime',
  'parliamentary', 'assembly', 'speaker', 'delegation', 'affairs', 'ministry', "alliance's", "organization's", "bloc's",
]);
const LEAD_STOP = new Set(['has', 'have', 'had', 'is', 'was', 'the', 'a', 'an', 'in', 'on', 'at', 'as', 'and', 'question', 'when', 'if', 'by', 'with', 'from', 'for', 'to', 'of', 'says', 'said', 'while', 'but', 'what', 'did', 'does', 'will', 'would', 'can']);

/** The capitalised title right before a name ("Russian Foreign Minister", "CSTO Secretary General"). */
export function roleBefore(text: string, nameStart: number): { role: string; start: number; end: number } | null {
  const from = Math.max(0, nameStart - 160);
  const seg = text.slice(from, nameStart);
  const words = [...seg.matchAll(/[\p{L}\p{N}’'-]+|[^\s\p{L}\p{N}]/gu)];
  let k = words.length - 1;
  const taken: RegExpMatchArray[] = [];
  while (k >= 0) {
    const w = words[k]![0];
    if (/^[\p{Lu}]/u.test(w) || CONNECTORS.has(w) || ROLE_WORDS_LC.has(w)) {
      taken.unshift(words[k]!);
      k--;
    } else break;
  }
  // text between the last taken word and the name must be plain space
  while (taken.length && LEAD_STOP.has(taken[0]![0].toLowerCase())) taken.shift();
  while (taken.length && CONNECTORS.has(taken[taken.length - 1]![0])) taken.pop();
  if (!taken.length) return null;
  const s = from + taken[0]!.index!;
  const lastW = taken[taken.length - 1]!;
  const e = from + lastW.index! + lastW[0].length;
  if (!/^[\s\u00a0]+$/.test(text.slice(e, nameStart))) return null;
  const role = text.slice(s, e);
  if (!ROLE_KEYWORDS.test(role)) return null;
  return { role, start: s, end: e };
}

/** A title in apposition after a name: "Valery Semerikov, the CSTO deputy secretary general, ...". */
export function roleAfter(text: string, nameEnd: number): { role: string; start: number; end: number } | null {
  const seg = text.slice(nameEnd, nameEnd + 200);
  const m = /^,[\s\u00a0]+((?:the|a|an)[\s\u00a0]+)?([^,.;:()"“”«»\n]{3,140}?)[\s\u00a0]*(?:,|\.(?:[\s\u00a0]|$)|;|\))/u.exec(seg);
  if (!m) return null;
  const role = m[2]!;
  if (!ROLE_KEYWORDS.test(role) || role.split(/\s+/).length > 14) return null;
  if (/^(?:who|which|that|and|but|said|says|told|added|noted|where|when|while)\b/i.test(role)) return null;
  const start = nameEnd + m[0].indexOf(role);
  return { role: role.trim(), start, end: start + role.trim().length };
}

export interface RoleLine {
  role: string;
  roleStart: number;
  roleEnd: number;
  name: string;
  start: number;
  end: number;
}

/** Lines of the form "Role: Name". */
export function findRoleLines(text: string): RoleLine[] {
  const out: RoleLine[] = [];
  const re = /^[ \t\u00a0•·*-]*([^:\n]{3,220}?)[ \t\u00a0]*:[ \t\u00a0]*(\p{Lu}[\p{L}’'-]+(?:[ \t\u00a0]+\p{Lu}[\p{L}’'.-]*){1,3})[ \t\u00a0]*$/gmu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const role = m[1]!;
    if (!ROLE_KEYWORDS.test(role) || /^(?:website|question|answer|source|photo|tags?)\b/i.test(role.trim())) continue;
    const name = m[2]!;
    if (!nameOk(name.split(/\s+/))) continue;
    const roleStart = m.index + m[0].indexOf(role);
    const start = m.index + m[0].lastIndexOf(name);
    out.push({ role: role.trim(), roleStart, roleEnd: roleStart + role.trim().length, name, start, end: start + name.length });
  }
  return out;
}

const APPOSITION = /(?<![\p{L}])((?:Ambassador|Minister|Secretary[- ]General|Secretary|President|Chairman|Chairwoman|Spokes(?:man|woman|person)|Envoy|Representative|Director|Commander|Deputy|Governor|Mayor|Chief|Speaker|Premier)(?:\s+(?:to|of|for)\s+(?:the\s+)?\p{Lu}[\p{L}-]+(?:\s+\p{Lu}[\p{L}-]+)?)?)\s+(\p{Lu}[\p{Ll}’'-]+\s+\p{Lu}[\p{Ll}’'-]+)(?![\p{L}])/gu;

export function findPeople(text: string, knownMentions: MentionIn[]): PersonCandidate[] {
  const cands: PersonCandidate[] = [];
  const overlapsKnown = (s: number, e: number): boolean => knownMentions.some((m) => m.start < e && m.end > s);
  const add = (c: PersonCandidate): void => {
    if (overlapsKnown(c.start, c.end)) return;
    if (cands.some((x) => x.start < c.end && x.end > c.start)) {
      // keep the one with a role
      const i = cands.findIndex((x) => x.start < c.end && x.end > c.start);
      if (!cands[i]!.role && c.role) cands[i] = c;
      return;
    }
    cands.push(c);
  };
  for (const r of findRoleLines(text)) add({ name: r.name, start: r.start, end: r.end, role: r.role, roleStart: r.roleStart, roleEnd: r.roleEnd });

  const withRole = (name: string, start: number, end: number): PersonCandidate => {
    const r = roleBefore(text, start);
    return r ? { name, start, end, role: r.role, roleStart: r.start, roleEnd: r.end } : { name, start, end, role: null };
  };
  for (const m of text.matchAll(APPOSITION)) {
    const name = m[2]!.replace(/[’']s$/u, '');
    const start = m.index! + m[0].lastIndexOf(name);
    if (!nameOk(name.split(/\s+/))) continue;
    add(withRole(name, start, start + name.length));
  }
  // a name right after a title ("Chief of the CSTO Joint Staff Anatoly Sidorov", "CSTO press secretary Vladimir Zainetdinov")
  for (const m of text.matchAll(/(?<![\p{L}])\p{Lu}[\p{Ll}’'-]+(?:[ \u00a0]+\p{Lu}[\p{Ll}’'-]+){1,3}(?![\p{L}])/gu)) {
    const words = [...m[0].matchAll(/\S+/g)];
    for (const n of [2, 3]) {
      if (words.length < n) continue;
      const first = words[words.length - n]!;
      const start = m.index! + first.index!;
      const name = text.slice(start, m.index! + m[0].length).replace(/[’']s$/u, '');
      if (!nameOk(name.split(/\s+/))) continue;
      const r = roleBefore(text, start);
      if (!r) continue;
      add({ name, start, end: start + name.length, role: r.role, roleStart: r.start, roleEnd: r.end });
      break;
    }
  }
  // compromise
  type Term = { text: string; tags?: string[]; offset: { start: number; length: number } };
  const people = nlp(text).people().json({ offset: true, terms: { offset: true } }) as { terms: Term[] }[];
  for (const p of people) {
    const terms = [...p.terms];
    while (terms.length && (TITLE_WORDS.test(terms[0]!.text) || (terms[0]!.tags ?? []).some((t) => t === 'Place' || t === 'Country' || t === 'Organization') || NOT_NAME.has(terms[0]!.text.toLowerCase()))) terms.shift();
    if (terms.length < 2) continue;
    const tokens = terms.map((t) => t.text.replace(/[^\p{L}’'.-]+$/u, ''));
    if (!nameOk(tokens)) continue;
    const start = terms[0]!.offset.start;
    const lastT = terms[terms.length - 1]!;
    const end = lastT.offset.start + tokens[tokens.length - 1]!.length;
    const name = text.slice(start, end);
    if (/\n/.test(name) || name === name.toUpperCase()) continue;
    add(withRole(name, start, end));
  }
  return cands.sort((a, b) => a.start - b.start);
}
