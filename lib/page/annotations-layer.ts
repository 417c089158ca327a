import { anchorMany, describe as describeRange } from '../anchoring';
import type { SelectorPair } from '../anchoring/types';
import type { Annotation, AnnotationPatch, Color } from '../annotations/model';
import { collectText, type TextIndex } from '../dom/collect';
import { Highlighter } from '../dom/highlighter';
import { observeMutations } from '../dom/observe';
import { offsetsFromRange, rangeFromOffsets } from '../dom/ranges';
import { sendMessage, type PageAnnotations } from '../protocol/messages';

// The reader's own highlights on this page: anchor every stored annotation
// (position, then quote, then fuzzy), draw it in its colour above the entity
// highlights, keep what cannot be anchored as an orphan (listed, never dropped),
// and try the orphans again when content arrives late.

export interface LayerOptions {
  document: Document;
  signal: AbortSignal;
  mode: 'highlight-api' | 'wrap';
}

interface Drawn {
  annotation: Annotation;
  range: Range;
  method: string;
}

/** The page's canonical URL (rel=canonical on the same registrable domain, else the URL without
 *  tracking parameters), resolved by the background from the sender's own URL (sec-page). */
export function pageSource(doc: Document): Promise<string> {
  const link = doc.querySelector<HTMLLinkElement>('link[rel~="canonical"][href]');
  return sendMessage('pageSource', { url: doc.location.href, canonical: link?.href ?? null });
}

export class AnnotationsLayer {
  private readonly highlighter: Highlighter;
  private readonly drawn = new Map<string, Drawn>();
  private orphans: Annotation[] = [];
  private loaded = false;
  source: string;

  constructor(private readonly opts: LayerOptions) {
    // Most pages have no notes: their stylesheet (and the page restyle it costs) comes with the first.
    this.highlighter = new Highlighter({ mode: opts.mode, document: opts.document, styles: 'on-first-add' });
    this.source = opts.document.location.href;
    opts.signal.addEventListener('abort', () => this.highlighter.destroy(), { once: true });
  }

  /** Loads this page's annotations and anchors them; retries orphans as the page changes. */
  async start(): Promise<void> {
    await this.reload();
    const body = this.opts.document.body;
    if (!body) return;
    observeMutations(
      body,
      () => {
        if (this.orphans.length) this.anchorAll(this.orphans);
      },
      () => this.prune(),
      { debounceMs: 400, signal: this.opts.signal },
    );
  }

  /** Reads the page's annotations again (navigation, sync) and redraws them. */
  async reload(): Promise<void> {
    this.source = await pageSource(this.opts.document);
    const list = await sendMessage('annotationsForPage', { source: this.source });
    if (this.opts.signal.aborted) return;
    this.highlighter.clear();
    this.drawn.clear();
    this.orphans = [];
    this.loaded = true;
    this.anchorAll(list);
  }

  private index(): TextIndex {
    return collectText(this.opts.document.body);
  }

  /** Anchor first, draw second: every target resolves to offsets before any range is drawn. */
  private anchorAll(list: Annotation[]): void {
    if (list.length === 0) return;
    const index = this.index();
    const anchors = anchorMany(index.text, list.map((a) => a.target));
    const orphans: Annotation[] = [];
    const items: { id: string; range: Range; style: string }[] = [];
    list.forEach((a, i) => {
      const at = anchors[i];
      const range = at ? rangeFromOffsets(index, at.start, at.end) : null;
      if (!at || !range) {
        orphans.push(a);
        return;
      }
      this.drawn.set(a.id, { annotation: a, range, method: at.method });
      items.push({ id: a.id, range, style: `note-${a.color}` });
    });
    this.orphans = orphans;
    this.highlighter.add(items);
    this.report();
  }

  /** Tells the background which annotations of this page are orphans now (the notebook lists them). */
  private report(): void {
    void sendMessage('reportOrphans', {
      source: this.source,
      ids: this.orphans.map((a) => a.id),
      anchored: [...this.drawn.keys()],
    }).catch(() => {});
  }

