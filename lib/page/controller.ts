import type { EntityType } from '../model/types';
import { collectTextAsync, collectTextInAsync, type TextIndex } from '../dom/collect';
import { Highlighter, MARK_TAG, type AddOptions, type HighlightItem } from '../dom/highlighter';
import { observeMutations, type MutationWatch } from '../dom/observe';
import { RangeMaker } from '../dom/ranges';
import { timeSlice } from '../dom/schedule';
import type { MatchedSpan, PageEntity, PageMention, PageReport, PageState, ScanPhases } from '../protocol/messages';
import { isPacked, packSpans, type PackedSpans } from '../protocol/spans';
import { limitText, splitForMatching, textForMatching } from './chunks';
import { watchPointerHits, type HitKind } from './entity-hits';

// The content script's controller: read the page, ask the background for
// matches, draw them, follow the page as it changes. All DOM work is sliced so
// that no task of ours runs long, and every listener ends with `signal`.

export interface PageDeps {
  /** Matches a chunk of text (offsets relative to the chunk): in the background (a matchText
   *  message) or in the page (lib/page/page-matcher.ts); packed spans or span objects.
   *  `scanChars`: the length of all the text this scan matches, of which the chunk is a part. */
  match(text: string, scanChars: number): Promise<PackedSpans | readonly MatchedSpan[]>;
  report(report: PageReport): void;
}

export interface PageOptions {
  document: Document;
  signal: AbortSignal;
  /** Entity types to draw. */
  types: ReadonlySet<EntityType>;
  mode: 'highlight-api' | 'wrap';
  /** Text beyond this many characters is not matched; the page reports itself partial. */
  maxChars?: number;
  /** Characters per chunk matched. */
  chunkChars?: number;
  /** Called when the pointer rests on, or clicks, an entity highlight. */
  onEntityHit?: (hit: EntityHit) => void;
  /** When the work for this page began (performance.now()): the content script's start for the
   *  first controller of a page. Default: when the controller is made. */
  startedAt?: number;
}

export interface EntityHit {
  entityId: string;
  range: Range;
  /** 'enter': the pointer just reached the highlight (prefetch); 'hover': it rested there; 'click'. */
  kind: HitKind;
  /** Which mention of the entity it is, in document order, and how many the page has. */
  index: number;
  total: number;
}

interface EntityItem extends HighlightItem {
  entityId: string;
  type: EntityType;
  text: string;
}

export const DEFAULT_MAX_CHARS = 3_000_000;
export { HOVER_DELAY_MS } from './entity-hits';
const CHUNK_CHARS = 100_000;
/** Chunks asked for at once: the matcher (the background, or a task of the page's) always has the
 *  next chunk queued while the ranges of the last one are built and drawn. */
export const IN_FLIGHT = 4;
/** Longest stretch of range building and drawing between yields, in ms. */
const SLICE_MS = 8;
/** Ranges built between draws (and checks of the time slice). */
const DRAW_EVERY = 128;
/** Showing filled highlights: longer slices, as every frame between them repaints what is shown so
 *  far (Firefox: ~50 ms a frame on a 200,000-word page). Registering one part (at most SHARD_RANGES
 *  ranges) takes Firefox 10-15 ms, so a task stays under ~45 ms. */
const SHOW_SLICE_MS = 30;
/** Text of the same block sent on either side of a chunk cut inside a block, so that a name
 *  (or a context cue) across the cut is still seen whole. Longer than any alias. */
const CONTEXT_CHARS = 512;

let nextId = 0;

export class PageController {
  private readonly highlighter: Highlighter;
  private readonly items = new Map<string, EntityItem>();
  private partial = false;
  private generation = 0;
  private scans = 0;
  private readonly started: number;
  private drawnAt: number | null = null;
  /** Where the last full scan's time went (diagnostics for the benchmarks). */
  private phases: ScanPhases | null = null;
  private watch: MutationWatch | null = null;
  /** The body the mutation observer watches (a page may swap in another body later). */
  private observed: HTMLElement | null = null;

  constructor(
    private readonly deps: PageDeps,
    private readonly opts: PageOptions,
  ) {
    this.started = opts.startedAt ?? performance.now();
    this.highlighter = new Highlighter({ mode: opts.mode, document: opts.document });
    // Aborted: restore the page (DOM and stylesheet); a new controller starts after each settings change.
    opts.signal.addEventListener(
      'abort',
      () => {
        this.clear();
        this.highlighter.destroy();
      },
      { once: true },
    );
  }

  get mode() {
    return this.highlighter.mode;
  }

