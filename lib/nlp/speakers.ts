// Speaker resolution: from the noun phrase at an attribution ("Lavrov", "the Russian foreign
// minister", "Mr Zas", "he") to an entity id.
import {
  HONORIFIC_RE,
  PRONOUNS,
  ROLE_NOUNS,
  normPhrase,
  type EntityInfo,
  type MentionIn,
} from './common';

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
  const seg = text.slice(minStart, end);
  const re = new RegExp(`[,;:()\\[\\]"“”«»„—–\\n]|\\s-\\s|(?<![\\p{L}\\p{N}_])(?:${BOUNDARY_WORDS})(?![\\p{L}\\p{N}_])`, 'giu');
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

  constructor(
    private readonly text: string,
    private readonly mentions: MentionIn[],
    private readonly entities: Map<string, EntityInfo>,
  ) {
    this.persons = [...entities.values()].filter((e) => e.type === 'person');
    this.setExcluded([]);
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
    return this.roleNoun(p) !== null;
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
      for (const t of e.titles ?? []) {
        const nt = normPhrase(t);
        if (!nt) continue;
        if (n === nt || n.endsWith(' ' + nt)) {
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
    // 4. title
    const tm = this.titleMatch(phrase);
    if (tm) return this.named(this.pickRecent(tm.ids, pos), phrase);
    // 5. role noun referring back to a recent person with such a title ("the minister")
    const rn = this.roleNoun(phrase);
    if (rn) {
      const words = rn.split(' ');
      for (const id of this.recentPersons(pos)) {
        const e = this.entities.get(id);
        const hit = (e?.titles ?? []).some((t) => {
          const tw = normPhrase(t).split(' ');
          return words.every((w) => tw.includes(w));
        });
        if (hit) return this.named(id, phrase);
      }
    }
    // 6. another kind of entity named in the phrase (a country, an organization)
    if (inside[0]) return this.named(inside[0].entityId, phrase);
    return { speakerId: null, speakerName: phrase, speakerMention: phrase };
  }
}
