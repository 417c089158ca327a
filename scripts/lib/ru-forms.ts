import Az from 'az';
import petrovich from 'petrovich';
import { join } from 'node:path';
import type { Registry, RegistryAlias } from '../../lib/registry/schema';
import { RU_FORMS_GENERATOR, type RuForms } from '../../lib/registry/ru-forms';
import { ROOT } from './sources';

// Every case form of the registry's Russian aliases, from two morphology libraries:
//  - personal names with petrovich (first name, patronymic and surname, each by the person's gender);
//  - other names with az and its OpenCorpora dictionaries: the head noun and the adjectives before it
//    decline, whatever follows the head (a genitive complement, "о коллективной безопасности",
//    "ОДКБ", "Казахстан" in "Республика Казахстан") stays as written.
// The dictionaries are 11 MB: this runs at build time (scripts/gen-ru-forms.ts) and the extension
// ships only the forms (assets/ru-forms.json).

const CASES = ['nomn', 'gent', 'datv', 'accs', 'ablt', 'loct'] as const;
const PETROVICH_CASES = ['nominative', 'genitive', 'dative', 'accusative', 'instrumental', 'prepositional'] as const;
type Gender = 'male' | 'female';
type AzParse = ReturnType<typeof Az.Morph>[number];

const CYRILLIC = /[\u0400-\u04FF]/u;
/** All capitals (an acronym such as "ОДКБ") or a word with a digit: never declined here. */
const FIXED_WORD = /^[\p{Lu}\d-]+$|\d/u;

let ready: Promise<void> | null = null;

/** Loads az's dictionaries once (about half a second). */
export function initMorphology(): Promise<void> {
  ready ??= new Promise((resolve, reject) => {
    Az.Morph.init(join(ROOT, 'node_modules', 'az', 'dicts'), (err?: unknown) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve()));
  });
  return ready;
}

/** The capitalisation of `model` applied to `word`, part by part across hyphens ("Алма-Ата"). */
function likeCase(model: string, word: string): string {
  if (model === model.toUpperCase() && model !== model.toLowerCase()) return word.toUpperCase();
  const mParts = model.split('-');
  const wParts = word.split('-');
  return wParts
    .map((w, i) => {
      const m = mParts[Math.min(i, mParts.length - 1)]!;
      return m[0] && m[0] !== m[0].toLowerCase() ? w.charAt(0).toUpperCase() + w.slice(1) : w;
    })
    .join('-');
}

const isAdjective = (p: AzParse) => p.tag.POST === 'ADJF' || p.tag.POST === 'PRTF';
const isNoun = (p: AzParse) => p.tag.POST === 'NOUN';

/** Grammemes that identify a parse's paradigm slot apart from case, number, gender and animacy
 *  (so a passive participle stays passive: az would otherwise pick the first "ablt" in the verb's paradigm). */
function slotGrammemes(p: AzParse): string[] {
  const out: string[] = [];
  for (const g of ['PRTF', 'pssv', 'actv', 'past', 'pres', 'perf', 'impf']) if (p.tag[g]) out.push(g);
  return out;
}

/** A word inflected to `grammemes`, keeping a hyphenated prefix az dropped ("таджикско-афганская"). */
function inflectWord(original: string, p: AzParse, grammemes: string[]): string | null {
  const r = p.inflect([...slotGrammemes(p), ...grammemes]);
  if (!r || typeof r.word !== 'string') return null;
  let w = r.word;
  const dash = original.lastIndexOf('-');
  if (dash > 0) {
    const prefix = original.slice(0, dash + 1).toLowerCase();
    if (!w.startsWith(prefix)) w = prefix + w.slice(w.lastIndexOf('-') + 1);
  }
  return likeCase(original, w);
}

interface Head {
  adjectives: { word: string; parse: AzParse }[];
  noun: { word: string; parse: AzParse };
  index: number;
}

