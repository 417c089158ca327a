// Speaker resolution: from the noun phrase at an attribution ("Lavrov", "the Russian foreign
// minister", "Mr Zas", "he") to an entity id.
import {
  HONORIFIC_RE,
  PRONOUNS,
  ROLE_NOUNS,
  holderAt,
  normPhrase,
  type EntityInfo,
  type ExtractOptions,
  type MentionIn,
  type PostInfo,
} from './common';
import { roleAfter, roleBefore } from './people';

/** Nouns for bodies, organizations, ministries, press services and agencies that make statements. */
export const ORG_NOUNS = [
  'secretariat', 'ministry', 'foreign ministry', 'defence ministry', 'defense ministry', 'press service', 'press office',
  'press centre', 'press center', 'information service', 'staff', 'joint staff', 'office', 'council', 'committee',
  'government', 'cabinet', 'embassy', 'department', 'service', 'agency', 'news agency', 'organization', 'organisation',
  'alliance', 'bloc', 'kremlin', 'administration', 'headquarters', 'command', 'parliament', 'assembly', 'delegation',
  'mission', 'commission', 'side', 'presidency', 'white house', 'state department', 'pentagon', 'duma', 'senate',
  'mfa', 'mod', 'statement', 'communique', 'communiqué', 'declaration', 'report', 'sources', 'source', 'officials',
  'leaders', 'ministers', 'heads of state', 'participants', 'parties', 'members', 'member states', 'member countries',
  'пресс-служба', 'министерство', 'мид', 'минобороны', 'секретариат', 'штаб', 'ведомство', 'агентство',
];
/** Phrases naming the news agency itself ("the agency reported"). */
const AGENCY_RE = /^(?:the\s+)?(?:(?:state|national|state-run|official|russian|kazakh|belarusian|kyrgyz|tajik|armenian)\s+)*(?:news\s+)?agency$|^(?:the\s+)?(?:news\s+)?(?:outlet|newspaper|broadcaster|channel|portal|website|publication)$/i;
/** Words before a title that make it somebody else's ("former", "deputy"). */
const NOT_HOLDER = /(?:^|\s)(?:former|ex|late|deputy|first deputy|assistant|adviser to the|advisor to the|aide to the|next|future|incoming|outgoing|previous|un|united nations|nato|osce|sco|eaeu|cis|eu)$/;

/** The speaker phrase as written at the attribution, with its offsets. */
export interface SpeakerRef {
  phrase: string;
  start: number;
  end: number;
}

export interface ResolvedSpeaker {
  speakerId: string | null;
  speakerName: string | null;
  speakerMention: string | null;
}

const LEADING_JUNK = /^(?:in turn|at the same time|meanwhile|however|also|then|and|but|as|so)\s+/i;
const TRAILING_ADVERBS = /\s+(?:also|further|then|again|earlier|later|repeatedly|once|has|have|had|already|previously|recently|reportedly|himself|herself|too|также|тоже|же|еще|ещё|вновь|вчера|сегодня)$/i;
const BOUNDARY_WORDS = 'that|as|and|but|when|while|which|who|because|since|after|before|where|if|so|than|что|как|и|а|но|когда';

/** The noun phrase that ends at `end` (just before a verb), not reaching before `minStart`. */
export function npBefore(text: string, end: number, minStart: number): SpeakerRef | null {
  // "Pashinyan has since called for": the auxiliary and "since" belong to the verb
  const aux = /[\s\u00a0]+(?:has|have|had)[\s\u00a0]+since[\s\u00a0]*$/.exec(text.slice(minStart, end));
  if (aux) end -= aux[0].length;
  // "Alexei Petrov, a researcher at the Institute, argued that": the name before the apposition
  const appo = /([\p{Lu}][\p{L}’'-]+(?:[ \u00a0]+[\p{Lu}][\p{L}’'-]+){0,3}),[\s\u00a0]+(?:a|an|the|who|head|chief|director|deputy|member|former)[^,;:"“”«»\n]{2,100},[\s\u00a0]*$/u.exec(text.slice(minStart, end));
  if (appo) {
    const s0 = minStart + appo.index;
    return { phrase: appo[1]!, start: s0, end: s0 + appo[1]!.length };
  }
  const seg = text.slice(minStart, end);
  // a full stop ends a phrase too: a dateline the splitter kept ("DUSHANBE, October 14. The minister")
  const re = new RegExp(`[,;:()\\[\\]"“”«»„—–\\n]|\\s-\\s|(?<!(?:^|\\s)(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Maj|Adm|Amb|Sen|Rep|Gov|Prof|\\p{Lu}))\\.[\\s\\u00a0]+|(?<![\\p{L}\\p{N}_])(?:${BOUNDARY_WORDS})(?![\\p{L}\\p{N}_])`, 'giu');
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(seg))) last = m.index + m[0].length;
  let np = seg.slice(last);
  let s = minStart + last;
  const lead = /^[\s\u00a0]+/.exec(np);
  if (lead) {
    s += lead[0].length;
    np = np.slice(lead[0].length);
  }
  for (;;) {
    const lj = LEADING_JUNK.exec(np);
    if (!lj) break;
    s += lj[0].length;
    np = np.slice(lj[0].length);
  }
  np = np.replace(/[\s\u00a0]+$/, '');
  for (;;) {
    const t = np.replace(TRAILING_ADVERBS, '');
    if (t === np) break;
    np = t;
  }
  if (!np) return null;
  const words = np.split(/\s+/);
  if (words.length > 10) return null;
  return { phrase: np, start: s, end: s + np.length };
}

