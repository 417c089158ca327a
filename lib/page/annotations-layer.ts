import { anchorMany, describe as describeRange, utf16ToCodePoints, type AnchorTarget, type CodePointSpan } from '../anchoring';
import type { SelectorPair } from '../anchoring/types';
import type { Annotation, AnnotationPatch, Color } from '../annotations/model';
import { collectText, collectTextAsync, type TextIndex } from '../dom/collect';
import { Highlighter, type HighlighterMode } from '../dom/highlighter';
import { observeMutations, type MutationWatch } from '../dom/observe';
import { offsetsFromRange, rangeFromOffsets } from '../dom/ranges';
import type { PageAnnotations } from '../model/page';
import { sendMessage } from '../protocol/to-background';

// The reader's own highlights on this page: anchor every stored annotation
// (position, then quote, then fuzzy), draw it in its colour above the entity
// highlights, keep what cannot be anchored as an orphan (listed, never dropped),
// and follow the page as it changes.
//
// An anchor is a pair of offsets into the page's text (lib/dom/collect.ts), as Hypothesis keeps
// a TextRange: the DOM Range is made from it when the note is drawn, never kept and patched.
// The page text does not change when highlights are drawn (wrap-mode marks are inline), so a
// mode switch or a redraw puts a note on exactly the text it had; after the page itself changes,
// a slice-by-slice re-read checks every anchor against its quote and re-anchors what moved.

export interface LayerOptions {
  document: Document;
  signal: AbortSignal;
  mode: HighlighterMode;
}

/** A note anchored in the page's text: text[start, end). */
interface Anchored {
  annotation: Annotation;
  start: number;
  end: number;
  method: string;
  /** The page's text at [start, end) when anchored (the quote, or what a fuzzy match found). */
  text: string;
}

/** The page's canonical URL (rel=canonical on the same registrable domain, else the URL without
 *  tracking parameters), resolved by the background from the sender's own URL (sec-page). */
export function pageSource(doc: Document): Promise<string> {
  const link = doc.querySelector<HTMLLinkElement>('link[rel~="canonical"][href]');
  return sendMessage('pageSource', { url: doc.location.href, canonical: link?.href ?? null });
}

/** The accessible description of a note's marks in wrap mode: what it is, never what it says. */
export function noteLabel(color: Color): string {
  return `Your highlight: ${color}`;
}

const quoteOf = (a: Annotation) => a.target.selector[0].exact;

export class AnnotationsLayer {
  private highlighter: Highlighter;
  private readonly anchored = new Map<string, Anchored>();
  private orphans: Annotation[] = [];
  private loaded = false;
  private watch: MutationWatch | null = null;
  /** The last orphan report sent (reportOrphans writes to the database: only changes are sent). */
  private reported: string | null = null;
  /** A re-read after page changes is running; `again`: more changes came meanwhile. */
  private refreshing: Promise<void> | null = null;
  private again = false;
  source: string;

  constructor(private readonly opts: LayerOptions) {
    this.highlighter = this.makeHighlighter(opts.mode);
    this.source = opts.document.location.href; // until the background resolves it (pageSource)
    opts.signal.addEventListener('abort', () => this.highlighter.destroy(), { once: true });
  }

  get mode(): HighlighterMode {
    return this.highlighter.mode;
  }

  private makeHighlighter(mode: HighlighterMode): Highlighter {
    // Most pages have no notes: their stylesheet (and the page restyle it costs) comes with the first.
    return new Highlighter({ mode, document: this.opts.document, styles: 'on-first-add' });
  }

  /** Loads this page's annotations and anchors them; follows the page as it changes. */
  async start(): Promise<void> {
    await this.reload();
    const body = this.opts.document.body;
    if (!body || this.opts.signal.aborted) return;
    const changed = () => void this.refresh().catch(() => {});
    this.watch = observeMutations(body, changed, changed, { debounceMs: 400, signal: this.opts.signal });
  }

  /** Draws the notes in another mode (accessible mode switched): each on exactly the text it had. */
  setMode(mode: HighlighterMode): void {
    if (mode === this.highlighter.mode || this.opts.signal.aborted) return;
    this.ours(() => this.highlighter.destroy());
    const highlighter = (this.highlighter = this.makeHighlighter(mode));
    const draw = () => {
      if (this.highlighter !== highlighter || this.opts.signal.aborted || this.anchored.size === 0) return;
      this.draw([...this.anchored.values()], this.index());
    };
    // To wrap: now, so the entity highlights, starting again in this task, read the page with
    // the notes' marks in it. To the Highlight API: in the next task, once the entity marks came
    // off (which merges the text nodes a Range made now would sit in).
    if (mode === 'wrap') draw();
    else setTimeout(draw, 0);
  }

