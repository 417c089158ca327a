import { OWN_UI_ATTR } from '../dom/collect';
import { MARK_TAG } from '../dom/highlight-styles';
import { sendMessage } from '../protocol/to-background';
import { onTabMessage } from '../protocol/to-tab';
import { anchorOfRange, currentUi, offerHost, toRectLike, whenUi, type PageUi } from '../page-ui/bridge';
import type { EntityHit, PageController } from './controller';
import type { AnnotationsLayer } from './annotations-layer';
import { NoteFrame } from './note-frame';

// The content script's side of the page UI: loads it the first time it is needed
// (the background injects the React bundle into this world), opens the card on
// hover or click, shows the selection toolbar, and lets the card walk the mentions.

export class PageUiHost {
  private loading: Promise<PageUi> | null = null;
  /** The selection the toolbar was shown for (focusing the note editor may clear the live one). */
  private lastSelection: Range | null = null;
  /** The note editor: an extension frame (sec-page: the reader's notes never enter the page's DOM). */
  private readonly frame: NoteFrame;

  constructor(
    private readonly controller: () => PageController | null,
    private readonly layer: () => AnnotationsLayer | null,
    private readonly signal: AbortSignal,
    editorUrl: string,
  ) {
    this.frame = new NoteFrame(document, editorUrl, signal);
    const removeDone = onTabMessage('noteEditorDone', ({ data }) => {
      if (data.closed) this.frame.close(data.token);
      if (data.changed) void this.layer()?.reload().catch(() => {});
    });
    signal.addEventListener('abort', removeDone, { once: true });
    offerHost({
      highlightSelection: async (draft) => {
        const layer = this.layer();
        const range = this.selectedRange();
        if (!layer || !range) return false;
        const made = await layer.createFromRange(range, draft.color, { note: draft.note, tags: draft.tags });
        this.lastSelection = null;
        return made !== null;
      },
      openNoteEditor: async (rect) => {
        const layer = this.layer();
        const range = this.selectedRange();
        const described = range ? layer?.selectorFor(range) : null;
        if (!layer || !described) return false;
        const { token } = await sendMessage('noteEditorOpen', { mode: 'new', source: layer.source, title: document.title, ...described });
        this.frame.open(token, rect);
        this.lastSelection = null;
        return true;
      },
      reveal: (entityId, index) => {
        const r = this.controller()?.reveal(entityId, index);
        return r ? { anchor: anchorOfRange(r.range), mention: { index: r.index, total: r.total }, returnFocus: markOf(r.range) } : null;
      },
      mentionCount: (entityId) => this.controller()?.mentionCount(entityId) ?? 0,
    });
    signal.addEventListener('abort', () => currentUi()?.destroy(), { once: true });
  }

  ui(): Promise<PageUi> {
    // While it loads, every caller waits on the one promise, so requests reach the UI in the order
    // they were made (the UI can register before the background's answer comes back).
    if (this.loading) return this.loading;
    const ready = currentUi();
    if (ready) return Promise.resolve(ready);
    this.loading = sendMessage('loadPageUi', undefined).then(
      () => whenUi(),
      (err: unknown) => {
        this.loading = null;
        throw err;
      },
    );
    return this.loading;
  }

  private selectedRange(): Range | null {
    const sel = document.getSelection();
    if (sel && sel.rangeCount > 0 && !sel.isCollapsed) return sel.getRangeAt(0).cloneRange();
    return this.lastSelection;
  }

  onHit(hit: EntityHit): void {
    // The reader's own highlight wins over the entity under it (a click there opens the note's editor).
    const r = hit.range.getBoundingClientRect();
    if (this.layer()?.at(r.left + r.width / 2, r.top + r.height / 2)) return;
    if (hit.kind === 'enter') {
      void this.ui().then((ui) => ui.prefetch(hit.entityId), ignore);
      return;
    }
    void this.ui().then(
      (ui) =>
        ui.openCard({
          entityId: hit.entityId,
          anchor: anchorOfRange(hit.range),
          mention: { index: hit.index, total: hit.total },
          via: hit.kind === 'click' ? 'click' : 'hover',
          returnFocus: markOf(hit.range),
        }),
      ignore,
    );
  }

