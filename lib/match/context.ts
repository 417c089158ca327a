import type { ContextRule } from '../model/types';
import { isWordUnit } from './chars';
import { guessLanguage } from './lang';
import { SPACE, foldForMatching, type NormalizedText } from './normalize';

// Context rules of ambiguous aliases: a cue word or phrase within `window` words of the
// match, or (yearSuffix) a year glued to it ("Interaction-2023", "Search 2024", "Rubezh2024").

export const DEFAULT_WINDOW = 8;
/** A cue word ending in "*" may go on for this many more letters ("учени*" → "учения"). */
const CUE_STAR_LETTERS = 4;

interface CueWord {
  text: string;
  prefix: boolean;
}

export interface CompiledContext {
  /** Each cue as its sequence of folded words. */
  readonly cues: readonly (readonly CueWord[])[];
  readonly window: number;
  readonly yearSuffix: boolean;
  /** Cues that rule the entity out ("Channel" near "documentary"). */
  readonly blocks: readonly (readonly CueWord[])[];
  readonly nameMayFollow: boolean;
}

function cueWords(cue: string): CueWord[] {
  const t = foldForMatching(cue);
  const words: CueWord[] = [];
  let i = 0;
  while (i < t.length) {
    if (!isWordUnit(t.folded[i]!)) {
      i++;
      continue;
    }
    let e = i;
    let text = '';
    while (e < t.length && isWordUnit(t.folded[e]!)) text += String.fromCharCode(t.folded[e++]!);
    const prefix = e < t.length && t.folded[e] === 0x2a;
    words.push({ text, prefix });
    i = e;
  }
  return words;
}

export function compileContext(rule: ContextRule): CompiledContext {
  return {
    cues: rule.cues.map(cueWords).filter((w) => w.length > 0),
    window: rule.window ?? DEFAULT_WINDOW,
    yearSuffix: rule.yearSuffix === true,
    blocks: (rule.blockCues ?? []).map(cueWords).filter((w) => w.length > 0),
    nameMayFollow: rule.nameMayFollow === true,
  };
}

/** Only a dash joins a year to a name ("Interaction-2024"); "Search 2024 results" is ordinary prose. */
const YEAR_JOINER = /^[-\u2010\u2011\u2012\u2013\u2014]$/;
/** A capital letter or a digit: the start of another name or a number ("Illegal Tender", "Channel 4"). */
const NAME_OR_NUMBER = /^[A-Z0-9\u0400-\u042F\u0401]/;

/** Reads the context of matches in one normalized text; words are indexed on first use. */
export class ContextReader {
  private wordStart: Int32Array | null = null;
  private wordEnd: Int32Array | null = null;
  private wordCount = 0;

  /** Language guesses of the paragraphs read so far, by the paragraph's start offset. */
  private langs = new Map<number, string | null>();
  private textLang: string | null | undefined;

  constructor(
    private readonly original: string,
    private readonly t: NormalizedText,
    /** The page's language (its lang attribute), for paragraphs too short to guess. */
    private readonly pageLang: string | null = null,
  ) {}

  /** Is the paragraph of stream unit `p` in one of `langs`? Its own words decide; a paragraph too
   *  short to tell takes the page's language, else the whole text's. */
  inLanguage(langs: readonly string[], p: number): boolean {
    const at = this.t.starts[p] ?? 0;
    const from = this.original.lastIndexOf('\n', at) + 1;
    let lang = this.langs.get(from);
    if (lang === undefined) {
      let to = this.original.indexOf('\n', at);
      if (to < 0) to = this.original.length;
      lang = guessLanguage(this.original.slice(from, Math.min(to, from + 4000)));
      this.langs.set(from, lang);
    }
    if (lang === null) {
      if (this.pageLang) lang = this.pageLang;
      else {
        if (this.textLang === undefined) this.textLang = guessLanguage(this.original);
        lang = this.textLang;
      }
    }
    return lang !== null && langs.includes(lang);
  }