/** The noun phrase starting at `start` (after an inverted verb: `said the head of ... when ...`). */
export function npAfter(text: string, start: number, maxEnd: number): SpeakerRef | null {
  let s = start;
  while (s < maxEnd && /[\s\u00a0]/.test(text[s]!)) s++;
  const seg = text.slice(s, maxEnd);
  const re = /[,;:!?()"“”«»—–\n]|\.(?=[\s\u00a0]|$)|[\s\u00a0](?:when|while|at|during|after|before|as|on|in|to|from|with|for|who|which|in a|во время|на|в|после|по)(?=[\s\u00a0])/giu;
  let m: RegExpExecArray | null;
  let stop = seg.length;
  while ((m = re.exec(seg))) {
    if (m[0] === '.' && /(?:^|\s)(?:Mr|Mrs|Ms|Dr|St|г-н|г)$/.test(seg.slice(0, m.index))) continue;
    stop = m.index;
    break;
  }
  const np = seg.slice(0, stop).trim();
  if (!np || np.split(/\s+/).length > 10) return null;
  return { phrase: np, start: s, end: s + np.length };
}

interface Cand {
  pos: number;
  id: string;
}

export class SpeakerResolver {
  private readonly persons: EntityInfo[];
  private readonly recorded: Cand[] = [];
  private mentionCands: Cand[] = [];
  /** Titles the document itself gives a person ("CSTO Deputy Secretary General Valery Semerikov"). */
  private readonly docTitles = new Map<string, string[]>();
  private readonly posts: PostInfo[];

  constructor(
    private readonly text: string,
    private readonly mentions: MentionIn[],
    private readonly entities: Map<string, EntityInfo>,
    private readonly opts: ExtractOptions = {},
  ) {
    this.persons = [...entities.values()].filter((e) => e.type === 'person');
    this.posts = opts.posts ?? [];
    for (const m of mentions) {
      if (entities.get(m.entityId)?.type !== 'person') continue;
      for (const r of [roleBefore(text, m.start), roleAfter(text, m.end)]) {
        if (!r) continue;
        const list = this.docTitles.get(m.entityId) ?? [];
        list.push(r.role);
        this.docTitles.set(m.entityId, list);
      }
    }
    this.setExcluded([]);
  }

  private titlesOf(id: string): string[] {
    return [...(this.entities.get(id)?.titles ?? []), ...(this.docTitles.get(id) ?? [])];
  }

  /** Non-person entities mentioned before pos, most recent first. */
  private recentOthers(pos: number): string[] {
    const ms = this.mentions.filter((m) => m.start < pos && this.entities.get(m.entityId)?.type !== 'person').sort((a, b) => b.start - a.start);
    return [...new Set(ms.map((m) => m.entityId))];
  }

  /** A post whose title the phrase is ("the new CSTO Secretary General"); short titles only as the whole phrase. */
  postMatch(phrase: string, short: boolean): PostInfo | null {
    const n = normPhrase(phrase);
    let best: { post: PostInfo; len: number } | null = null;
    for (const p of this.posts) {
      for (const t of short ? (p.shortTitles ?? []) : p.titles) {
        const nt = normPhrase(t);
        if (!nt) continue;
        const ok = short ? n === nt : n === nt || (n.endsWith(' ' + nt) && !NOT_HOLDER.test(n.slice(0, n.length - nt.length - 1)));
        if (ok && (!best || nt.length > best.len)) best = { post: p, len: nt.length };
      }
    }
    return best?.post ?? null;
  }

  /** A bare surname ("Zas") of a known person, the most recent first. */
  private bySurname(phrase: string, pos: number): string | null {
    if (!/^\p{Lu}[\p{L}’'-]+$/u.test(phrase)) return null;
    const sur = normPhrase(phrase);
    const ids = this.persons.filter((e) => { const w = normPhrase(e.name).split(' '); return w.length > 1 && w[w.length - 1] === sur; }).map((e) => e.id);
    return ids.length ? this.pickRecent(ids, pos) : null;
  }

  private orgNoun(phrase: string): string | null {
    const n = normPhrase(phrase).replace(/'s$/, '');
    let best: string | null = null;
    for (const r of ORG_NOUNS) if (n === r || n.endsWith(' ' + r)) if (!best || r.length > best.length) best = r;
    return best;
  }

  /** Person mentions inside these spans (quoted or reported words) are not antecedents. */
  setExcluded(spans: [number, number][]): void {
    this.mentionCands = this.mentions
      .filter((m) => this.entities.get(m.entityId)?.type === 'person')
      .filter((m) => !spans.some(([a, b]) => m.start >= a && m.end <= b))
      .map((m) => ({ pos: m.start, id: m.entityId }));
  }

  /** Remember a resolved speaker at the position of the attribution. */
  record(pos: number, id: string | null): void {
    if (id && this.entities.get(id)?.type === 'person') this.recorded.push({ pos, id });
  }

  /** Person ids by recency before pos (most recent first, unique). */
  recentPersons(pos: number): string[] {
    const all = [...this.recorded, ...this.mentionCands].filter((c) => c.pos < pos).sort((a, b) => b.pos - a.pos);
    return [...new Set(all.map((c) => c.id))];
  }

  private named(id: string, mention: string): ResolvedSpeaker {
    return { speakerId: id, speakerName: this.entities.get(id)?.name ?? null, speakerMention: mention };
  }

  /** Does the phrase look like a speaker (for reported speech, where any NP may precede "said")? */
  isSpeakerLike(ref: SpeakerRef): boolean {
    const p = ref.phrase;
    if (PRONOUNS.test(p) || HONORIFIC_RE.test(p)) return true;
    if (this.mentions.some((m) => m.start >= ref.start && m.end <= ref.end)) return true;
    if (this.titleMatch(p)) return true;
    if (this.postMatch(p, false) || this.postMatch(p, true)) return true;
    if (AGENCY_RE.test(p.trim())) return true;
    if (this.bySurname(p, ref.start)) return true;
    if (/^(?:it|this|that|there|which|who|what|one|some|many|few|nothing|everyone|everybody|we|they|i|you)$/i.test(p)) return false;
    return this.roleNoun(p) !== null || this.orgNoun(p) !== null;
  }

  private roleNoun(phrase: string): string | null {
    const n = normPhrase(phrase);
    let best: string | null = null;
    for (const r of ROLE_NOUNS) {
      if (n === r || n.endsWith(' ' + r)) if (!best || r.length > best.length) best = r;
    }
    return best;
  }

  /** Entities whose title equals the phrase or ends it ("the Russian top diplomat" ~ "top diplomat"). */
  private titleMatch(phrase: string): { ids: string[]; len: number } | null {
    const n = normPhrase(phrase);
    let best: { ids: string[]; len: number } | null = null;
    for (const e of this.entities.values()) {
      for (const t of this.titlesOf(e.id)) {
        const nt = normPhrase(t);
        if (!nt) continue;
        if (n === nt || (n.endsWith(' ' + nt) && !NOT_HOLDER.test(n.slice(0, n.length - nt.length - 1)))) {
          if (!best || nt.length > best.len) best = { ids: [e.id], len: nt.length };
          else if (nt.length === best.len && !best.ids.includes(e.id)) best.ids.push(e.id);
        }
      }
    }
    return best;
  }

  private pickRecent(ids: string[], pos: number): string {
    const recent = this.recentPersons(pos);
    for (const r of recent) if (ids.includes(r)) return r;
    return ids[0]!;
  }

  resolve(ref: SpeakerRef | null, pos: number): ResolvedSpeaker {
    if (!ref) return { speakerId: null, speakerName: null, speakerMention: null };
    const phrase = ref.phrase;
    // 1. a mention inside the phrase (persons first)
    const inside = this.mentions.filter((m) => m.start >= ref.start && m.end <= ref.end);
    const person = inside.find((m) => this.entities.get(m.entityId)?.type === 'person');
    // "Lavrov's deputy" is not Lavrov
    if (person && /^[’']s(?![\p{L}])/u.test(this.text.slice(person.end, person.end + 2)) && person.end + 2 < ref.end) {
      return { speakerId: null, speakerName: phrase, speakerMention: phrase };
    }
    if (person) return this.named(person.entityId, phrase);
    // 2. pronoun
    if (PRONOUNS.test(phrase)) {
      const r = this.recentPersons(pos)[0];
      return r ? this.named(r, phrase) : { speakerId: null, speakerName: phrase, speakerMention: phrase };
    }
    // 3. Mr Surname
    const hm = HONORIFIC_RE.exec(phrase);
    if (hm) {
      const sur = normPhrase(hm[1]!);
      const ids = this.persons.filter((e) => normPhrase(e.name).split(' ').slice(-1)[0] === sur).map((e) => e.id);
      const ids2 = ids.length ? ids : this.persons.filter((e) => normPhrase(e.name).split(' ').includes(sur)).map((e) => e.id);
      if (ids2.length) return this.named(this.pickRecent(ids2, pos), phrase);
    }
    // 3b. a bare surname of a known person
    const sn = this.bySurname(phrase, pos);
    if (sn) return this.named(sn, phrase);
    // 4. the title of a post: its holder at the document's date
    const post = this.postMatch(phrase, false);
    const dated = post ? holderAt(post, this.opts.date) : null;
    if (dated && this.entities.has(dated)) return this.named(dated, phrase);
    // 4b. a title of a person
    const tm = this.titleMatch(phrase);
    if (tm) return this.named(this.pickRecent(tm.ids, pos), phrase);
    // 5. role noun referring back to a recent person with such a title ("the minister")
    const back = this.roleBack(phrase, this.recentPersons(pos));
    if (back) return this.named(back, phrase);
    // 5b. a short title of a post ("the Secretary General"): its holder at the date
    const sp = this.postMatch(phrase, true);
    const sd = sp ? holderAt(sp, this.opts.date) : null;
    if (sd && this.entities.has(sd)) return this.named(sd, phrase);
    if (post && !this.opts.date) {
      const cur = post.holders[post.holders.length - 1]!.personId;
      if (this.entities.has(cur)) return this.named(this.pickRecent(post.holders.map((h) => h.personId), pos) ?? cur, phrase);
    }
    // 6. another kind of entity named in the phrase (a country, an organization), unless the phrase names a person's role
    if (this.roleNoun(phrase)) return { speakerId: null, speakerName: phrase, speakerMention: phrase };
    if (inside[0]) return this.named(inside[0].entityId, phrase);
    // 7. the agency itself
    if (AGENCY_RE.test(phrase.trim())) {
      const o = this.opts.outlet;
      return { speakerId: null, speakerName: o && o !== 'unknown outlet' ? o : phrase, speakerMention: phrase };
    }
    // 8. a body named before ("the Secretariat" after "the CSTO Secretariat")
    const on = this.orgNoun(phrase);
    if (on) {
      // "the Secretariat" after "CSTO": the entity named "CSTO Secretariat"
      const seen = new Set<string>();
      for (const m of this.mentions.filter((x) => x.start < pos).sort((a, b) => b.start - a.start)) {
        const short = normPhrase(this.text.slice(m.start, m.end));
        if (seen.has(short)) continue;
        seen.add(short);
        const want = `${short} ${on}`;
        const hit = [...this.entities.values()].find((e) => e.type !== 'person' && normPhrase(e.name) === want);
        if (hit) return this.named(hit.id, phrase);
      }
      const head = on.split(' ').slice(-1)[0]!;
      for (const id of this.recentOthers(pos)) {
        const e = this.entities.get(id);
        if (!e || e.type === 'country' || e.type === 'place') continue;
        const words = normPhrase(e.name).split(' ');
        if (words.includes(head) || (e.titles ?? []).some((t) => normPhrase(t).split(' ').includes(head))) return this.named(id, phrase);
      }
    }
    return { speakerId: null, speakerName: phrase, speakerMention: phrase };
  }

  /** A person named before whose titles hold every word of the role noun ("the minister"). */
  roleBack(phrase: string, candidates: string[]): string | null {
    const rn = this.roleNoun(phrase);
    if (!rn) return null;
    const words = rn.split(/[ -]/);
    for (const id of candidates) {
      const hit = this.titlesOf(id).some((t) => {
        const tw = normPhrase(t).split(/[ -]/);
        return words.every((w) => tw.includes(w));
      });
      if (hit) return id;
    }
    return null;
  }

  /** A headline's speaker ("... - top diplomat"): resolved against the people the article names after it. */
  resolveForward(ref: SpeakerRef, pos: number): ResolvedSpeaker {
    const r = this.resolve(ref, pos);
    if (r.speakerId) return r;
    const later = [...new Set(this.mentions.filter((m) => m.start > ref.end && this.entities.get(m.entityId)?.type === 'person').sort((a, b) => a.start - b.start).map((m) => m.entityId))];
    const id = this.roleBack(ref.phrase, later);
    return id ? this.named(id, ref.phrase) : r;
  }
}
