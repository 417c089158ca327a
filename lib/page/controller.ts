import type { EntityType } from '../model/types';
import { collectTextAsync, collectTextInAsync, type TextIndex } from '../dom/collect';
import { articleBodyFilter } from '../dom/page-chrome';
import { Highlighter, MARK_TAG, type HighlightGrouping, type HighlightItem } from '../dom/highlighter';
import { observeMutations, quietly, type MutationWatch } from '../dom/observe';
import { nodeAt, RangeMaker, rangeFromOffsets } from '../dom/ranges';
import { timeSlice } from '../dom/schedule';
import type { MatchedSpan } from '../match/spans';
import type { PageEntity, PageMatcherStats, PageMention, PageReport, PageState, ScanPhases } from '../model/page';
import { isPacked, packSpans, type PackedSpans } from '../match/spans';
import { CHUNK_CHARS, FIRST_CHUNK_CHARS, limitText, PREVIEW_CHARS, previewRequest, requestFor, sameRequest, splitForMatching, textForMatching, type ChunkRequest } from './chunks';
import type { EarlyRead } from './early-read';
import { watchPointerHits, type HitKind } from './entity-hits';
import { clearFocusRing, entityLabel, moveRovingStop, rovingStop, showFocusRing, watchHighlightKeys } from './keyboard';

// The content script's controller: read the page, ask the background for
// matches, draw them, follow the page as it changes. All DOM work is sliced so
// that no task of ours runs long, and every listener ends with `signal`.

export interface PageDeps {
  /** Matches a chunk of text (offsets relative to the chunk): in the background (a matchText
   *  message) or in the page (lib/page/page-matcher.ts); packed spans or span objects.
   *  `scanChars`: the length of all the text this scan matches, of which the chunk is a part. */
  match(text: string, scanChars: number): Promise<PackedSpans | readonly MatchedSpan[]>;
  report(report: PageReport): void;
  /** The page's own matcher (Firefox), if any: told once while a page is read, as soon as
   *  `minChars` characters are (it loads meanwhile, to be ready when the matching starts); its
   *  stats go into the scan's phases. */
  pageMatcher?: { readonly minChars: number; prefetch(): void; stats(): PageMatcherStats };
}

export interface PageOptions {
  document: Document;
  signal: AbortSignal;
  /** Entity types to draw. */
  types: ReadonlySet<EntityType>;
  /** Draw only the first mention of each entity (document order); every mention still counts
   *  (badge, popup, the card's "n mentions"), and reveal() reaches any of them. */
  firstMentionOnly?: boolean;
  /** Leave the page's chrome unread (lib/dom/page-chrome.ts). */
  articleBodyOnly?: boolean;
  mode: 'highlight-api' | 'wrap';
  /** highlight-api: how the highlights are split into Highlight objects (Firefox: 'per-style'). */
  grouping?: HighlightGrouping;
  /** Text beyond this many characters is not matched; the page reports itself partial. */
  maxChars?: number;
  /** Characters per chunk matched. */
  chunkChars?: number;
  /** Called when the pointer rests on, or clicks, an entity highlight. */
  onEntityHit?: (hit: EntityHit) => void;
  /** Enter or Space on a focused mark (accessible mode). */
  onMarkKey?: (mark: HTMLElement) => void;
  /** When the work for this page began (performance.now()): the content script's start for the
   *  first controller of a page. Default: when the controller is made. */
  startedAt?: number;
  /** Where a range lies from the viewport (and the margin drawn with it): -1 above, 0 on or near
   *  it, 1 below. Highlights near the viewport are drawn first. Default: its client rect. */
  viewport?: (range: Range) => number;
  /** The page's read, begun before this controller was made (lib/page/early-read.ts): the first
   *  scan follows it instead of reading the page again, unless the page changed since it began
   *  (or it cannot be followed): then the scan reads the page itself. */
  early?: EarlyRead;
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

/** A mention the matcher found. Its anchor is a pair of offsets into the text its scan read
 *  (`at`) until it is drawn; from then on the highlighter holds it (rangeOf). */
interface EntityItem {
  id: string;
  entityId: string;
  type: EntityType;
  text: string;
  at: { index: TextIndex; start: number; end: number } | null;
  /** First mention only: a later mention, counted but not drawn; the page's live Range of it. */
  held?: Range;
}

export const DEFAULT_MAX_CHARS = 3_000_000;
export { HOVER_DELAY_MS } from './entity-hits';
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
/** How far beyond the viewport (in viewport heights) the first screen's highlights reach. */
const NEAR_SCREENS = 1;
/** Quiet time before page changes are read again. */
export const CHANGES_DEBOUNCE_MS = 150;
/** How many times a full read cut short by the page (TextIndex.cut) is read again. */
const CUT_READS = 2;

let nextId = 0;

export class PageController {
  private readonly highlighter: Highlighter;
  private readonly items = new Map<string, EntityItem>();
  private partial = false;
  private generation = 0;
  private scans = 0;
  private readonly started: number;
  private drawnAt: number | null = null;
  private firstScreenAt: number | null = null;
  /** Where the last full scan's time went (diagnostics for the benchmarks). */
  private phases: ScanPhases | null = null;
  private watch: MutationWatch | null = null;
  /** The body the mutation observer watches (a page may swap in another body later). */
  private observed: HTMLElement | null = null;
  /** Characters matched over this controller's life, first scan and additions alike (sec-page:
   *  text a page adds later counts against the same cap, so it cannot be made to match without end). */
  private scannedChars = 0;
  private capReported = false;
  /** The mention the keyboard is on (next/previous highlight). */
  private cursor: string | null = null;
  /** First mention only: the entities that have a mention drawn (or queued to be). */
  private readonly drawnEntities = new Set<string>();
  /** Article body only: the chrome filter of the last full scan (its reading area), for additions too. */
  private chrome: ((el: Element) => boolean) | undefined;