const adjectiveParse = (w: string) => Az.Morph(w).find((p) => isAdjective(p) && p.tag.CAse === 'nomn');

/** Adjectives in the nominative, then the head noun in the nominative agreeing with them: the
 *  latest possible head first, so "Ближний Восток" is an adjective and its noun, not the noun "ближний". */
function findHead(words: string[], singularOnly: boolean): Head | null {
  const nounParses = (w: string) =>
    Az.Morph(w)
      .filter((p) => isNoun(p) && p.tag.CAse === 'nomn' && !p.tag.Fixd && (!singularOnly || p.tag.NMbr === 'sing'))
      .sort((a, b) => Number(b.tag.NMbr === 'sing') - Number(a.tag.NMbr === 'sing') || Number(!!b.tag.inan) - Number(!!a.tag.inan) || b.score - a.score);
  const usable = (w: string) => CYRILLIC.test(w) && !FIXED_WORD.test(w);
  let last = 0; // the last word that may be the head: the first one that cannot be an adjective
  while (last < words.length - 1 && last < 4 && usable(words[last]!) && adjectiveParse(words[last]!)) last++;
  for (let i = last; i >= 0; i--) {
    const w = words[i]!;
    if (!usable(w)) continue;
    const pre = words.slice(0, i);
    for (const noun of nounParses(w)) {
      const adjectives: Head['adjectives'] = [];
      for (const a of pre) {
        const agree = Az.Morph(a).find(
          (p) => isAdjective(p) && p.tag.CAse === 'nomn' && p.tag.NMbr === noun.tag.NMbr && (noun.tag.NMbr === 'plur' || p.tag.GNdr === noun.tag.GNdr),
        );
        if (!agree) break;
        adjectives.push({ word: a, parse: agree });
      }
      if (adjectives.length !== pre.length) continue;
      // A plural reading only where an adjective agrees with it or the name is a common noun
      // ("Коллективные силы ...", "талибы"), not for a foreign proper name ("Алматы", "Маджлиси Оли").
      if (noun.tag.NMbr === 'plur' && adjectives.length === 0 && w[0] !== w[0]!.toLowerCase()) continue;
      return { adjectives, noun: { word: w, parse: noun }, index: i };
    }
  }
  return null;
}

/** The six case forms of a non-personal name ("Совет министров иностранных дел ОДКБ"), or null:
 *  a singular reading of its head first, else a plural one ("Коллективные силы ..."). */
export function nameForms(text: string): string[] | null {
  return headForms(text, true) ?? headForms(text, false);
}

function headForms(text: string, singularOnly: boolean): string[] | null {
  const words = text.split(' ');
  const head = findHead(words, singularOnly);
  if (!head) return null;
  const { noun } = head;
  const num = noun.parse.tag.NMbr ?? 'sing';
  const gender = noun.parse.tag.GNdr;
  const anim = noun.parse.tag.anim ? 'anim' : 'inan';
  const forms: string[] = [];
  for (const c of CASES) {
    const n = inflectWord(noun.word, noun.parse, [num, c]);
    if (!n) return null;
    const adjs: string[] = [];
    for (const a of head.adjectives) {
      const g = [c, num];
      if (num === 'sing' && typeof gender === 'string') g.push(gender);
      if (c === 'accs' && (num === 'plur' || gender === 'masc')) g.push(anim);
      const w = inflectWord(a.word, a.parse, g);
      if (!w) return null;
      adjs.push(w);
    }
    forms.push([...adjs, n, ...words.slice(head.index + 1)].join(' '));
  }
  return forms;
}

/** The person's gender: from the first name az knows, else from a feminine surname ending. */
export function personGender(names: string[]): Gender {
  for (const n of names) {
    const name = Az.Morph(n).find((p) => p.tag.Name && p.tag.CAse === 'nomn');
    if (name) return name.tag.femn ? 'female' : 'male';
  }
  return names.some((n) => /(?:ова|ева|ёва|ина|ая)$/u.test(n)) ? 'female' : 'male';
}

