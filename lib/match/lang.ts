// A cheap language guess for a paragraph or a page: Russian by its share of Cyrillic letters,
// Spanish, French, German and English by their commonest short words. Enough to decide which
// language-marked aliases count ("Rusia" only in Spanish) and which statement extractor reads a text.

export type GuessedLang = 'ru' | 'en' | 'es' | 'fr' | 'de';

const STOPWORDS: Record<Exclude<GuessedLang, 'ru'>, readonly string[]> = {
  en: ['the', 'and', 'of', 'to', 'in', 'is', 'that', 'for', 'with', 'was', 'on', 'said', 'by', 'its', 'from', 'are', 'has', 'have', 'will', 'which'],
  es: ['el', 'la', 'los', 'las', 'de', 'del', 'y', 'en', 'que', 'por', 'para', 'con', 'una', 'un', 'es', 'se', 'al', 'su', 'como', 'más'],
  fr: ['le', 'la', 'les', 'de', 'des', 'du', 'et', 'en', 'est', 'que', 'qui', 'pour', 'dans', 'une', 'un', 'sur', 'au', 'aux', 'par', 'avec'],
  de: ['der', 'die', 'das', 'und', 'den', 'dem', 'des', 'ist', 'mit', 'von', 'zu', 'im', 'auf', 'für', 'nicht', 'ein', 'eine', 'sich', 'auch', 'wird'],
};
const SETS = Object.fromEntries(Object.entries(STOPWORDS).map(([k, v]) => [k, new Set(v)])) as Record<Exclude<GuessedLang, 'ru'>, Set<string>>;
/** Words two languages share ("de", "la", "en", "que") still count: the sums decide. */
const WORD = /[\p{L}']+/gu;

/** The language of `text`, or null when it has too few words to tell. */
export function guessLanguage(text: string): GuessedLang | null {
  let cyr = 0;
  let lat = 0;
  const n = Math.min(text.length, 4000);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x400 && c <= 0x4ff) cyr++;
    else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f)) lat++;
  }
  if (cyr + lat < 12) return null;
  if (cyr > lat) return 'ru';
  const score: Record<string, number> = { en: 0, es: 0, fr: 0, de: 0 };
  for (const m of text.slice(0, n).toLowerCase().matchAll(WORD)) {
    const w = m[0].replace(/^(?:l|d|qu)'/u, '');
    if (w !== m[0]) score.fr! += 1; // l'ONU, d'Europe, qu'il
    for (const lang of ['en', 'es', 'fr', 'de'] as const) if (SETS[lang].has(w)) score[lang]! += 1;
  }
  let best: GuessedLang | null = null;
  let top = 0;
  for (const lang of ['en', 'es', 'fr', 'de'] as const) {
    if (score[lang]! > top) {
      top = score[lang]!;
      best = lang;
    }
  }
  return top >= 2 ? best : null;
}

/** Languages whose aliases count only in a text of that language ("Rusia", "l'ONU", "Russland"):
 *  Russian and English forms are told apart by their script or are the international ones. */
export const GATED_LANGS: ReadonlySet<string> = new Set(['es', 'fr', 'de']);

/** The gated languages an alias is marked with ("es,fr" → es and fr), or null when it is not gated. */
export function gatedLangs(lang: string | undefined): string[] | null {
  if (!lang) return null;
  const out = lang.split(/[\s,]+/u).filter((l) => GATED_LANGS.has(l));
  return out.length ? out : null;
}
