import { OWN_UI_ATTR } from '../dom/collect';
import { sendMessage } from '../protocol/messages';
import { currentUi, offerHost, toRectLike, whenUi, type PageUi } from '../page-ui/bridge';
import type { EntityHit, PageController } from './controller';

// The content script's side of the page UI: loads it the first time it is needed
// (the background injects the React bundle into this world), opens the card on
// hover or click, shows the selection toolbar, and lets the card walk the mentions.

export class PageUiHost {
  private loading: Promise<PageUi> | null = null;

  constructor(
    private readonly controller: () => PageController | null,
    private readonly signal: AbortSignal,
  ) {
    offerHost({
      reveal: (entityId, index) => {
        const r = this.controller()?.reveal(entityId, index);
        return r ? { rect: toRectLike(r.range.getBoundingClientRect()), mention: { index: r.index, total: r.total } } : null;
      },
      mentionCount: (entityId) => this.controller()?.mentionCount(entityId) ?? 0,
    });
    signal.addEventListener('abort', () => currentUi()?.destroy(), { once: true });
  }

  ui(): Promise<PageUi> {
    const ready = currentUi();
    if (ready) return Promise.resolve(ready);
    this.loading ??= sendMessage('loadPageUi', undefined).then(
      () => whenUi(),
      (err: unknown) => {
        this.loading = null;
        throw err;
      },
    );
    return this.loading;
  }

  onHit(hit: EntityHit): void {
    if (hit.kind === 'enter') {
      void this.ui().then((ui) => ui.prefetch(hit.entityId), ignore);
      return;
    }
    void this.ui().then(
      (ui) =>
        ui.openCard({
          entityId: hit.entityId,
          rect: toRectLike(hit.range.getBoundingClientRect()),
          mention: { index: hit.index, total: hit.total },
          via: hit.kind === 'click' ? 'click' : 'hover',
        }),
      ignore,
    );
  }

  /** Opens the card at the first mention (from the popup). */
  openAt(entityId: string, index = 0): boolean {
    const r = this.controller()?.reveal(entityId, index);
    if (!r) return false;
    void this.ui().then(
      (ui) => ui.openCard({ entityId, rect: toRectLike(r.range.getBoundingClientRect()), mention: { index: r.index, total: r.total }, via: 'popup' }),
      ignore,
    );
    return true;
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
    const rect = toRectLike(range.getBoundingClientRect());
    void this.ui().then((ui) => ui.showSelection(text, rect), ignore);
  }
}

function ignore(): void {}
