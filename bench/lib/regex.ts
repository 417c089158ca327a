// The regular-expression competitor: one alternation over the same aliases, built as well as a
// careful engineer would: escaped, longest first, whitespace as \s+, "*" (0..4 more letters) as
// \p{L}{0,4}, Unicode word boundaries as lookarounds (\b is ASCII-only, so it would never match a
// Cyrillic alias), one regex for the case-insensitive aliases ('giu') and one for the acronyms ('gu').
// Which alias matched is found by a Map lookup of the matched text.
import type { Alias } from '../../lib/model/types';

export interface RegexHit {
  start: number;
  end: number;
  entityId: string;
}

// Syntax characters only: with the 'u' flag any other escape (\- \') is an error.
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

export function aliasPattern(text: string): string {
  const star = /\p{L}\*$/u.test(text);
  const body = star ? text.slice(0, -1) : text;
  return (
    body
      .trim()
      .split(/\s+/)
      .map(escape)
      .join('\\s+') + (star ? '\\p{L}{0,4}' : '')
  );
}

/** Pattern source of one alternation (longest alias first), with Unicode word boundaries. */
export function alternationSource(aliases: readonly Alias[]): string {
  const pats = [...new Set(aliases.map((a) => aliasPattern(a.text)).filter(Boolean))];
  pats.sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  return `(?<![\\p{L}\\p{N}_])(?:${pats.join('|')})(?![\\p{L}\\p{N}_])`;
}

const keyOf = (s: string, fold: boolean) => (fold ? s.toLowerCase() : s).replace(/\s+/g, ' ');

/**
 * Compiled alternations over `aliases`: one if V8 accepts it, else as few as it accepts (halving
 * the number of alternatives until every part compiles; V8 caps the size of a compiled regex).
 */
export function compileAlternations(aliases: readonly Alias[], flags: string): RegExp[] {
  if (aliases.length === 0) return [];
  const sorted = [...aliases].sort((a, b) => b.text.length - a.text.length);
  // V8 rejects much more than ~10,000 alternatives in one expression ("too large"), and finding
  // that out costs a full compile: start from parts of at most that many.
  for (let parts = Math.ceil(sorted.length / 10_000); parts <= sorted.length; parts *= 2) {
    const size = Math.ceil(sorted.length / parts);
    const out: RegExp[] = [];
    try {
      for (let i = 0; i < sorted.length; i += size) {
        const re = new RegExp(alternationSource(sorted.slice(i, i + size)), flags);
        re.exec('compile me'); // V8 compiles lazily: too large only shows on first use
        re.lastIndex = 0;
        out.push(re);
      }
      return out;
    } catch {
      // too large: split further
    }
  }
  throw new Error('no alternation compiles');
}

export class RegexMatcher {
  private readonly folded: RegExp[];
  private readonly cased: RegExp[];
  private readonly foldedIds = new Map<string, string>();
  private readonly casedIds = new Map<string, string>();

  constructor(aliases: readonly Alias[]) {
    const f = aliases.filter((a) => !a.caseSensitive);
    const c = aliases.filter((a) => a.caseSensitive);
    for (const a of f) if (!this.foldedIds.has(keyOf(a.text.replace(/\*$/, ''), true))) this.foldedIds.set(keyOf(a.text.replace(/\*$/, ''), true), a.entityId);
    for (const a of c) if (!this.casedIds.has(keyOf(a.text.replace(/\*$/, ''), false))) this.casedIds.set(keyOf(a.text.replace(/\*$/, ''), false), a.entityId);
    this.folded = compileAlternations(f, 'giu');
    this.cased = compileAlternations(c, 'gu');
  }

  /** How many regular expressions one scan runs (1 + 1 unless V8 forced a split). */
  get regexCount(): number {
    return this.folded.length + this.cased.length;
  }

  private lookup(ids: Map<string, string>, text: string, fold: boolean): string {
    const k = keyOf(text, fold);
    const hit = ids.get(k);
    if (hit) return hit;
    for (let cut = 1; cut <= 4 && cut < k.length; cut++) {
      const h = ids.get(k.slice(0, -cut));
      if (h) return h;
    }
    return '';
  }

  scan(text: string): RegexHit[] {
    const hits: RegexHit[] = [];
    const runs = [
      ...this.folded.map((re) => [re, this.foldedIds, true] as const),
      ...this.cased.map((re) => [re, this.casedIds, false] as const),
    ];
    for (const [re, ids, fold] of runs) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        hits.push({ start: m.index, end: m.index + m[0].length, entityId: this.lookup(ids, m[0], fold) });
      }
    }
    // Leftmost-longest, non-overlapping, like the matcher.
    hits.sort((a, b) => a.start - b.start || b.end - a.end);
    const out: RegexHit[] = [];
    let end = -1;
    for (const h of hits) {
      if (h.start >= end) {
        out.push(h);
        end = h.end;
      }
    }
    return out;
  }
}
