// Scores a candidate place for a quote, as Hypothesis's match-quote.ts does: similarity of
// the quote, of the text before it to the stored prefix and after it to the stored suffix,
// and closeness to the stored position. Weights favour the quote, then the context.

export const WEIGHTS = { quote: 50, prefix: 20, suffix: 20, position: 2 } as const;
const TOTAL = WEIGHTS.quote + WEIGHTS.prefix + WEIGHTS.suffix + WEIGHTS.position;

let prevRow = new Int32Array(64);
let curRow = new Int32Array(64);

/** Fewest edits turning pattern into some substring of text (semi-global edit distance). */
export function substringDistance(text: string, pattern: string): number {
  const n = text.length;
  if (prevRow.length <= n) {
    prevRow = new Int32Array(n + 1);
    curRow = new Int32Array(n + 1);
  }
  let prev = prevRow;
  let cur = curRow;
  prev.fill(0, 0, n + 1);
  for (let i = 1; i <= pattern.length; i++) {
    const c = pattern.charCodeAt(i - 1);
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const diag = (prev[j - 1] as number) + (text.charCodeAt(j - 1) === c ? 0 : 1);
      const up = (prev[j] as number) + 1;
      const left = (cur[j - 1] as number) + 1;
      cur[j] = diag < up ? (diag < left ? diag : left) : up < left ? up : left;
    }
    const t = prev;
    prev = cur;
    cur = t;
  }
  let best = pattern.length;
  for (let j = 0; j <= n; j++) if ((prev[j] as number) < best) best = prev[j] as number;
  return best;
}

/** Similarity in [0, 1] of expected to its best approximate occurrence in actual (context strings). */
export function textMatchScore(actual: string, expected: string): number {
  if (expected.length === 0) return 1;
  if (actual.length === 0) return 0;
  if (actual === expected) return 1;
  return 1 - substringDistance(actual, expected) / expected.length;
}

export interface Scored {
  start: number;
  end: number;
  errors: number;
  score: number;
  quoteScore: number;
  contextScore: number;
}

export interface QuoteNeedle {
  /** Normalized, trimmed quote. */
  exact: string;
  /** Normalized context. */
  prefix: string;
  suffix: string;
  /** Stored start in normalized coordinates of the current text, if any. */
  hint: number | undefined;
}

/** Score of the match [start, end) with `errors` edits from the quote, in a normalized text. */
export function scoreMatch(text: string, q: QuoteNeedle, start: number, end: number, errors: number): Scored {
  const quoteScore = 1 - errors / Math.max(1, q.exact.length);
  const before = text.slice(Math.max(0, start - q.prefix.length), start);
  const after = text.slice(end, end + q.suffix.length);
  const prefixScore = textMatchScore(before, q.prefix);
  const suffixScore = textMatchScore(after, q.suffix);
  const positionScore = q.hint === undefined ? 1 : Math.max(0, 1 - Math.abs(start - q.hint) / Math.max(1, text.length));
  const score =
    (WEIGHTS.quote * quoteScore + WEIGHTS.prefix * prefixScore + WEIGHTS.suffix * suffixScore + WEIGHTS.position * positionScore) /
    TOTAL;
  return { start, end, errors, score, quoteScore, contextScore: (prefixScore + suffixScore) / 2 };
}

/** Best of several scored matches; ties go to the earliest. */
export function best(cands: readonly Scored[]): Scored | null {
  let top: Scored | null = null;
  for (const c of cands) if (!top || c.score > top.score || (c.score === top.score && c.start < top.start)) top = c;
  return top;
}
