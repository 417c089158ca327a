import { readdirSync, readFileSync } from 'node:fs';

// Bench diagnostics (Linux /proc): the CPU time of the processes the bench launched (the browser,
// its content and extension processes), sampled every few milliseconds, so that a run's window
// of wall time can be priced in CPU time: how much of the machine's cores the browser used while
// the extension highlighted a page, and how much the page's own loading used in the same window
// with the extension off. Elsewhere (no /proc) `available` is false and nothing is sampled.

/** Linux's USER_HZ is 100 on every architecture: /proc counts CPU time in 10 ms ticks. */
const TICK_MS = 10;
const SAMPLE_MS = 20;
/** The process tree is listed again this often (a sample reads only the pids it knows). */
const LIST_MS = 250;

interface Sample {
  at: number;
  /** pid -> CPU ms (user + system) so far. */
  cpu: Map<number, number>;
}

function readStat(pid: number): { ppid: number; ms: number } | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: the fields after it follow the last ')'.
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(f[1]), ms: (Number(f[11]) + Number(f[12])) * TICK_MS };
  } catch {
    return null; // gone meanwhile
  }
}

/** The descendants of `root` (not root itself). */
function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const st = readStat(Number(name));
    if (!st) continue;
    const list = children.get(st.ppid) ?? [];
    list.push(Number(name));
    children.set(st.ppid, list);
  }
  const out: number[] = [];
  const todo = [...(children.get(root) ?? [])];
  while (todo.length) {
    const pid = todo.pop()!;
    out.push(pid);
    todo.push(...(children.get(pid) ?? []));
  }
  return out;
}

export class CpuSampler {
  static readonly available = (() => {
    try {
      return readStat(process.pid) !== null;
    } catch {
      return false;
    }
  })();
  private readonly samples: Sample[] = [];
  private pids: number[] = [];
  private listedAt = 0;
  private timer: ReturnType<typeof setInterval> | null = null;

  /** Samples the bench process's descendants (whatever browser it runs now) until stop(). */
  start(): void {
    if (!CpuSampler.available || this.timer) return;
    this.sample();
    this.timer = setInterval(() => this.sample(), SAMPLE_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private sample(): void {
    const at = Date.now();
    if (at - this.listedAt >= LIST_MS) {
      this.pids = descendants(process.pid);
      this.listedAt = at;
    }
    const cpu = new Map<number, number>();
    for (const pid of this.pids) {
      const st = readStat(pid);
      if (st) cpu.set(pid, st.ms);
    }
    this.samples.push({ at, cpu });
  }

  /**
   * CPU ms the browser's processes used between two epoch times (the samples nearest outside
   * them), and the wall ms those samples span; null without samples around the window. A process
   * first seen inside the window counts from zero (it started there), one gone counts until its
   * last sample.
   */
  between(from: number, to: number): { cpuMs: number; wallMs: number } | null {
    const s = this.samples;
    let a = -1;
    for (let i = 0; i < s.length && s[i]!.at <= from; i++) a = i;
    let b = s.findIndex((x) => x.at >= to);
    if (this.timer && b < 0) {
      this.sample(); // the window just ended
      b = s.length - 1;
    }
    if (a < 0 || b < 0 || b <= a) return null;
    const first = s[a]!.cpu;
    const last = new Map<number, number>();
    for (let i = a; i <= b; i++) for (const [pid, ms] of s[i]!.cpu) last.set(pid, ms);
    let cpuMs = 0;
    for (const [pid, ms] of last) cpuMs += ms - (first.get(pid) ?? 0);
    return { cpuMs, wallMs: s[b]!.at - s[a]!.at };
  }
}