  /** Reads the page's annotations again (navigation, sync) and redraws them. */
  async reload(): Promise<void> {
    this.source = await pageSource(this.opts.document);
    const list = await sendMessage('annotationsForPage', { source: this.source });
    if (this.opts.signal.aborted) return;
    this.ours(() => this.highlighter.clear());
    this.anchored.clear();
    this.orphans = [];
    this.loaded = true;
    if (list.length === 0) {
      this.report();
      return;
    }
    const body = this.opts.document.body;
    const index = body ? await collectTextAsync(body, { signal: this.opts.signal }) : collectText(this.opts.document);
    this.anchorAll(list, index);
    this.report();
  }

  private index(): TextIndex {
    return collectText(this.opts.document.body);
  }

  /** Our own drawing is not a page change for our observer (the entity controller's sees it). */
  private ours<T>(fn: () => T): T {
    return this.watch ? this.watch.ignoring(fn) : fn();
  }

  /** Anchor first, draw second: every target resolves to offsets before any range is drawn. */
  private anchorAll(list: Annotation[], index: TextIndex, hints?: Map<string, Anchored>): void {
    if (list.length === 0) return;
    const targets: AnchorTarget[] = list.map((a) => {
      const was = hints?.get(a.id);
      // Where it was last is a better position hint than where it was saved.
      return was ? [a.target.selector[0], { type: 'TextPositionSelector', start: was.start, end: was.end }] : a.target;
    });
    const anchors = anchorMany(index.text, targets);
    const found: Anchored[] = [];
    const orphans = new Set(this.orphans);
    list.forEach((a, i) => {
      const at = anchors[i];
      if (!at || !rangeFromOffsets(index, at.start, at.end)) {
        this.anchored.delete(a.id);
        orphans.add(a);
        return;
      }
      orphans.delete(a);
      const anchored = { annotation: a, start: at.start, end: at.end, method: hints?.get(a.id)?.method ?? at.method, text: index.text.slice(at.start, at.end) };
      this.anchored.set(a.id, anchored);
      found.push(anchored);
    });
    this.orphans = [...orphans];
    this.draw(found, index);
    for (const a of found) if (!quoteOf(a.annotation) && a.annotation.target.byPosition) this.keepQuote(a, index.text);
  }

  /**
   * A note imported by position only, anchored here for the first time: its quote (with context) is
   * read from the page at that position and stored, so later visits find it by the quote too, also
   * on a page that has changed since.
   */
  private keepQuote(a: Anchored, text: string): void {
    const id = a.annotation.id;
    const selector = describeRange(text, a.start, a.end);
    const codePoints = utf16ToCodePoints(text, a.start, a.end);
    void sendMessage('annotationSetQuote', { id, selector, codePoints })
      .then((updated) => {
        const now = this.anchored.get(id);
        if (now && now.annotation.id === updated.id) now.annotation = updated;
      })
      .catch(() => {}); // another tab stored it first, or the note changed: it anchors by position again next time
  }

  /** Draws (or draws again) anchored notes from their offsets in `index`. */
  private draw(list: readonly Anchored[], index: TextIndex): void {
    const ids = list.map((a) => a.annotation.id);
    if (this.highlighter.mode === 'wrap' && ids.some((id) => this.highlighter.has(id))) {
      // Unwrapping merges the text nodes the index holds (the text stays the same): read again.
      this.ours(() => this.highlighter.remove(ids));
      index = this.index();
    }
    const items: { id: string; range: Range; style: string; label: string }[] = [];
    for (const a of list) {
      const range = rangeFromOffsets(index, a.start, a.end);
      if (range) items.push({ id: a.annotation.id, range, style: `note-${a.annotation.color}`, label: noteLabel(a.annotation.color) });
    }
    this.ours(() => {
      this.highlighter.remove(ids);
      this.highlighter.add(items);
    });
  }

