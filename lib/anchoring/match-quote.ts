// Finds a quote in a (normalized) text: every exact occurrence, found through the word
// index, then, when none sits in its stored context, approximate matches found with
// approx-string-match (Myers' bit-parallel algorithm) around the stored position and around
// occurrences of the quote's rarest words. Candidates are scored together (score.ts).

import search from 'approx-string-match';
import type { Corpus } from './corpus';
import { best, scoreMatch, type QuoteNeedle, type Scored } from './score';
import type { AnchorOptions } from './types';
import { isWordChar, tokenize } from './words';

/** Edits allowed between a quote and its approximate match. */
export function maxErrors(quoteLength: number): number {
  return Math.min(256, Math.floor(quoteLength / 4));
}

/** An exact occurrence whose context scores at least this is taken without a fuzzy search. */
const CONTEXT_OK = 0.6;
/** Exact occurrences scored in full (the rest are ranked by a cheap context check first). */
const MAX_EXACT = 100;
/** Rarest words of the quote and its context used as seeds, and how common a seed may be. */
const SEEDS = 6;
const MAX_SEED_HITS = 1000;
/** Characters searched on either side of the stored position. */
const HINT_RADIUS = 2000;
const SLACK = 32;
/** Without seeds, 'auto' scans texts up to this length in full. */
const FULL_SCAN_LIMIT = 200_000;
/** Approximate matches scored in full, fewest errors first. */
const MAX_FUZZY = 100;

const NONE: readonly number[] = [];

/** Start offsets of every exact occurrence of quote in corpus.text. */
export function exactOccurrences(corpus: Corpus, quote: string): number[] {
  const text = corpus.text;
  // A word strictly inside the quote is a whole word wherever the quote occurs.
  const inner = tokenize(quote).filter((t) => t.start > 0 && t.end < quote.length);
  if (inner.length > 0) {
    const words = corpus.words;
    let seed = inner[0]!;
    let hits = words.get(seed.word) ?? NONE;
    for (const t of inner) {
      const h = words.get(t.word) ?? NONE;
      if (h.length < hits.length) {
        seed = t;
        hits = h;
      }
    }
    const out: number[] = [];
    for (const p of hits) {
      const s = p - seed.start;
      if (s >= 0 && text.startsWith(quote, s)) out.push(s);
    }
    return out;
  }
  const out: number[] = [];
  for (let i = text.indexOf(quote); i >= 0; i = text.indexOf(quote, i + 1)) out.push(i);
  return out;
}

function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** Keeps the MAX_EXACT occurrences whose context agrees longest with the stored one. */
function shortlist(text: string, q: QuoteNeedle, starts: number[]): number[] {
  if (starts.length <= MAX_EXACT) return starts;
  const m = q.exact.length;
  const cheap = (s: number) =>
    commonSuffix(q.prefix, text.slice(Math.max(0, s - q.prefix.length), s)) +
    commonPrefix(q.suffix, text.slice(s + m, s + m + q.suffix.length));
  return starts
    .map((s) => ({ s, c: cheap(s) }))
    .sort((a, b) => b.c - a.c || a.s - b.s)
    .slice(0, MAX_EXACT)
    .map((x) => x.s);
}

type Span = [number, number];

function mergeSpans(spans: Span[], limit: number): Span[] {
  const clamped = spans
    .map(([a, b]): Span => [Math.max(0, a), Math.min(limit, b)])
    .filter(([a, b]) => a < b)
    .sort((x, y) => x[0] - y[0]);
  const out: Span[] = [];
  for (const s of clamped) {
    const last = out[out.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else out.push(s);
  }
  return out;
}

/** True when some sorted value lies within tol of x. */
function near(sorted: readonly number[], x: number, tol: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) < x - tol) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && (sorted[lo] as number) <= x + tol;
}

