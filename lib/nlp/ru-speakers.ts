// Speakers of Russian statements: from the phrase at the attribution ("Сергей Лавров", "главы МИД
// России", "генсек ОДКБ", "он") to an entity. Names in any case are the matcher's mentions (the
// registry's aliases carry every case form); a title is resolved to the person the text names with
// it ("Генеральный секретарь ОДКБ Имангали Тасмагамбетов ... Генсек ОДКБ заявил"), else to the
// person whose registry titles it matches, else to the organization or post it names.
import { normPhrase, type EntityInfo, type MentionIn } from './common';

export interface RuSpeakerRef {
  phrase: string;
  start: number;
  end: number;
}

export interface RuResolved {
  speakerId: string | null;
  speakerName: string | null;
  speakerMention: string | null;
}

export const RU_PRONOUN = /^(?:он|она|его|её|ее)$/iu;

/** Words that begin a role phrase ("глава МИД", "официальный представитель", "пресс-служба ОДКБ"). */
const ROLE_STEMS = [
  'глав', 'министр', 'замминистр', 'генсек', 'генеральн', 'секретар', 'пресс-секретар', 'пресс-служб', 'президент',
  'премьер', 'председател', 'представител', 'официальн', 'заместител', 'начальник', 'командующ', 'посол', 'спикер',
  'руководител', 'лидер', 'директор', 'глава', 'источник', 'эксперт', 'дипломат', 'вице-премьер', 'канцлер',
];

const words = (s: string) => normPhrase(s).split(' ').filter(Boolean);

/** Two words are the same but for their ending: the shorter one minus up to two letters starts the longer. */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const [s, l] = a.length <= b.length ? [a, b] : [b, a];
  const k = Math.max(3, s.length - 2);
  return s.length >= 3 && l.startsWith(s.slice(0, k));
}

/** The phrase reads as the title, word for word but for endings ("главы МИД России" ~ "глава МИД России"). */
export function titleMatches(phrase: string, title: string): boolean {
  const p = words(phrase);
  const t = words(title);
  if (t.length === 0 || p.length < t.length) return false;
  const tail = p.slice(p.length - t.length);
  return t.every((w, i) => sameWord(w, tail[i]!));
}

export function isRoleWord(word: string): boolean {
  const w = normPhrase(word);
  return ROLE_STEMS.some((s) => w.startsWith(s));
}

export class RuSpeakerResolver {
  private readonly recorded: { pos: number; id: string }[] = [];
  /** "<title naming entity X> <person P>": X (and the role word before it) → P. */
  private readonly appositions: { pos: number; key: string; id: string }[] = [];
  private excluded: [number, number][] = [];

  constructor(
    private readonly text: string,
    private readonly mentions: MentionIn[],
    private readonly entities: Map<string, EntityInfo>,
  ) {
    const sorted = [...mentions].sort((a, b) => a.start - b.start);
    for (let i = 1; i < sorted.length; i++) {
      const m = sorted[i]!;
      const prev = sorted[i - 1]!;
      if (!this.isPerson(m.entityId) || this.isPerson(prev.entityId)) continue;
      if (!/^[\s\u00a0]+$/u.test(text.slice(prev.end, m.start))) continue;
      // "Президент РК Токаев": РК with the role word names Tokayev, РК alone does not ("в Минобороны РК");
      // a post ("Генсек ОДКБ Зась") names its holder by itself.
      const role = this.roleBefore(prev.start);
      if (role) this.appositions.push({ pos: m.start, key: `${prev.entityId}|${role}`, id: m.entityId });
      if (this.entities.get(prev.entityId)?.type === 'body') this.appositions.push({ pos: m.start, key: `${prev.entityId}|`, id: m.entityId });
    }
  }

  /** Person mentions inside the words said are not antecedents of "он"/"она". */
  setExcluded(spans: [number, number][]): void {
    this.excluded = spans;
  }

  record(pos: number, id: string | null): void {
    if (id && this.isPerson(id)) this.recorded.push({ pos, id });
  }

  private isPerson(id: string): boolean {
    return this.entities.get(id)?.type === 'person';
  }

  /** The role word right before `pos` ("глава" before "МИД России"), stemmed; "" if none. */
  private roleBefore(pos: number): string {
    const m = /([\p{L}-]+)[\s\u00a0]+$/u.exec(this.text.slice(Math.max(0, pos - 40), pos));
    if (!m || !isRoleWord(m[1]!)) return '';
    return normPhrase(m[1]!).slice(0, 4);
  }