  /**
   * After a batch of page changes: read the page again (in time slices), keep every note on its
   * text (a note whose text moved is anchored again from its quote, one whose drawing the change
   * broke is drawn again), try the orphans again, and report only what changed.
   */
  refresh(): Promise<void> {
    if (this.refreshing) {
      this.again = true;
      return this.refreshing;
    }
    const run = async () => {
      do {
        this.again = false;
        await this.refreshOnce();
      } while (this.again && !this.opts.signal.aborted);
    };
    this.refreshing = run().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async refreshOnce(): Promise<void> {
    const body = this.opts.document.body;
    if (!body || (this.anchored.size === 0 && this.orphans.length === 0)) return;
    let index = await collectTextAsync(body, { signal: this.opts.signal });
    if (this.opts.signal.aborted) return;
    const moved: Annotation[] = [];
    const redraw: Anchored[] = [];
    for (const a of this.anchored.values()) {
      if (index.text.slice(a.start, a.end) !== a.text) {
        moved.push(a.annotation);
        continue;
      }
      const now = this.highlighter.rangeOf(a.annotation.id);
      const at = now ? offsetsFromRange(index, now) : null;
      if (!at || at.start !== a.start || at.end !== a.end) redraw.push(a);
    }
    const hints = new Map(moved.map((a) => [a.id, this.anchored.get(a.id)!]));
    for (const a of moved) this.anchored.delete(a.id);
    const undraw = [...moved.map((a) => a.id), ...redraw.map((a) => a.annotation.id)];
    if (undraw.length && this.ours(() => this.highlighter.remove(undraw)) && this.highlighter.mode === 'wrap') {
      // Unwrapping merged the text nodes the index holds (the text is the same): read again.
      index = await collectTextAsync(body, { signal: this.opts.signal });
      if (this.opts.signal.aborted) return;
    }
    if (redraw.length) this.draw(redraw, index);
    const retry = [...moved, ...this.orphans];
    if (retry.length) this.anchorAll(retry, index, hints);
    this.report();
  }

  /** Tells the background which annotations of this page are orphans now (the notebook lists
   *  them), when that changed since the last report. */
  private report(): void {
    const ids = this.orphans.map((a) => a.id).sort();
    const anchored = [...this.anchored.keys()].sort();
    const key = JSON.stringify([this.source, ids, anchored]);
    if (key === this.reported) return;
    this.reported = key;
    void sendMessage('reportOrphans', { source: this.source, ids, anchored }).catch(() => {});
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
      codePoints: utf16ToCodePoints(index.text, at.start, at.end),
      color,
      entityIds,
      ...(extra.note ? { note: extra.note } : {}),
      ...(extra.tags ? { tags: extra.tags } : {}),
    });
    const anchored: Anchored = { annotation, start: at.start, end: at.end, method: 'new', text: index.text.slice(at.start, at.end) };
    this.anchored.set(annotation.id, anchored);
    // The page may have changed while the background saved it: draw from a fresh read.
    this.placeAgain(anchored);
    this.opts.document.getSelection()?.removeAllRanges();
    this.report();
    return annotation;
  }

  /** The W3C selectors of a range of the page (and its code points), for a note the editor frame will save (sec-page). */
  selectorFor(selected: Range): { selector: SelectorPair; codePoints: CodePointSpan } | null {
    if (selected.collapsed) return null;
    const index = this.index();
    const at = offsetsFromRange(index, selected);
    if (!at || at.end <= at.start) return null;
    return { selector: describeRange(index.text, at.start, at.end), codePoints: utf16ToCodePoints(index.text, at.start, at.end) };
  }

  /** Draws one note from a fresh read of the page (anchored again if its text moved). */
  private placeAgain(a: Anchored): void {
    const index = this.index();
    if (index.text.slice(a.start, a.end) === a.text) this.draw([a], index);
    else this.anchorAll([a.annotation], index, new Map([[a.annotation.id, a]]));
  }

  async edit(id: string, patch: AnnotationPatch): Promise<Annotation> {
    const updated = await sendMessage('annotationEdit', { id, patch });
    const a = this.anchored.get(id);
    if (a) {
      a.annotation = updated;
      // Its colour (and label) may have changed: draw it again from its offsets.
      this.ours(() => this.highlighter.remove([id]));
      this.placeAgain(a);
    } else {
      this.orphans = this.orphans.map((o) => (o.id === id ? updated : o));
    }
    return updated;
  }

  async remove(id: string): Promise<void> {
    await sendMessage('annotationDelete', { id });
    this.ours(() => this.highlighter.remove([id]));
    this.anchored.delete(id);
    this.orphans = this.orphans.filter((a) => a.id !== id);
    this.report();
  }

  /** The reader's highlight under a point, if any, with the range it covers now. */
  at(x: number, y: number): { annotation: Annotation; range: Range } | null {
    if (this.anchored.size === 0) return null;
    for (const hit of this.highlighter.itemsAt(x, y)) {
      const a = this.anchored.get(hit.id);
      const range = this.highlighter.rangeOf(hit.id);
      if (a && range) return { annotation: a.annotation, range };
    }
    return null;
  }

  /** The range a note covers now (null for an orphan or a note not drawn). */
  rangeOf(id: string): Range | null {
    return this.highlighter.rangeOf(id);
  }

  /** Scrolls to an annotation and flashes it. */
  reveal(id: string): boolean {
    const range = this.highlighter.rangeOf(id);
    if (!range) return false;
    const start = range.startContainer;
    (start.nodeType === 1 ? (start as Element) : start.parentElement)?.scrollIntoView({ block: 'center' });
    const flash = `${id}-flash`;
    this.ours(() => this.highlighter.add([{ id: flash, range, style: 'flash' }]));
    setTimeout(() => this.ours(() => this.highlighter.remove([flash])), 1500);
    return true;
  }

  state(): PageAnnotations {
    return {
      source: this.source,
      loaded: this.loaded,
      anchored: [...this.anchored.values()].map((a) => ({ id: a.annotation.id, quote: quoteOf(a.annotation), method: a.method, color: a.annotation.color })),
      orphans: this.orphans.map((a) => ({ id: a.id, quote: a.target.selector[0].exact })),
    };
  }
}