/** Whole words of the quote and its context, by offset relative to the quote's start. */
function seedWords(q: QuoteNeedle): Map<string, number[]> {
  const m = q.exact.length;
  const out = new Map<string, number[]>();
  const add = (word: string, at: number) => {
    const list = out.get(word);
    if (list) list.push(at);
    else out.set(word, [at]);
  };
  // Edge words count only when the neighbouring text shows they were not cut.
  const firstWhole = !isWordChar(q.prefix[q.prefix.length - 1]);
  const lastWhole = !isWordChar(q.suffix[0]);
  for (const t of tokenize(q.exact)) {
    if ((t.start === 0 && !firstWhole) || (t.end === m && !lastWhole)) continue;
    add(t.word, t.start);
  }
  // The context may itself be cut at its outer edge: its outermost word is left out.
  const pre = tokenize(q.prefix).slice(1);
  for (const t of pre) if (t.end < q.prefix.length || firstWhole) add(t.word, t.start - q.prefix.length);
  const suf = tokenize(q.suffix).slice(0, -1);
  for (const t of suf) if (t.start > 0 || lastWhole) add(t.word, m + t.start);
  return out;
}

/**
 * Likely starts of an edited copy. Each occurrence of one of the rarest words of the quote
 * and its context votes for a start (its offset minus the word's offset in the quote); the
 * starts that most distinct words agree on (within the error budget) are kept, except those
 * of exact copies. Null when no word is usable.
 */
function seedStarts(corpus: Corpus, q: QuoteNeedle, k: number, exact: readonly number[]): number[] | null {
  const offsets = seedWords(q);
  const words = corpus.words;
  const seeds = [...offsets.keys()]
    .map((w) => ({ w, hits: words.get(w) ?? NONE }))
    .filter((s) => s.hits.length > 0 && s.hits.length <= MAX_SEED_HITS)
    .sort((a, b) => a.hits.length - b.hits.length)
    .slice(0, SEEDS);
  if (seeds.length === 0) return null;
  const points: { at: number; seed: number }[] = [];
  seeds.forEach(({ w, hits }, seed) => {
    for (const o of offsets.get(w) ?? NONE) for (const p of hits) if (!near(exact, p - o, k)) points.push({ at: p - o, seed });
  });
  points.sort((a, b) => a.at - b.at);
  const tol = k + SLACK;
  // support[i]: distinct seeds voting within tol of point i (two-pointer window).
  const support = new Int32Array(points.length);
  const inWindow = new Int32Array(seeds.length);
  let distinct = 0;
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < points.length; i++) {
    const at = points[i]!.at;
    while (hi < points.length && points[hi]!.at <= at + tol) if (inWindow[points[hi++]!.seed]!++ === 0) distinct++;
    while (points[lo]!.at < at - tol) if (--inWindow[points[lo++]!.seed]! === 0) distinct--;
    support[i] = distinct;
  }
  let top = 0;
  for (const v of support) if (v > top) top = v;
  const floor = Math.max(1, top - 1);
  return points.filter((_, i) => support[i]! >= floor).map((p) => p.at);
}

/** Where to look for approximate matches, or 'full' for the whole text. */
function searchSpans(corpus: Corpus, q: QuoteNeedle, k: number, exact: readonly number[], mode: AnchorOptions['fuzzyScan']): Span[] | 'full' {
  if (mode === 'full') return 'full';
  const m = q.exact.length;
  const spans: Span[] = [];
  if (q.hint !== undefined) spans.push([q.hint - HINT_RADIUS - k, q.hint + m + HINT_RADIUS + k]);
  const starts = seedStarts(corpus, q, k, exact);
  if (!starts && mode !== 'seeded' && corpus.text.length <= FULL_SCAN_LIMIT) return 'full';
  for (const s of starts ?? NONE) spans.push([s - k - SLACK, s + m + k + SLACK]);
  return mergeSpans(spans, corpus.text.length);
}

interface RawMatch {
  start: number;
  end: number;
  errors: number;
}

/** One match per cluster of overlapping matches: the one with fewest errors, then the longest. */
function cluster(matches: RawMatch[]): RawMatch[] {
  matches.sort((a, b) => a.start - b.start || a.end - b.end);
  const out: RawMatch[] = [];
  let cur: RawMatch | null = null;
  let reach = -1;
  for (const m of matches) {
    if (cur && m.start < reach) {
      if (m.errors < cur.errors || (m.errors === cur.errors && m.end - m.start > cur.end - cur.start)) {
        out[out.length - 1] = m;
        cur = m;
      }
      reach = Math.max(reach, m.end);
      continue;
    }
    out.push(m);
    cur = m;
    reach = m.end;
  }
  return out;
}