  /** Reads and highlights the whole page; then follows additions and removals. */
  async start(): Promise<void> {
    const body = this.opts.document.body;
    if (!body) return;
    this.observed = body;
    // Observe first: what arrives during the first scan is read again, never missed;
    // a re-read replaces the highlights inside the nodes it reads, so none is doubled.
    this.watch = observeMutations(
      body,
      (added) => void this.scanAdded(added).catch(ignoreAbort),
      () => this.dropDisconnected(),
      { debounceMs: 150, signal: this.opts.signal },
    );
    this.listenForHits();
    await this.scanAll();
  }

  /** Clears and reads the page again (single-page-app navigation). */
  async rescan(): Promise<void> {
    this.clear();
    await this.scanAll();
  }

  clear(): void {
    this.generation++;
    this.mutate(() => this.highlighter.clear());
    this.items.clear();
    this.partial = false;
  }

  private async scanAll(): Promise<void> {
    const generation = this.generation;
    const timing: Partial<ScanPhases> = {};
    const changes = this.watch?.changes;
    const index = await collectTextAsync(this.opts.document.body, { signal: this.opts.signal });
    if (generation !== this.generation) return;
    timing.read = performance.now();
    const limited = limitText(index.text, this.opts.maxChars ?? DEFAULT_MAX_CHARS);
    this.partial = limited.partial;
    await this.matchAndDraw(index, limited.text, generation, [], changes, timing);
    if (generation !== this.generation) return;
    this.scans++;
    this.drawnAt = performance.now();
    this.phases = { read: timing.read ?? 0, replied: timing.replied ?? 0, built: timing.built ?? 0, shown: this.drawnAt };
    this.deps.report(this.report());
  }

  private async scanAdded(nodes: Node[]): Promise<void> {
    let roots = nodes.filter((n) => n.isConnected);
    if (roots.length === 0) return;
    const generation = this.generation;
    const wrap = this.highlighter.mode === 'wrap';
    if (wrap) {
      // Wrapping split the page's text nodes and moved pieces into marks: an edited text node
      // is read again with its neighbours (its element, outside our marks), and the marks there
      // are removed first (unwrapping moves and merges text nodes: ranges read before would break).
      roots = [...new Set(roots.map(outsideMarks))].filter((n): n is Node => !!n && n.isConnected);
      this.mutate(() => this.removeWithin(roots));
    }
    const changes = this.watch?.changes;
    const index = await collectTextInAsync(roots, { signal: this.opts.signal });
    if (generation !== this.generation) return;
    await this.matchAndDraw(index, index.text, generation, wrap ? [] : roots, changes);
    if (generation === this.generation) this.deps.report(this.report());
  }