  /** Does the match at stream units [start, end) satisfy the rule? */
  holds(ctx: CompiledContext, start: number, end: number): boolean {
    if (ctx.yearSuffix && this.yearFollows(end)) return true;
    if (ctx.cues.length === 0 || (!ctx.nameMayFollow && this.partOfLongerName(end))) return false;
    this.indexWords();
    const first = this.firstWordEndingAfter(start); // first word of the match
    let last = first; // one past the last word of the match
    while (last < this.wordCount && this.wordStart![last]! < end) last++;
    const lo = Math.max(0, first - ctx.window);
    const hi = Math.min(this.wordCount, last + ctx.window);
    for (const block of ctx.blocks) {
      for (let w = lo; w + block.length <= hi; w++) if (this.cueAt(block, w)) return false;
    }
    for (const cue of ctx.cues) {
      for (let w = lo; w + cue.length <= hi; w++) {
        if (w >= first && w + cue.length <= last) continue; // the match is not its own cue
        if (this.cueAt(cue, w)) return true;
      }
    }
    return false;
  }

  /** A four-digit year right after `end`, glued or after one dash ("Interaction-2024", "Rubezh2024"). */
  yearFollows(end: number): boolean {
    return this.yearEnd(end) >= 0;
  }

  /** Where the year glued to a name at `end` ends ("Взаимодействие-2024": after "2024"), or -1. */
  yearEnd(end: number): number {
    if (this.yearAt(end)) return end + 4;
    const t = this.t;
    if (end >= t.length || t.folded[end] !== SPACE) return -1;
    const gap = this.original.slice(t.starts[end]!, t.ends[end]!);
    if (!YEAR_JOINER.test(gap)) return -1;
    return this.yearAt(end + 1) ? end + 5 : -1;
  }

  /** The ambiguous name is followed, after one space, by a capitalised word or a number: another name. */
  private partOfLongerName(end: number): boolean {
    const t = this.t;
    if (end >= t.length || t.folded[end] !== SPACE) return false;
    const gap = this.original.slice(t.starts[end]!, t.ends[end]!);
    if (gap !== ' ' && gap !== '\u00a0') return false;
    const next = t.starts[end + 1];
    return next !== undefined && NAME_OR_NUMBER.test(this.original.charAt(next));
  }

  private yearAt(p: number): boolean {
    const f = this.t.folded;
    if (p + 4 > this.t.length) return false;
    const c0 = f[p]!;
    const c1 = f[p + 1]!;
    if (!((c0 === 0x31 && c1 === 0x39) || (c0 === 0x32 && c1 === 0x30))) return false; // 19xx, 20xx
    for (let k = p + 2; k < p + 4; k++) if (f[k]! < 0x30 || f[k]! > 0x39) return false;
    return p + 4 === this.t.length || !isWordUnit(f[p + 4]!);
  }

  /** Do the words from `w` on read `cue`? Compared on the folded stream, without building strings. */
  private cueAt(cue: readonly CueWord[], w: number): boolean {
    const f = this.t.folded;
    for (let k = 0; k < cue.length; k++) {
      const want = cue[k]!.text;
      const from = this.wordStart![w + k]!;
      const len = this.wordEnd![w + k]! - from;
      const m = want.length;
      if (cue[k]!.prefix) {
        if (len < m || len - m > CUE_STAR_LETTERS) return false;
      } else if (len !== m) return false;
      for (let j = 0; j < m; j++) if (f[from + j] !== want.charCodeAt(j)) return false;
    }
    return true;
  }

  private firstWordEndingAfter(p: number): number {
    let lo = 0;
    let hi = this.wordCount;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.wordEnd![mid]! <= p) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private indexWords(): void {
    if (this.wordStart) return;
    const f = this.t.folded;
    const n = this.t.length;
    const starts = new Int32Array((n >>> 1) + 2);
    const ends = new Int32Array((n >>> 1) + 2);
    let count = 0;
    let i = 0;
    while (i < n) {
      if (!isWordUnit(f[i]!)) {
        i++;
        continue;
      }
      starts[count] = i;
      while (i < n && isWordUnit(f[i]!)) i++;
      ends[count++] = i;
    }
    this.wordStart = starts;
    this.wordEnd = ends;
    this.wordCount = count;
  }
}
