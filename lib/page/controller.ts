import type { EntityType } from '../model/types';
import { collectTextAsync, collectTextInAsync, type TextIndex } from '../dom/collect';
import { Highlighter, type HighlightItem } from '../dom/highlighter';
import { observeMutations, type MutationWatch } from '../dom/observe';
import { rangeFromOffsets } from '../dom/ranges';
import { chunked } from '../dom/schedule';
import type { MatchedSpan, PageEntity, PageMention, PageReport, PageState } from '../protocol/messages';
import { limitText, splitForMatching } from './chunks';

// The content script's controller: read the page, ask the background for
// matches, draw them, follow the page as it changes. All DOM work is sliced so
// that no task of ours runs long, and every listener ends with `signal`.

export interface PageDeps {
  /** Ask the background to match a chunk of text (offsets relative to the chunk). */
  match(text: string): Promise<MatchedSpan[]>;
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
  /** Characters per matchText message. */
  chunkChars?: number;
  /** Called when the pointer rests on, or clicks, an entity highlight. */
  onEntityHit?: (hit: { entityId: string; range: Range; kind: 'hover' | 'click' }) => void;
}

interface EntityItem extends HighlightItem {
  entityId: string;
  type: EntityType;
  text: string;
}

export const DEFAULT_MAX_CHARS = 3_000_000;
const CHUNK_CHARS = 200_000;

let nextId = 0;

export class PageController {
  private readonly highlighter: Highlighter;
  private readonly items = new Map<string, EntityItem>();
  private partial = false;
  private generation = 0;
  private scans = 0;
  private readonly started = performance.now();
  private drawnAt: number | null = null;
  private watch: MutationWatch | null = null;
  lastHit: { entityId: string; kind: 'hover' | 'click' } | null = null;

  constructor(
    private readonly deps: PageDeps,
    private readonly opts: PageOptions,
  ) {
    this.highlighter = new Highlighter({ mode: opts.mode, document: opts.document });
    opts.signal.addEventListener('abort', () => this.clear(), { once: true });
  }

  get mode() {
    return this.highlighter.mode;
  }

  /** Reads and highlights the whole page; then follows additions and removals. */
  async start(): Promise<void> {
    const body = this.opts.document.body;
    if (!body) return;
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
    const index = await collectTextAsync(this.opts.document.body, { signal: this.opts.signal });
    if (generation !== this.generation) return;
    const limited = limitText(index.text, this.opts.maxChars ?? DEFAULT_MAX_CHARS);
    this.partial = limited.partial;
    await this.matchAndDraw(index, limited.text, generation, []);
    if (generation !== this.generation) return;
    this.scans++;
    this.drawnAt = performance.now();
    this.deps.report(this.report());
  }

  private async scanAdded(nodes: Node[]): Promise<void> {
    const roots = nodes.filter((n) => n.isConnected);
    if (roots.length === 0) return;
    const generation = this.generation;
    const index = await collectTextInAsync(roots, { signal: this.opts.signal });
    if (generation !== this.generation) return;
    await this.matchAndDraw(index, index.text, generation, roots);
    if (generation === this.generation) this.deps.report(this.report());
  }

  /** Matches `text` (read from `index`) and draws it, replacing what was drawn inside `replacing`. */
  private async matchAndDraw(index: TextIndex, text: string, generation: number, replacing: Node[]): Promise<void> {
    const spans: MatchedSpan[] = [];
    for (const chunk of splitForMatching(text, this.opts.chunkChars ?? CHUNK_CHARS)) {
      const found = await this.deps.match(chunk.text);
      if (generation !== this.generation || this.opts.signal.aborted) return;
      for (const s of found) spans.push({ ...s, start: s.start + chunk.offset, end: s.end + chunk.offset });
    }
    const wanted = spans.filter((s) => this.opts.types.has(s.type));
    const batch: EntityItem[] = [];
    await chunked(
      wanted,
      (s) => {
        const range = rangeFromOffsets(index, s.start, s.end);
        if (!range) return;
        batch.push({ id: `e${nextId++}`, range, style: s.type, entityId: s.entityId, type: s.type, text: text.slice(s.start, s.end) });
      },
      8,
      { signal: this.opts.signal },
    );
    if (generation !== this.generation) return;
    this.mutate(() => {
      if (replacing.length) this.removeWithin(replacing);
      for (const item of batch) this.items.set(item.id, item);
      this.highlighter.add(batch);
    });
  }

  /** Our own DOM changes (wrap mode) are not page changes: the observer must not see them. */
  private mutate<T>(fn: () => T): T {
    return this.watch ? this.watch.ignoring(fn) : fn();
  }

  private removeWithin(roots: Node[]): void {
    const inside = (n: Node) => roots.some((r) => r === n || r.contains(n));
    const gone = new Set<string>();
    for (const item of this.items.values()) if (inside(item.range.startContainer) || inside(item.range.endContainer)) gone.add(item.id);
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
    const doc = this.opts.document;
    const win = doc.defaultView;
    if (!win) return;
    let frame = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const hitAt = (x: number, y: number): EntityItem | undefined => {
      for (const hit of this.highlighter.itemsAt(x, y)) {
        const item = this.items.get(hit.id);
        if (item) return item;
      }
      return undefined;
    };
    const emit = (item: EntityItem, kind: 'hover' | 'click') => {
      this.lastHit = { entityId: item.entityId, kind };
      this.opts.onEntityHit?.({ entityId: item.entityId, range: item.range, kind });
    };
    doc.addEventListener(
      'pointermove',
      (e) => {
        if (frame) return;
        frame = win.requestAnimationFrame(() => {
          frame = 0;
          clearTimeout(timer);
          const item = hitAt(e.clientX, e.clientY);
          if (item) timer = setTimeout(() => emit(item, 'hover'), 250);
        });
      },
      { passive: true, signal: this.opts.signal },
    );
    doc.addEventListener(
      'click',
      (e) => {
        const item = hitAt(e.clientX, e.clientY);
        if (item) emit(item, 'click');
      },
      { signal: this.opts.signal },
    );
    this.opts.signal.addEventListener('abort', () => {
      clearTimeout(timer);
      if (frame) win.cancelAnimationFrame(frame);
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
      timing: { started: this.started, drawn: this.drawnAt },
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

  /** Scrolls to the n-th mention of an entity (document order) and flashes it. */
  reveal(entityId: string, index = 0): boolean {
    const mentions = this.ordered((i) => i.entityId === entityId);
    const item = mentions[Math.max(0, Math.min(index, mentions.length - 1))];
    if (!item) return false;
    const el = item.range.startContainer.parentElement;
    el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    const flashId = `${item.id}-flash`;
    this.mutate(() => this.highlighter.add([{ id: flashId, range: item.range.cloneRange(), style: 'flash' }]));
    setTimeout(() => this.mutate(() => this.highlighter.remove([flashId])), 1200);
    return true;
  }
}

function ignoreAbort(err: unknown): void {
  if (err instanceof DOMException && err.name === 'AbortError') return;
  if (err && typeof err === 'object' && 'name' in err && err.name === 'AbortError') return;
  console.debug('[CSTO Lens]', err);
}