  /**
   * Matches `text` (read from `index`) and draws it, replacing what was drawn inside `replacing`.
   *
   * A pipeline: the chunks go to the background a few at a time (it matches one while the
   * next waits in its queue), and while it matches, the ranges of the chunks already answered
   * are built, in time slices. With the Highlight API they go straight into highlights that are
   * not shown yet, which are shown at the end: a change to shown highlights costs Chromium a
   * rebuild of every highlight's markers at the next frame, and Firefox a repaint. Wrap mode
   * wraps everything at the end in one go: wrapping splits the text nodes later ranges are read from.
   */
  private async matchAndDraw(
    index: TextIndex,
    text: string,
    generation: number,
    replacing: Node[],
    /** The observer's count of page changes when the reading of `index` began. */
    changesAtRead: number | undefined,
    timing?: Partial<ScanPhases>,
  ): Promise<void> {
    const signal = this.opts.signal;
    const stale = () => generation !== this.generation || signal.aborted;
    const requests = splitForMatching(text, this.opts.chunkChars ?? CHUNK_CHARS).map((chunk) => {
      // A chunk cut inside a block is sent with some of the block around it; it keeps the spans
      // that start inside it, so each span is found by exactly one chunk, and found whole.
      const end = chunk.offset + chunk.text.length;
      const from = chunk.offset === 0 ? 0 : Math.max(chunk.offset - CONTEXT_CHARS, text.lastIndexOf('\n', chunk.offset - 1) + 1);
      const nextBlock = text.indexOf('\n', end - 1);
      const to = Math.max(end, Math.min(end + CONTEXT_CHARS, nextBlock < 0 ? text.length : nextBlock));
      return { start: chunk.offset, end, from, to };
    });
    const replies: Promise<PackedSpans | readonly MatchedSpan[]>[] = [];
    // Block boundaries stop a name for the matcher (which reads any whitespace run as one space).
    const forMatching = textForMatching(text, index.starts, index.lengths ?? index.nodes.map((n) => n.length));
    const send = () => {
      const r = requests[replies.length]!;
      const reply = this.deps.match(forMatching.slice(r.from, r.to), text.length);
      reply.catch(() => {}); // awaited in order below; a later failure must not go unhandled meanwhile
      replies.push(reply);
    };
    while (replies.length < Math.min(IN_FLIGHT, requests.length)) send();

    const wrap = this.highlighter.mode === 'wrap';
    const types = this.opts.types;
    // Wrap mode changes the page's text nodes as it draws: never trust them unread there. Nor
    // after the page swapped in another body, which the observer does not watch.
    const quiet = () =>
      !wrap && changesAtRead !== undefined && this.watch?.changes === changesAtRead && this.observed === this.opts.document.body && this.observed.isConnected;
    const maker = new RangeMaker(index, quiet);
    let slice = timeSlice(SLICE_MS, { signal });
    /** After any wait the page may have changed: the node checks start over. */
    const resumed = (): boolean => {
      maker.reset();
      return !stale();
    };
    let batch: EntityItem[] = [];
    let replaced = replacing.length === 0;
    let built = 0;
    /** Highlight API: adds what is built so far (first removing what it replaces), not shown yet. */
    const draw = () => {
      if (wrap || (replaced && batch.length === 0)) return;
      const items = batch;
      batch = [];
      this.mutate(() => {
        if (!replaced) this.removeWithin(replacing);
        replaced = true;
        // The ranges were made in this same task from nodes RangeMaker checked.
        this.addItems(items, { defer: true, checked: true });
      });
    };
    const pause = async (): Promise<boolean> => {
      await slice.yield();
      return resumed();
    };

    for (let c = 0; c < requests.length; c++) {
      const found = await replies[c]!;
      if (!resumed()) return;
      if (timing && c === requests.length - 1) timing.replied = performance.now(); // the last chunk's spans
      slice = timeSlice(SLICE_MS, { signal });
      if (replies.length < requests.length) send();
      const { data, entities, types: entityTypes } = isPacked(found) ? found : packSpans(found);
      const { start: lo, end: hi, from } = requests[c]!;
      let at = from;
      for (let j = 0; j + 2 < data.length; j += 3) {
        const start = at + (data[j] as number);
        const end = start + (data[j + 1] as number);
        at = end;
        if (start < lo || start >= hi) continue;
        const k = data[j + 2] as number;
        const type = entityTypes[k] as EntityType;
        if (!types.has(type)) continue;
        const range = maker.make(start, end);
        if (range) batch.push({ id: `e${nextId++}`, range, style: type, entityId: entities[k] as string, type, text: text.slice(start, end) });
        if (++built % DRAW_EVERY === 0) {
          draw();
          if (slice.shouldYield() && !(await pause())) return;
        }
      }
      draw();
    }
    if (wrap) {
      const items = batch;
      this.mutate(() => {
        if (replacing.length) this.removeWithin(replacing);
        this.addItems(items);
      });
      if (timing) timing.built = performance.now();
      return;
    }
    draw();
    if (timing) timing.built = performance.now();
    // Show the filled highlights, a part at a time: registering a part costs time in proportion
    // to its ranges (Firefox), and every frame between slices repaints what is shown so far, so
    // these slices are longer than the others (a part is at most SHARD_RANGES ranges).
    const show = timeSlice(SHOW_SLICE_MS, { signal });
    while (this.highlighter.showNext()) {
      if (show.shouldYield()) {
        await show.yield();
        if (!resumed()) return;
      }
    }
  }

  private addItems(items: EntityItem[], opts?: AddOptions): void {
    this.highlighter.add(items, opts);
    // Only what was drawn counts (a range whose text changed meanwhile is skipped).
    for (const item of items) if (this.highlighter.get(item.id)) this.items.set(item.id, item);
  }

  /** Our own DOM changes (wrap mode) are not page changes: the observer must not see them. */
  private mutate<T>(fn: () => T): T {
    const out = this.watch ? this.watch.ignoring(fn) : fn();
    // wrap mode: splitting and moving text nodes mangles the ranges we read; the highlighter
    // keeps one around each item's marks: use it (document order, reveal, hit cards).
    if (this.highlighter.mode === 'wrap') {
      for (const item of this.items.values()) {
        const drawn = this.highlighter.get(item.id);
        if (drawn) item.range = drawn.range;
      }
    }
    return out;
  }

  private removeWithin(roots: Node[]): void {
    const inside = (n: Node) => roots.some((r) => r === n || r.contains(n));
    // wrap mode: also a mark inside a root, or a root (an edited text node) inside a mark
    const marked = (id: string) => this.highlighter.marksOf(id).some((m) => roots.some((r) => r.contains(m) || m.contains(r)));
    const gone = new Set<string>();
    for (const item of this.items.values()) {
      if (inside(item.range.startContainer) || inside(item.range.endContainer) || marked(item.id)) gone.add(item.id);
    }
    if (gone.size === 0) return;
    this.highlighter.removeWhere((item) => gone.has(item.id));
    for (const id of gone) this.items.delete(id);
  }

