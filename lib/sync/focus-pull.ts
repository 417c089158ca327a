// Pull when the reader comes back: a tab or window getting focus (background events) or the notebook
// becoming visible (a `syncFocus` message). Many such events come in bursts (switching tabs), so a pull
// starts at most once per `minGapMs`; the run itself coalesces with one already going (client.ts).

export const FOCUS_PULL_GAP_MS = 3_000;

export class FocusPulls {
  private last = -Infinity;

  constructor(
    private readonly pull: () => void,
    private readonly minGapMs: number = FOCUS_PULL_GAP_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** A focus event: pulls unless one started less than `minGapMs` ago. True when it pulled. */
  poke(): boolean {
    const t = this.now();
    if (t - this.last < this.minGapMs) return false;
    this.last = t;
    this.pull();
    return true;
  }
}