  private prune(): void {
    if (this.highlighter.prune() === 0) return;
    for (const [id, d] of this.drawn) {
      if (this.highlighter.get(id)) continue;
      this.drawn.delete(id);
      this.orphans.push(d.annotation);
    }
  }

  /** Saves the current selection as a highlight. Returns null when nothing readable is selected. */
  createFromSelection(color: Color, extra: { note?: string; tags?: string[] } = {}): Promise<Annotation | null> {
    const sel = this.opts.document.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return Promise.resolve(null);
    return this.createFromRange(sel.getRangeAt(0), color, extra);
  }

  /** Saves a range of the page as a highlight. */
  async createFromRange(selected: Range, color: Color, extra: { note?: string; tags?: string[] } = {}): Promise<Annotation | null> {
    if (selected.collapsed) return null;
    const index = this.index();
    const at = offsetsFromRange(index, selected);
    if (!at || at.end <= at.start) return null;
    const selector = describeRange(index.text, at.start, at.end);
    const quote = selector[0].exact;
    const entityIds = await sendMessage('entitiesIn', { text: quote }).catch(() => [] as string[]);
    const annotation = await sendMessage('annotationCreate', {
      source: this.source,
      title: this.opts.document.title,
      selector,
      color,
      entityIds,
      ...(extra.note ? { note: extra.note } : {}),
      ...(extra.tags ? { tags: extra.tags } : {}),
    });
    const range = rangeFromOffsets(index, at.start, at.end);
    if (range) {
      this.drawn.set(annotation.id, { annotation, range, method: 'new' });
      this.highlighter.add([{ id: annotation.id, range, style: `note-${annotation.color}` }]);
    }
    this.opts.document.getSelection()?.removeAllRanges();
    this.report();
    return annotation;
  }

  /** The W3C selectors of a range of the page, for a note the editor frame will save (sec-page). */
  selectorFor(selected: Range): SelectorPair | null {
    if (selected.collapsed) return null;
    const index = this.index();
    const at = offsetsFromRange(index, selected);
    if (!at || at.end <= at.start) return null;
    return describeRange(index.text, at.start, at.end);
  }

  async edit(id: string, patch: AnnotationPatch): Promise<Annotation> {
    const updated = await sendMessage('annotationEdit', { id, patch });
    const d = this.drawn.get(id);
    if (d) {
      d.annotation = updated;
      this.highlighter.remove([id]);
      this.highlighter.add([{ id, range: d.range, style: `note-${updated.color}` }]);
    }
    return updated;
  }

  async remove(id: string): Promise<void> {
    await sendMessage('annotationDelete', { id });
    this.highlighter.remove([id]);
    this.drawn.delete(id);
    this.orphans = this.orphans.filter((a) => a.id !== id);
    this.report();
  }

  /** The reader's highlight under a point, if any. */
  at(x: number, y: number): { annotation: Annotation; range: Range } | null {
    if (this.drawn.size === 0) return null;
    for (const hit of this.highlighter.itemsAt(x, y)) {
      const d = this.drawn.get(hit.id);
      if (d) return { annotation: d.annotation, range: d.range };
    }
    return null;
  }

  /** Scrolls to an annotation and flashes it. */
  reveal(id: string): boolean {
    const d = this.drawn.get(id);
    if (!d) return false;
    d.range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
    const flash = `${id}-flash`;
    this.highlighter.add([{ id: flash, range: d.range.cloneRange(), style: 'flash' }]);
    setTimeout(() => this.highlighter.remove([flash]), 1500);
    return true;
  }

  state(): PageAnnotations {
    return {
      source: this.source,
      loaded: this.loaded,
      anchored: [...this.drawn.values()].map((d) => ({ id: d.annotation.id, quote: d.annotation.target.selector[0].exact, method: d.method, color: d.annotation.color })),
      orphans: this.orphans.map((a) => ({ id: a.id, quote: a.target.selector[0].exact })),
    };
  }
}