  constructor(
    private readonly deps: PageDeps,
    private readonly opts: PageOptions,
  ) {
    this.started = opts.startedAt ?? performance.now();
    this.highlighter = new Highlighter({ mode: opts.mode, document: opts.document, grouping: opts.grouping });
    // Aborted: restore the page (DOM and stylesheet); a new controller starts after each settings change.
    opts.signal.addEventListener(
      'abort',
      () => {
        this.clear();
        this.highlighter.destroy();
        clearFocusRing(opts.document);
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
    const early = this.opts.early;
    if (early && early.root !== body) early.cancel(); // the page swapped its body meanwhile, or has none
    if (!body) return;
    this.observed = body;
    this.listenForHits();
    if (this.opts.onMarkKey) watchHighlightKeys(this.opts.document, this.opts.signal, this.opts.onMarkKey);
    await this.scanAll(early?.root === body ? early : undefined);
  }

  /** Observes the page, once: observing comes before the first read, so what arrives during it is
   *  read again, never missed; a re-read replaces the highlights inside the nodes it reads. */
  private observe(): MutationWatch | null {
    if (!this.watch && this.observed) this.watch = observeMutations(this.observed, this.onAdded, this.onRemoved, { debounceMs: CHANGES_DEBOUNCE_MS, signal: this.opts.signal });
    return this.watch;
  }

  private readonly onAdded = (added: Node[]) => void this.scanAdded(added).catch(ignoreAbort);
  private readonly onRemoved = () => this.dropDisconnected();

  /** Clears and reads the page again (single-page-app navigation). */
  async rescan(): Promise<void> {
    this.clear();
    await this.scanAll();
  }

  clear(): void {
    this.generation++;
    this.mutate(() => this.highlighter.clear());
    this.items.clear();
    this.drawnEntities.clear();
    this.partial = false;
  }

  private async scanAll(begun?: EarlyRead, attempt = 0, earlier?: ScanPhases['early']): Promise<void> {
    if (!this.opts.document.body) return; // nothing to read (a rescan of a page that dropped its body)
    const generation = this.generation;
    const timing: Partial<ScanPhases> = { began: performance.now() };
    // The first scan (begun: the read the session started) is observed from its read's start, by
    // that read's observer or a fresh one: neither has seen a change yet. (Known before the follow,
    // which may hand over a prefix read already.)
    const changes = begun ? 0 : this.observe()?.changes;
    this.chrome = this.opts.articleBodyOnly ? articleBodyFilter(this.opts.document) : undefined;
    // speed (issue 13): the first screen does not wait for the whole page to be read. As soon as
    // the first chunk's text is read it is matched and what of it lies on and near the viewport
    // is drawn, while the rest of the page is read (Highlight API mode: wrapping would split the
    // text nodes being read). The full pass reuses that reply and skips what the preview drew.
    // With "first mention only" the full pass decides which mention is first, so no preview.
    let preview: Promise<EarlyScreen | null> | null = null;
    const onPrefix =
      this.highlighter.mode === 'wrap' || this.opts.chunkChars !== undefined || this.opts.firstMentionOnly === true
        ? undefined
        : { chars: PREVIEW_CHARS, callback: (prefix: TextIndex) => (preview = this.previewFirstScreen(prefix, generation, timing, changes)) };
    const local = this.deps.pageMatcher;
    // After the first screen's reply (or its failure): the matcher's loading must not hold it up.
    const prefetch = () => local?.prefetch();
    const onLength = local && { chars: local.minChars, callback: () => void (preview ?? Promise.resolve()).then(prefetch, prefetch) };
    const signal = this.opts.signal;
    // The read begun before this controller, if the page did not change meanwhile (its observer,
    // adopted, has seen no change since the read began); else a read of our own, observed from now.
    const followed = begun?.follow({ onPrefix, onLength: onLength || undefined, onAdded: this.onAdded, onRemoved: this.onRemoved, signal });
    if (followed) this.watch = followed.watch;
    else this.observe();
    const earlyRead: ScanPhases['early'] = begun ? (followed ? 'followed' : 'refused') : earlier;
    const reading = followed ? followed.index : collectTextAsync(this.opts.document.body, { signal, skip: this.chrome, onPrefix, onLength });
    const index = await reading;
    if (generation !== this.generation) return;
    // The page removed the node the walk was at (between two slices): the rest of the page went
    // unread. Read it again (a page that keeps doing so: twice, then what was read is used).
    if (index.cut && attempt < CUT_READS) {
      this.clear();
      return this.scanAll(undefined, attempt + 1, earlyRead);
    }
    timing.read = performance.now();
    const limited = limitText(index.text, this.room());
    this.partial = limited.partial;
    this.spend(limited);
    const early = preview ? await (preview as Promise<EarlyScreen | null>).catch(() => null) : null;
    if (generation !== this.generation) return;
    await this.matchAndDraw(index, limited.text, generation, [], changes, timing, early);
    if (generation !== this.generation) return;
    this.promoteHeld();
    this.scans++;
    this.drawnAt = performance.now();
    this.phases = {
      ...(timing.began !== undefined ? { began: timing.began } : {}),
      read: timing.read ?? 0,
      replied: timing.replied ?? 0,
      built: timing.built ?? 0,
      shown: this.drawnAt,
      ...(timing.firstScreen !== undefined ? { firstScreen: timing.firstScreen } : {}),
      ...(timing.prefix !== undefined ? { prefix: timing.prefix } : {}),
      ...(timing.filled !== undefined ? { filled: timing.filled } : {}),
      registrations: this.highlighter.registrations.map(([n, ms]) => [n, Math.round(ms * 10) / 10] as const),
      ...(this.deps.pageMatcher ? { inPage: this.deps.pageMatcher.stats() } : {}),
      ...(earlyRead ? { early: earlyRead } : {}),
      ...(attempt > 0 ? { cutReads: attempt } : {}),
    };
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
    if (this.room() <= 0) return this.spend({ text: '', partial: true });
    const changes = this.watch?.changes;
    const index = await collectTextInAsync(roots, { signal: this.opts.signal, skip: this.chrome });
    if (generation !== this.generation) return;
    const limited = limitText(index.text, this.room());
    this.spend(limited);
    if (limited.partial) this.partial = true;
    await this.matchAndDraw(index, limited.text, generation, wrap ? [] : roots, changes);
    if (generation !== this.generation) return;
    this.promoteHeld();
    this.deps.report(this.report());
  }

  /**
   * Matches `text` (read from `index`) and draws it, replacing what was drawn inside `replacing`.
   *
   * A pipeline: the chunks go to the background a few at a time (it matches one while the
   * next waits in its queue). Every mention found counts at once (the badge, the popup, the
   * card's "n mentions" use the matches, not what is drawn), kept as offsets into `text`.
   * With the Highlight API those on and near the viewport are drawn as soon as their chunk is
   * answered (the first screen), the rest afterwards in time slices, nearest the viewport first
   * (where it is then: the reader may scroll meanwhile), into highlights shown a part at a time
   * (a change to shown highlights costs Chromium a rebuild of every highlight's markers at the
   * next frame, and Firefox a repaint). Wrap mode wraps everything at the end in one go:
   * wrapping splits the text nodes later ranges are read from.
   */
  private async matchAndDraw(
    index: TextIndex,
    text: string,
    generation: number,
    replacing: Node[],
    /** The observer's count of page changes when the reading of `index` began. */
    changesAtRead: number | undefined,
    timing?: Partial<ScanPhases>,
    /** What the first screen's preview drew from a prefix of this very text (full scans only). */
    early?: EarlyScreen | null,
  ): Promise<void> {
    const signal = this.opts.signal;
    const stale = () => generation !== this.generation || signal.aborted;
    const requests = splitForMatching(text, this.opts.chunkChars ?? CHUNK_CHARS, this.opts.chunkChars ?? FIRST_CHUNK_CHARS).map((chunk) => requestFor(text, chunk));
    const replies: Promise<PackedSpans | readonly MatchedSpan[]>[] = [];
    // Block boundaries stop a name for the matcher (which reads any whitespace run as one space).
    const forMatching = textForMatching(text, index.starts, index.lengths ?? index.nodes.map((n) => n.length));
    // The first screen's preview (previewFirstScreen) asked for this very first chunk: its reply is reused.
    const reuse =
      early && requests[0] && sameRequest(early.request, requests[0]) && text.startsWith(early.text) && forMatching.startsWith(early.sent) ? early : null;
    if (early && !reuse) {
      // Not the text the preview read (a cap cut it shorter): what it drew is drawn again below.
      this.mutate(() => this.highlighter.remove(early.ids));
      for (const id of early.ids) this.items.delete(id);
      if (timing) delete timing.firstScreen;
    }
    const send = () => {
      const r = requests[replies.length]!;
      if (replies.length === 0 && reuse) {
        replies.push(reuse.reply);
        return;
      }
      const reply = this.deps.match(forMatching.slice(r.from, r.to), text.length);
      reply.catch(() => {}); // awaited in order below; a later failure must not go unhandled meanwhile
      replies.push(reply);
    };
    while (replies.length < Math.min(IN_FLIGHT, requests.length)) send();

    const wrap = this.highlighter.mode === 'wrap';
    const types = this.opts.types;
    const firstOnly = this.opts.firstMentionOnly === true;
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
    const pause = async (): Promise<boolean> => {
      await slice.yield();
      return resumed();
    };
    /** Mentions found and not drawn yet, in text order. */
    const queue: EntityItem[] = [];
    let replaced = replacing.length === 0;
    const where = this.opts.viewport ?? viewportOf(this.opts.document);
    /** Where the mention queue[i] lies from the viewport (a mention whose text changed: 0, drawn, so dropped, soon). */
    const whereAt = (i: number): number => {
      const at = queue[i]!.at!;
      const r = maker.make(at.start, at.end);
      return r ? where(r) : 0;
    };
    /** The first index of queue from `lo` whose mention is not above the viewport. */
    const firstNotAbove = (lo: number): number => {
      let hi = queue.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (whereAt(mid) < 0) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    /** Draws queue[a, b) (made into ranges now: the nodes were checked in this task), then drops them from the queue. */
    const drawRange = (a: number, b: number, defer: boolean) => {
      const batch: HighlightItem[] = [];
      const failed: EntityItem[] = [];
      for (let i = a; i < b; i++) {
        const item = queue[i]!;
        if (this.items.get(item.id) !== item) continue; // a later change of the page replaced it
        const r = item.at ? maker.make(item.at.start, item.at.end) : null;
        if (r) batch.push({ id: item.id, range: r, style: item.type, entityId: item.entityId, label: entityLabel(item.type) });
        else failed.push(item);
      }
      queue.splice(a, b - a);
      this.mutate(() => this.highlighter.add(batch, { defer, checked: true }));
      for (const item of batch) this.items.get(item.id)!.at = null;
      // Their text changed since it was read: the observer reads it again.
      for (const item of failed) this.forget(item.id);
    };
    // Only a full scan times its first screen (which the preview may have drawn already).
    let firstScreen = timing === undefined || wrap || (reuse !== null && timing.firstScreen !== undefined);
    /** Draws what is on and near the viewport among the mentions found so far. */
    const drawNear = () => {
      const a = firstNotAbove(0);
      let b = a;
      while (b < queue.length && whereAt(b) === 0) b++;
      const below = b < queue.length; // a mention below the near region: the first screen is complete
      if (b > a) drawRange(a, b, false); // shown at once (not deferred)
      if (below && timing) {
        firstScreen = true;
        timing.firstScreen ??= performance.now();
      }
    };

    for (let c = 0; c < requests.length; c++) {
      const found = await replies[c]!;
      if (!resumed()) return;
      if (timing && c === requests.length - 1) timing.replied = performance.now(); // the last chunk's spans
      slice = timeSlice(SLICE_MS, { signal });
      if (replies.length < requests.length) send();
      const { data, entities, types: entityTypes } = isPacked(found) ? found : packSpans(found);
      const { start: lo, end: hi, from } = requests[c]!;
      if (!replaced) {
        this.mutate(() => this.removeWithin(replacing));
        replaced = true;
      }
      let at = from;
      for (let j = 0; j + 2 < data.length; j += 3) {
        const start = at + (data[j] as number);
        const end = start + (data[j + 1] as number);
        at = end;
        if (start < lo || start >= hi) continue;
        const k = data[j + 2] as number;
        const type = entityTypes[k] as EntityType;
        if (!types.has(type)) continue;
        const entityId = entities[k] as string;
        if (c === 0 && reuse?.drawn.has(`${start}:${end}:${entityId}`)) continue; // drawn by the preview
        if (firstOnly && this.drawnEntities.has(entityId)) {
          // Counted, not drawn: kept as the page's live Range (wrapping moves the text it was read from).
          const held = maker.make(start, end);
          if (held) this.items.set(`e${nextId}`, { id: `e${nextId++}`, entityId, type, text: text.slice(start, end), at: null, held });
          continue;
        }
        if (firstOnly) this.drawnEntities.add(entityId);
        const item: EntityItem = { id: `e${nextId++}`, entityId, type, text: text.slice(start, end), at: { index, start, end } };
        this.items.set(item.id, item);
        queue.push(item);
      }
      if (!firstScreen) {
        drawNear();
        if (slice.shouldYield() && !(await pause())) return;
      }
    }
    if (timing) timing.built = performance.now();
    if (wrap) {
      this.mutate(() => {
        const batch: HighlightItem[] = [];
        for (const item of queue) {
          if (this.items.get(item.id) !== item) continue;
          const r = maker.make(item.at!.start, item.at!.end);
          if (r) batch.push({ id: item.id, range: r, style: item.type, entityId: item.entityId, label: entityLabel(item.type) });
        }
        this.highlighter.add(batch, { checked: true });
        rovingStop(this.opts.document);
        for (const item of queue) {
          if (this.highlighter.has(item.id)) item.at = null;
          else if (this.items.get(item.id) === item) this.forget(item.id);
        }
      });
      queue.length = 0;
      return;
    }
    if (!firstScreen && timing) {
      drawNear();
      timing.firstScreen ??= performance.now();
    }
    // The rest, in slices, into highlights not shown yet: from the viewport down, then up from it
    // (nearest first). When the reader scrolls meanwhile, what is near the new viewport is drawn
    // and shown at once. The filled parts are shown at the end, a part at a time (registering one
    // costs time in proportion to its ranges in Firefox, and every frame between slices repaints
    // what is shown so far).
    let scrolled = true;
    const scrolls = new AbortController();
    const onScroll = () => void (scrolled = true);
    this.opts.document.addEventListener('scroll', onScroll, { capture: true, passive: true, signal: AbortSignal.any([signal, scrolls.signal]) });
    let cursor = 0;
    try {
      while (queue.length) {
        if (scrolled) {
          scrolled = false;
          drawNear();
          cursor = firstNotAbove(0);
          if (!queue.length) break;
        }
        if (cursor < queue.length) drawRange(cursor, Math.min(queue.length, cursor + DRAW_EVERY), true);
        else drawRange(Math.max(0, queue.length - DRAW_EVERY), queue.length, true); // above the viewport, nearest first
        cursor = Math.min(cursor, queue.length);
        if (slice.shouldYield() && !(await pause())) return;
      }
    } finally {
      scrolls.abort();
    }
    if (timing) timing.filled = performance.now();
    const show = timeSlice(SHOW_SLICE_MS, { signal });
    while (this.highlighter.showNext()) {
      if (show.shouldYield()) {
        await show.yield();
        if (!resumed()) return;
      }
    }
  }

  /**
   * speed: matches the first chunk of a prefix of the page text (read while the rest is read) and
   * draws, shown at once, its mentions on and near the viewport; the first screen is complete
   * when one of them lies below that. Only the drawn ones are kept (as items); the full pass
   * (matchAndDraw, given the result) reuses the reply and makes the others.
   */
  private async previewFirstScreen(prefix: TextIndex, generation: number, timing: Partial<ScanPhases>, changesAtRead: number | undefined): Promise<EarlyScreen | null> {
    const asked = previewRequest(prefix);
    if (!asked || this.room() < prefix.text.length) return null;
    const { request, sent } = asked;
    // Asked already by the read begun before the settings came (lib/page/early-read.ts), or now.
    const before = this.opts.early?.askedFor(asked);
    timing.prefix = before?.at ?? performance.now();
    const reply = before?.reply ?? this.deps.match(sent.slice(request.from), prefix.text.length);
    reply.catch(() => {});
    const found = await reply;
    if (generation !== this.generation || this.opts.signal.aborted) return null;
    const { data, entities, types: entityTypes } = isPacked(found) ? found : packSpans(found);
    const maker = new RangeMaker(prefix, () => changesAtRead !== undefined && this.watch?.changes === changesAtRead);
    const where = this.opts.viewport ?? viewportOf(this.opts.document);
    const batch: HighlightItem[] = [];
    const drawn = new Set<string>();
    const ids: string[] = [];
    let below = false;
    let at = request.from;
    for (let j = 0; j + 2 < data.length && !below; j += 3) {
      const start = at + (data[j] as number);
      const end = start + (data[j + 1] as number);
      at = end;
      if (start < request.start || start >= request.end) continue;
      const k = data[j + 2] as number;
      const type = entityTypes[k] as EntityType;
      if (!this.opts.types.has(type)) continue;
      const range = maker.make(start, end);
      if (!range) continue;
      const w = where(range);
      if (w > 0) below = true;
      if (w !== 0) continue;
      const item: EntityItem = { id: `e${nextId++}`, entityId: entities[k] as string, type, text: prefix.text.slice(start, end), at: null };
      this.items.set(item.id, item);
      batch.push({ id: item.id, range, style: type, entityId: item.entityId });
      drawn.add(`${start}:${end}:${item.entityId}`);
      ids.push(item.id);
    }
    this.mutate(() => this.highlighter.add(batch, { defer: false, checked: true }));
    if (below) timing.firstScreen ??= performance.now();
    return { request, sent, text: prefix.text.slice(0, request.to), reply, drawn, ids };
  }

  /** Characters left to match under the cap. */
  private room(): number {
    return Math.max(0, (this.opts.maxChars ?? DEFAULT_MAX_CHARS) - this.scannedChars);
  }

  private spend(limited: { text: string; partial: boolean }): void {
    this.scannedChars += limited.text.length;
    if (!limited.partial || this.capReported) return;
    this.capReported = true;
    this.partial = true;
    const max = this.opts.maxChars ?? DEFAULT_MAX_CHARS;
    console.warn(`[CSTO Lens] this page's text passed ${max.toLocaleString('en')} characters (first scan and later additions together): the rest is not highlighted`);
  }

  /** Our own DOM changes (wrap mode) are not page changes: neither this observer nor the notes'
   *  must see them (the notes' marks and offsets survive them). */
  private mutate<T>(fn: () => T): T {
    return quietly(fn);
  }

  /** The range a mention covers now: drawn (the highlighter's), or not yet (from its offsets). */
  private rangeOf(item: EntityItem): Range | null {
    if (item.held) return item.held;
    if (item.at) return rangeFromOffsets(item.at.index, item.at.start, item.at.end);
    return this.highlighter.rangeOf(item.id);
  }

  /** The node a mention starts in (drawn or not), for finding what a page change replaced. */
  private startOf(item: EntityItem): Node | null {
    if (item.held) return item.held.startContainer;
    if (item.at) return nodeAt(item.at.index, item.at.start);
    return this.highlighter.rangeOf(item.id)?.startContainer ?? null;
  }

  private removeWithin(roots: Node[]): void {
    const inside = (n: Node | null | undefined) => !!n && roots.some((r) => r === n || r.contains(n));
    // wrap mode: also a mark inside a root, or a root (an edited text node) inside a mark
    const marked = (id: string) => this.highlighter.marksOf(id).some((m) => roots.some((r) => r.contains(m) || m.contains(r)));
    const gone = new Set<string>();
    for (const item of this.items.values()) {
      if (item.at || item.held) {
        if (inside(this.startOf(item))) gone.add(item.id);
        continue;
      }
      const r = this.highlighter.rangeOf(item.id);
      if (!r || inside(r.startContainer) || inside(r.endContainer) || marked(item.id)) gone.add(item.id);
    }
    if (gone.size === 0) return;
    this.highlighter.remove(gone);
    for (const id of gone) this.forget(id);
  }

  /** Drops a mention; first mention only: its entity has no drawn mention any more. */
  private forget(id: string): void {
    const item = this.items.get(id);
    if (!item) return;
    this.items.delete(id);
    if (!item.held) this.drawnEntities.delete(item.entityId);
  }

  /** First mention only: draws a counted mention (its live Range); the highlighter holds it from then on. */
  private drawHeld(item: EntityItem): boolean {
    const range = item.held;
    if (!range) return false;
    this.mutate(() => this.highlighter.add([{ id: item.id, range, style: item.type, entityId: item.entityId }]));
    if (!this.highlighter.has(item.id)) return false;
    item.held = undefined;
    this.drawnEntities.add(item.entityId);
    return true;
  }

  /**
   * First mention only: an entity whose drawn mention left the page (or was read again without it)
   * gets its first remaining mention drawn.
   */
  private promoteHeld(): void {
    if (!this.opts.firstMentionOnly) return;
    const waiting = new Map<string, { item: EntityItem; range: Range }>();
    for (const item of this.items.values()) {
      const r = item.held;
      if (!r || this.drawnEntities.has(item.entityId)) continue;
      const best = waiting.get(item.entityId);
      if (!best || r.compareBoundaryPoints(Range.START_TO_START, best.range) < 0) waiting.set(item.entityId, { item, range: r });
    }
    if (waiting.size === 0) return;
    const batch: HighlightItem[] = [...waiting.values()].map(({ item, range }) => ({ id: item.id, range, style: item.type, entityId: item.entityId }));
    this.mutate(() => this.highlighter.add(batch));
    for (const { item } of waiting.values()) {
      if (!this.highlighter.has(item.id)) continue;
      item.held = undefined;
      this.drawnEntities.add(item.entityId);
    }
  }

  /** Drops highlights whose text left the page. (A live Range whose text is removed collapses
   *  onto the parent, which may still be connected: the highlighter's prune knows that.) */
  private dropDisconnected(): void {
    const removed = this.mutate(() => this.highlighter.prune());
    let dropped = 0;
    for (const item of [...this.items.values()]) {
      const gone = item.held
        ? item.held.collapsed || !item.held.startContainer.isConnected
        : item.at
          ? !nodeAt(item.at.index, item.at.start)?.isConnected
          : !this.highlighter.has(item.id);
      if (gone) {
        this.forget(item.id);
        dropped++;
      }
    }
    if (removed === 0 && dropped === 0) return;
    this.promoteHeld();
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
      const range = this.rangeOf(item);
      if (!range) return;
      const same = this.ordered((i) => i.entityId === item.entityId);
      this.opts.onEntityHit?.({ entityId: item.entityId, range, kind, index: Math.max(0, same.findIndex((o) => o.item === item)), total: same.length });
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

  /** How many mentions are drawn now (the rest are found, and drawn in slices after the first screen). */
  get drawnCount(): number {
    return this.highlighter.size;
  }

  /** Mentions in document order (the order a reader meets them). */
  mentions(): PageMention[] {
    return this.ordered().map(({ item: i }) => ({ entityId: i.entityId, type: i.type, text: i.text }));
  }

  private ordered(filter?: (item: EntityItem) => boolean): { item: EntityItem; range: Range }[] {
    const out: { item: EntityItem; range: Range }[] = [];
    for (const item of this.items.values()) {
      if (filter && !filter(item)) continue;
      const range = this.rangeOf(item);
      if (range && range.startContainer.isConnected) out.push({ item, range });
    }
    return out.sort((a, b) => a.range.compareBoundaryPoints(Range.START_TO_START, b.range));
  }

  /** Scrolls to mention `index` of an entity (document order) and flashes it. */
  reveal(entityId: string, index = 0): { range: Range; index: number; total: number } | null {
    const mentions = this.ordered((i) => i.entityId === entityId);
    const at = Math.max(0, Math.min(index, mentions.length - 1));
    const hit = mentions[at];
    if (!hit) return null;
    // First mention only: the mention the reader goes to is drawn from then on (and in wrap mode
    // the flash's mark would move the text its live Range holds).
    const range = hit.item.held && this.drawHeld(hit.item) ? (this.rangeOf(hit.item) ?? hit.range) : hit.range;
    const el = elementAt(range);
    // Instant, so the card can be placed next to the mention right away.
    el?.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
    const flashId = `${hit.item.id}-flash`;
    this.mutate(() => this.highlighter.add([{ id: flashId, range: range.cloneRange(), style: 'flash' }]));
    setTimeout(() => this.mutate(() => this.highlighter.remove([flashId])), 1200);
    return { range, index: at, total: mentions.length };
  }

  /**
   * Moves the keyboard's place to the next (+1) or previous (-1) mention in document order (from
   * the viewport's top the first time), scrolls to it and marks it: wrap mode focuses its mark, the
   * Highlight API draws a focus highlight over it (there is no element to focus).
   */
  step(delta: 1 | -1): { hit: EntityHit; mark: HTMLElement | null } | null {
    const all = this.ordered();
    if (!all.length) return null;
    let at = this.cursor ? all.findIndex((o) => o.item.id === this.cursor) : -1;
    if (at < 0) {
      const first = all.findIndex((o) => o.range.getBoundingClientRect().bottom >= 0);
      at = delta > 0 ? (first < 0 ? 0 : first) : (first <= 0 ? all.length - 1 : first - 1);
    } else {
      at = (at + delta + all.length) % all.length;
    }
    const { item, range } = all[at]!;
    this.cursor = item.id;
    const mark = (this.highlighter.marksOf(item.id)[0] as HTMLElement | undefined) ?? null;
    elementAt(range)?.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
    if (mark) moveRovingStop(this.opts.document, mark);
    else showFocusRing(this.opts.document, range);
    const same = all.filter((o) => o.item.entityId === item.entityId);
    return { hit: { entityId: item.entityId, range, kind: 'click', index: Math.max(0, same.findIndex((o) => o.item === item)), total: same.length }, mark };
  }

  /** The mention a highlight's mark (wrap mode) belongs to, as a hit. */
  hitOfMark(mark: Element): EntityHit | null {
    for (const [id, item] of this.items) {
      if (!this.highlighter.marksOf(id).includes(mark)) continue;
      const range = this.rangeOf(item);
      if (!range) return null;
      this.cursor = id;
      const same = this.ordered((i) => i.entityId === item.entityId);
      return { entityId: item.entityId, range, kind: 'click', index: Math.max(0, same.findIndex((o) => o.item === item)), total: same.length };
    }
    return null;
  }

  /** How many mentions of the entity the page has (drawn or about to be). */
  mentionCount(entityId: string): number {
    return this.ordered((i) => i.entityId === entityId).length;
  }
}

/** Where a range lies from the document's viewport, one viewport height (NEAR_SCREENS) of margin
 *  above and below: -1 above, 0 on or near it, 1 below. */
function viewportOf(doc: Document): (range: Range) => number {
  return (range) => {
    const h = doc.defaultView?.innerHeight ?? 0;
    if (typeof range.getBoundingClientRect !== 'function' || h === 0) return 0;
    const r = range.getBoundingClientRect();
    const margin = h * NEAR_SCREENS;
    if (r.bottom < -margin) return -1;
    if (r.top > h + margin) return 1;
    return 0;
  };
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

/** What previewFirstScreen drew, and the reply the full pass reuses. */
interface EarlyScreen {
  request: ChunkRequest;
  /** The text sent for matching ([0, request.to)). */
  sent: string;
  /** The page text the preview read ([0, request.to)). */
  text: string;
  reply: Promise<PackedSpans | readonly MatchedSpan[]>;
  /** `${start}:${end}:${entityId}` of each mention drawn. */
  drawn: Set<string>;
  ids: string[];
}