  /** Opens the card at the first mention (from the popup). */
  openAt(entityId: string, index = 0): boolean {
    const r = this.controller()?.reveal(entityId, index);
    if (!r) return false;
    void this.ui().then(
      (ui) => ui.openCard({ entityId, anchor: anchorOfRange(r.range), mention: { index: r.index, total: r.total }, via: 'popup', returnFocus: markOf(r.range) }),
      ignore,
    );
    return true;
  }

  /** Next (+1) or previous (-1) highlight (keyboard command): moves there and opens its card, which takes the focus. */
  step(delta: 1 | -1): boolean {
    const r = this.controller()?.step(delta);
    if (!r) return false;
    this.openByKeyboard(r.hit, r.mark);
    return true;
  }

  /** Enter or Space on a focused mark (accessible mode). */
  openFromMark(mark: HTMLElement): void {
    const hit = this.controller()?.hitOfMark(mark);
    if (hit) this.openByKeyboard(hit, mark);
  }

  private openByKeyboard(hit: EntityHit, mark: HTMLElement | null): void {
    void this.ui().then(
      (ui) => ui.openCard({ entityId: hit.entityId, anchor: anchorOfRange(hit.range), mention: { index: hit.index, total: hit.total }, via: 'keyboard', returnFocus: mark }),
      ignore,
    );
  }

  /** Offers the selection toolbar for text the reader selects (not in editors or our own UI). */
  watchSelection(doc: Document): void {
    let timer: ReturnType<typeof setTimeout> | undefined;
    doc.addEventListener(
      'selectionchange',
      () => {
        clearTimeout(timer);
        timer = setTimeout(() => this.selectionSettled(doc), 350);
      },
      { signal: this.signal },
    );
    this.signal.addEventListener('abort', () => clearTimeout(timer));
  }

  private selectionSettled(doc: Document): void {
    const sel = doc.getSelection();
    const text = sel?.toString().replace(/\s+/g, ' ').trim() ?? '';
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed || text.length < 3) {
      currentUi()?.hideSelection();
      return;
    }
    const range = sel.getRangeAt(0);
    const el = range.commonAncestorContainer.nodeType === 1 ? (range.commonAncestorContainer as Element) : range.commonAncestorContainer.parentElement;
    if (!el || el.closest(`[${OWN_UI_ATTR}], input, textarea, [contenteditable=""], [contenteditable="true"]`)) return;
    this.lastSelection = range.cloneRange();
    const anchor = anchorOfRange(this.lastSelection);
    void this.ui().then((ui) => ui.showSelection(text, anchor), ignore);
  }

  /** A click on a reader's highlight opens its note in the editor frame (edit, delete with undo).
   *  Only the reader's own clicks: a page's synthetic events (isTrusted false) open nothing. */
  watchNotes(doc: Document): void {
    doc.addEventListener(
      'click',
      (e) => {
        if (!e.isTrusted || (e.target instanceof Element && e.target.closest(`[${OWN_UI_ATTR}]`))) return;
        const hit = this.layer()?.at(e.clientX, e.clientY);
        if (!hit) return;
        const rect = toRectLike(hit.range.getBoundingClientRect());
        void sendMessage('noteEditorOpen', { mode: 'view', id: hit.annotation.id }).then(({ token }) => this.frame.open(token, rect), ignore);
      },
      { signal: this.signal },
    );
    // Esc on the page closes the editor too (the frame handles its own).
    doc.addEventListener(
      'keydown',
      (e) => {
        if (e.isTrusted && e.key === 'Escape') this.frame.close();
      },
      { signal: this.signal },
    );
  }
}

function ignore(): void {}

/** The focusable mark (accessible mode) a mention's range starts at: where the focus returns when its card closes. */
function markOf(range: Range): HTMLElement | null {
  const start = range.startContainer;
  const el = start.nodeType === 1 ? ((start.childNodes[range.startOffset] as Element | undefined) ?? (start as Element)) : start.parentElement;
  const mark = el instanceof Element ? el.closest(`${MARK_TAG}[tabindex]`) : null;
  return mark instanceof HTMLElement ? mark : null;
}