/** A hyphenated first name declines its last part only ("Касым-Жомарт" → "Касым-Жомарту"). */
function declineName(fn: (s: string) => string, word: string): string {
  const dash = word.lastIndexOf('-');
  return dash < 0 ? fn(word) : word.slice(0, dash + 1) + fn(word.slice(dash + 1));
}

/** The six case forms of a personal name: "Фамилия", "Имя Фамилия" or "Имя Отчество Фамилия". */
export function personForms(text: string, gender: Gender): string[] | null {
  const words = text.split(' ');
  if (words.length === 0 || words.length > 3 || words.some((w) => !CYRILLIC.test(w) || FIXED_WORD.test(w))) return null;
  const roles = words.length === 1 ? (['last'] as const) : words.length === 2 ? (['first', 'last'] as const) : (['first', 'middle', 'last'] as const);
  const forms = PETROVICH_CASES.map((c) => words.map((w, i) => declineName(petrovich[gender][roles[i]!][c], w)).join(' '));
  // After ж, ш, ч, щ, ц the instrumental ending is -ей when unstressed ("Бордюжей"), -ой when stressed;
  // petrovich cannot know the stress and writes -ой: give both.
  const ins = forms[4]!;
  const unstressed = ins.replace(/([жшчщц])ой(?=$| )/gu, '$1ей');
  if (unstressed !== ins) forms.push(unstressed);
  return forms;
}

const aliasText = (a: RegistryAlias) => (typeof a === 'string' ? a : a.text);
const aliasLang = (a: RegistryAlias) => (typeof a === 'string' ? undefined : a.lang);

/** Forms of every Cyrillic alias of the registry, keyed by the alias as written. An alias that is
 *  itself a case form of another alias of the same entity ("Организации ..." next to
 *  "Организация ...") is not declined again; one that ends in "*" is declined from its stem. */
export function generateRuForms(registry: Registry): RuForms {
  const forms: Record<string, string[]> = {};
  for (const e of registry.entities) {
    const texts = [...e.aliases.filter((a) => aliasLang(a) === undefined || aliasLang(a) === 'ru').map(aliasText)].filter((t) => CYRILLIC.test(t));
    const isPerson = e.type === 'person';
    const gender = isPerson ? personGender(texts.flatMap((t) => t.replace(/\*$/u, '').split(' '))) : 'male';
    const mine = new Map<string, string[]>();
    for (const text of texts) {
      const base = text.replace(/\*$/u, '');
      if (base.includes('*')) continue;
      const f = isPerson ? personForms(base, gender) : nameForms(base);
      if (f) mine.set(text, uniqueForms(f, text));
    }
    // An alias that is a case form of another ("Путина" next to "Путин") is not declined itself.
    const key = (t: string) => foldYo(t.replace(/\*$/u, ''));
    const formsOf = new Map([...mine].map(([t, f]) => [t, new Set(f.map(key))]));
    for (const [text, f] of mine) {
      const coveredBy = [...formsOf].some(([other, set]) => other !== text && set.has(key(text)) && !formsOf.get(text)!.has(key(other)));
      if (!coveredBy && f.length > 0) forms[text] = f;
    }
  }
  const sorted: Record<string, string[]> = {};
  for (const k of Object.keys(forms).sort()) sorted[k] = forms[k]!;
  return { generator: RU_FORMS_GENERATOR, forms: sorted };
}

const foldYo = (s: string) => s.replace(/ё/gu, 'е').replace(/Ё/gu, 'Е');

/** The forms, each once (ё and е are one letter to the matcher), the alias itself left out
 *  (unless it ends in "*": then its stem is a form). */
function uniqueForms(f: string[], text: string): string[] {
  const seen = new Set([foldYo(text)]);
  const out: string[] = [];
  for (const x of f) {
    if (seen.has(foldYo(x))) continue;
    seen.add(foldYo(x));
    out.push(x);
  }
  return out;
}