/** Trims spaces the approximate match took in at its ends. */
function trimSpaces(text: string, m: RawMatch): RawMatch {
  let { start, end } = m;
  while (start < end && text.charCodeAt(start) === 32) start++;
  while (end > start && text.charCodeAt(end - 1) === 32) end--;
  return { start, end, errors: m.errors };
}

/** text[a, b) with the given exact occurrences blanked, so the search reports the edited copies. */
function maskedSlice(text: string, a: number, b: number, m: number, exact: readonly number[]): string {
  const slice = a === 0 && b === text.length ? text : text.slice(a, b);
  const hits = exact.filter((s) => s < b && s + m > a);
  if (hits.length === 0) return slice;
  const parts: string[] = [];
  let at = a;
  for (const s of hits) {
    const from = Math.max(at, s);
    const to = Math.min(b, s + m);
    if (to <= from) continue;
    parts.push(text.slice(at, from), '\u0000'.repeat(to - from));
    at = to;
  }
  parts.push(text.slice(at, b));
  return parts.join('');
}

/**
 * A fuzzy match stops short where an edit sits near its end (the cheapest alignment drops
 * the edited tail). Stretch each end to the quote's exact first or last characters when
 * they stand within the length still missing plus the error budget.
 */
function stretch(text: string, q: QuoteNeedle, m: RawMatch, k: number): RawMatch {
  const len = q.exact.length;
  const t = Math.min(len, 12);
  const room = Math.max(0, len - (m.end - m.start)) + 2 * k;
  let { start, end } = m;
  const tail = q.exact.slice(-t);
  if (!text.startsWith(tail, end - t)) {
    const from = Math.max(start, end - t + 1);
    const i = text.slice(from, end + room).indexOf(tail);
    if (i >= 0) end = from + i + t;
  }
  const head = q.exact.slice(0, t);
  if (!text.startsWith(head, start) && start > 0) {
    const from = Math.max(0, start - room);
    const i = text.slice(from, start - 1 + t).lastIndexOf(head);
    if (i >= 0) start = from + i;
  }
  return { start, end, errors: m.errors };
}

/** Approximate matches (at least one error) of the quote, scored; exact holds its exact occurrences. */
export function fuzzyMatches(corpus: Corpus, q: QuoteNeedle, exact: readonly number[], opts: AnchorOptions = {}): Scored[] {
  const k = maxErrors(q.exact.length);
  if (k === 0) return [];
  const text = corpus.text;
  const m = q.exact.length;
  const where = searchSpans(corpus, q, k, exact, opts.fuzzyScan ?? 'auto');
  const found: RawMatch[] = [];
  const spans: Span[] = where === 'full' ? [[0, text.length]] : where;
  for (const [a, b] of spans) {
    for (const r of search(maskedSlice(text, a, b, m, exact), q.exact, k)) {
      if (r.errors > 0) found.push({ start: r.start + a, end: r.end + a, errors: r.errors });
    }
  }
  return cluster(found)
    .sort((x, y) => x.errors - y.errors || x.start - y.start)
    .slice(0, MAX_FUZZY)
    .map((r) => trimSpaces(text, stretch(text, q, r, k)))
    .filter((r) => r.end > r.start)
    .map((r) => scoreMatch(text, q, r.start, r.end, r.errors));
}

/** The best place for the quote in corpus.text (normalized offsets), or null. */
export function matchQuote(corpus: Corpus, q: QuoteNeedle, opts: AnchorOptions = {}): Scored | null {
  const text = corpus.text;
  const m = q.exact.length;
  const starts = exactOccurrences(corpus, q.exact);
  const exact = shortlist(text, q, starts).map((s) => scoreMatch(text, q, s, s + m, 0));
  const top = best(exact);
  if (top && top.contextScore >= CONTEXT_OK) return top;
  // No exact occurrence in its context: an edited copy in context may be the better place.
  const win = best(exact.concat(fuzzyMatches(corpus, q, starts, opts)));
  if (!win) return null;
  if (win.errors > 0 && win.score < (opts.minScore ?? 0)) return null;
  return win;
}