  /** Drops highlights whose text left the page. (A live Range whose text is removed collapses
   *  onto the parent, which may still be connected: the highlighter's prune knows that.) */
  private dropDisconnected(): void {
    const removed = this.mutate(() => this.highlighter.prune());
    if (removed === 0) return;
    for (const id of [...this.items.keys()]) if (!this.highlighter.get(id)) this.items.delete(id);
    this.deps.report(this.report());
  }


  private listenForHits(): void {
    const itemAt = (x: number, y: number): EntityItem | undefined => {
      for (const hit of this.highlighter.itemsAt(x, y)) {
        const item = this.items.get(hit.id);
        if (item) return item;
      }
      return undefined;
    };
    watchPointerHits(this.opts.document, this.opts.signal, itemAt, (item, kind) => {
      const same = this.ordered((i) => i.entityId === item.entityId);
      this.opts.onEntityHit?.({ entityId: item.entityId, range: item.range, kind, index: Math.max(0, same.indexOf(item)), total: same.length });
    });
  }

  report(): PageReport {
    const entities = new Set<string>();
    for (const item of this.items.values()) entities.add(item.entityId);
    return { entities: entities.size, mentions: this.items.size, partial: this.partial };
  }

  state(active: boolean): PageState {
    const byEntity = new Map<string, PageEntity & { textCounts: Map<string, number> }>();
    for (const item of this.items.values()) {
      let e = byEntity.get(item.entityId);
      if (!e) byEntity.set(item.entityId, (e = { entityId: item.entityId, type: item.type, texts: [], count: 0, textCounts: new Map() }));
      e.count++;
      e.textCounts.set(item.text, (e.textCounts.get(item.text) ?? 0) + 1);
    }
    const list = [...byEntity.values()]
      .map(({ textCounts, ...e }) => ({ ...e, texts: [...textCounts].sort((a, b) => b[1] - a[1]).map(([t]) => t) }))
      .sort((a, b) => b.count - a.count || a.entityId.localeCompare(b.entityId));
    return {
      ...this.report(),
      active,
      scans: this.scans,
      timing: { started: this.started, drawn: this.drawnAt, phases: this.phases },
      mode: this.highlighter.mode,
      list,
    };
  }

  /** Mentions in document order (the order a reader meets them). */
  mentions(): PageMention[] {
    return this.ordered().map((i) => ({ entityId: i.entityId, type: i.type, text: i.text }));
  }

  private ordered(filter?: (item: EntityItem) => boolean): EntityItem[] {
    return [...this.items.values()]
      .filter((i) => i.range.startContainer.isConnected && (!filter || filter(i)))
      .sort((a, b) => a.range.compareBoundaryPoints(Range.START_TO_START, b.range));
  }

  /** Scrolls to mention `index` of an entity (document order) and flashes it. */
  reveal(entityId: string, index = 0): { range: Range; index: number; total: number } | null {
    const mentions = this.ordered((i) => i.entityId === entityId);
    const at = Math.max(0, Math.min(index, mentions.length - 1));
    const item = mentions[at];
    if (!item) return null;
    const el = elementAt(item.range);
    // Instant, so the card can be placed next to the mention right away.
    el?.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
    const flashId = `${item.id}-flash`;
    this.mutate(() => this.highlighter.add([{ id: flashId, range: item.range.cloneRange(), style: 'flash' }]));
    setTimeout(() => this.mutate(() => this.highlighter.remove([flashId])), 1200);
    return { range: item.range, index: at, total: mentions.length };
  }

  /** How many mentions of the entity are highlighted now. */
  mentionCount(entityId: string): number {
    return this.ordered((i) => i.entityId === entityId).length;
  }

}

/** wrap mode: what to read again for a changed node: a text node's element, outside our marks. */
function outsideMarks(node: Node): Node | null {
  let n: Node | null = node.nodeType === 3 ? node.parentNode : node;
  while (n && n.nodeType === 1 && (n as Element).localName === MARK_TAG) n = n.parentNode;
  return n;
}

/** The element holding a range's first character (wrap mode: the range starts before a mark). */
function elementAt(range: Range): Element | null {
  const start = range.startContainer;
  if (start.nodeType !== 1) return start.parentElement;
  const child = start.childNodes[range.startOffset];
  return child?.nodeType === 1 ? (child as Element) : (start as Element);
}

function ignoreAbort(err: unknown): void {
  if (err instanceof DOMException && err.name === 'AbortError') return;
  if (err && typeof err === 'object' && 'name' in err && err.name === 'AbortError') return;
  console.debug('[CSTO Lens]', err);
}
