import type { ContextRule } from '../model/types';
import { isWordUnit } from './chars';
import { SPACE, normalizeText, type NormalizedText } from './normalize';

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
}

function cueWords(cue: string): CueWord[] {
  const t = normalizeText(cue);
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
  };
}

/** Reads the context of matches in one normalized text; words are indexed on first use. */
export class ContextReader {
  private wordStart: Int32Array | null = null;
  private wordEnd: Int32Array | null = null;
  private wordCount = 0;
  private readonly wordText: (string | undefined)[] = [];

  constructor(
    private readonly original: string,
    private readonly t: NormalizedText,
  ) {}

  /** Does the match at stream units [start, end) satisfy the rule? */
  holds(ctx: CompiledContext, start: number, end: number): boolean {
    if (ctx.yearSuffix && this.yearFollows(end)) return true;
    if (ctx.cues.length === 0) return false;
    this.indexWords();
    const first = this.firstWordEndingAfter(start); // first word of the match
    let last = first; // one past the last word of the match
    while (last < this.wordCount && this.wordStart![last]! < end) last++;
    const lo = Math.max(0, first - ctx.window);
    const hi = Math.min(this.wordCount, last + ctx.window);
    for (const cue of ctx.cues) {
      for (let w = lo; w + cue.length <= hi; w++) {
        if (w >= first && w + cue.length <= last) continue; // the match is not its own cue
        if (this.cueAt(cue, w)) return true;
      }
    }
    return false;
  }

  /** A four-digit year right after `end`, glued or after one hyphen/space on the same line. */
  yearFollows(end: number): boolean {
    if (this.yearAt(end)) return true;
    const t = this.t;
    if (end >= t.length || t.folded[end] !== SPACE) return false;
    const gap = this.original.slice(t.starts[end]!, t.ends[end]!);
    if (/[\n\r\u2028\u2029]/.test(gap)) return false;
    return this.yearAt(end + 1);
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

  private cueAt(cue: readonly CueWord[], w: number): boolean {
    for (let k = 0; k < cue.length; k++) {
      const want = cue[k]!;
      const got = this.word(w + k);
      if (want.prefix) {
        if (!got.startsWith(want.text) || got.length - want.text.length > CUE_STAR_LETTERS) return false;
      } else if (got !== want.text) return false;
    }
    return true;
  }

  private word(w: number): string {
    let s = this.wordText[w];
    if (s === undefined) {
      s = '';
      const f = this.t.folded;
      for (let i = this.wordStart![w]!; i < this.wordEnd![w]!; i++) s += String.fromCharCode(f[i]!);
      this.wordText[w] = s;
    }
    return s;
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
