export { rng } from '../../scripts/lib/rng';
// Shared pieces of the benchmark runner: the figure format, medians of interleaved runs, logging.

export interface Baseline {
  name: string;
  value: number | null;
}

/**
 * One reported number. `ratio` is always `value / baseline.value` (null without a baseline);
 * `target` says, in words, what `met` checks (null when the figure has no target).
 */
export interface Figure {
  id: string;
  value: number | null;
  unit: string;
  baseline: Baseline | null;
  ratio: number | null;
  target: string | null;
  met: boolean | null;
  /** How the number was obtained when that is not obvious (caps, unmeasurable values). */
  note?: string;
}

export interface BenchContext {
  quick: boolean;
  /** Progress line on stderr (results go to stdout and the results files). */
  log(msg: string): void;
}

export interface BenchModule {
  /** Short id, the prefix of its figures. */
  readonly id: string;
  readonly title: string;
  run(ctx: BenchContext): Promise<Figure[]>;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Runs each candidate `reps` times, interleaved (a b c a b c ...; the order rotates every round
 * so no candidate always runs right after the same neighbour), and returns every candidate's samples.
 */
export async function interleave<K extends string>(
  reps: number,
  candidates: Record<K, () => number | Promise<number>>,
): Promise<Record<K, number[]>> {
  const keys = Object.keys(candidates) as K[];
  const out = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let r = 0; r < reps; r++) {
    for (let j = 0; j < keys.length; j++) {
      const k = keys[(r + j) % keys.length]!;
      out[k].push(await candidates[k]());
    }
  }
  return out;
}

/** Four significant digits (at least one decimal above 1,000). */
const round = (x: number) => (x === 0 || !Number.isFinite(x) ? x : Math.abs(x) >= 1000 ? Math.round(x * 10) / 10 : Number(x.toPrecision(4)));

/** A figure with ratio computed and numbers rounded for the report. */
export function figure(f: {
  id: string;
  value: number | null;
  unit: string;
  baseline?: Baseline | null;
  target?: string | null;
  /** Decides `met` from value and ratio; omitted when there is no target. */
  check?: (value: number, ratio: number | null) => boolean;
  note?: string;
}): Figure {
  const baseline = f.baseline ?? null;
  const ratio = f.value !== null && baseline?.value ? f.value / baseline.value : null;
  const met = f.check && f.value !== null ? f.check(f.value, ratio) : null;
  return {
    id: f.id,
    value: f.value === null ? null : round(f.value),
    unit: f.unit,
    baseline: baseline ? { name: baseline.name, value: baseline.value === null ? null : round(baseline.value) } : null,
    ratio: ratio === null ? null : round(ratio),
    target: f.target ?? null,
    met,
    ...(f.note ? { note: f.note } : {}),
  };
}


export function shuffle<T>(xs: T[], r: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}