  /** Persons mentioned or recorded before `pos`, latest first, each once. */
  private recentPersons(pos: number, since = -1): string[] {
    const seen = new Set<string>();
    const out: string[] = [];
    const cands = [...this.recorded, ...this.mentions.filter((m) => this.isPerson(m.entityId)).map((m) => ({ pos: m.start, id: m.entityId }))];
    for (const c of cands.filter((x) => x.pos < pos && x.pos >= since).sort((a, b) => b.pos - a.pos)) {
      if (!seen.has(c.id)) out.push(c.id);
      seen.add(c.id);
    }
    return out;
  }

  private recentPerson(pos: number): string | null {
    const cands = [
      ...this.recorded,
      ...this.mentions
        .filter((m) => this.isPerson(m.entityId) && !this.excluded.some(([a, b]) => m.start >= a && m.end <= b))
        .map((m) => ({ pos: m.start, id: m.entityId })),
    ].filter((c) => c.pos < pos);
    cands.sort((a, b) => b.pos - a.pos);
    return cands[0]?.id ?? null;
  }

  private named(id: string, mention: string): RuResolved {
    return { speakerId: id, speakerName: this.entities.get(id)?.name ?? mention, speakerMention: mention };
  }

  /** Does the phrase look like a speaker: a name, a pronoun or a role phrase? */
  isSpeakerLike(ref: RuSpeakerRef): boolean {
    if (RU_PRONOUN.test(ref.phrase)) return true;
    if (this.mentions.some((m) => m.start >= ref.start && m.end <= ref.end)) return true;
    const first = ref.phrase.split(/[\s\u00a0]+/u)[0] ?? '';
    return isRoleWord(first);
  }

  resolve(ref: RuSpeakerRef | null, pos: number): RuResolved {
    if (!ref) return { speakerId: null, speakerName: null, speakerMention: null };
    const phrase = ref.phrase;
    const inside = this.mentions.filter((m) => m.start >= ref.start && m.end <= ref.end).sort((a, b) => a.start - b.start);
    const person = inside.find((m) => this.isPerson(m.entityId));
    if (person) return this.named(person.entityId, phrase);
    if (RU_PRONOUN.test(phrase)) {
      const r = this.recentPerson(pos);
      return r ? this.named(r, phrase) : { speakerId: null, speakerName: phrase, speakerMention: phrase };
    }
    // A title: the person the text named with it, latest first.
    for (const m of inside) {
      const role = this.roleBefore(m.start);
      const keys = [`${m.entityId}|${role}`, ...(role ? [] : [`${m.entityId}|`])];
      const hit = this.appositions.filter((a) => a.pos < pos && keys.includes(a.key)).sort((a, b) => b.pos - a.pos)[0];
      if (hit) return this.named(hit.id, phrase);
    }
    // The person with the longest registry title the phrase reads as ("пресс-секретарь президента России"
    // is Peskov's, not the president's).
    let best: { id: string; len: number } | null = null;
    for (const e of this.entities.values()) {
      if (e.type !== 'person') continue;
      for (const t of e.titles ?? []) {
        if (!/[\u0400-\u04ff]/u.test(t) || !titleMatches(phrase, t)) continue;
        const len = words(t).length;
        if (!best || len > best.len) best = { id: e.id, len };
      }
    }
    if (best) return this.named(best.id, phrase);
    // A bare role word ("— отметил министр"): the latest person with a title that has it.
    if (inside.length === 0) {
      const role = words(phrase).find((w) => isRoleWord(w));
      if (role) {
        // Among the persons of the last ~1,000 characters: one whose title has the word, else the
        // latest one if the registry knows no Russian title of theirs ("Шойгу заявил ... по словам министра").
        const recent = this.recentPersons(pos, pos - 1000);
        const titlesOf = (id: string) => (this.entities.get(id)?.titles ?? []).filter((t) => /[\u0400-\u04ff]/u.test(t));
        for (const id of recent) if (titlesOf(id).some((t) => words(t).some((w) => sameWord(w, role)))) return this.named(id, phrase);
        if (recent[0] && titlesOf(recent[0]).length === 0) return this.named(recent[0], phrase);
      }
    }
    // The organization or post it names ("МИД России сообщил", "пресс-служба ОДКБ").
    const other = inside[inside.length - 1];
    if (other) return this.named(other.entityId, phrase);
    return { speakerId: null, speakerName: phrase, speakerMention: phrase };
  }
}
