import type { CardData } from '../kb/card';
import type { ViewerTarget } from '../model/page';
import { sendMessage } from '../protocol/to-background';
import type { Anchor, CardRequest, NoteDraft, PageHost, PageUi } from './bridge';
import type { Store } from './store';
import { browser } from 'wxt/browser';
import { viewerPath } from '../ui/viewer-url';

// The page UI's behaviour behind the React view: fetch card data (prefetched on
// hover, cached), follow mentions, ask for related statements, open sources.

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

export class PageUiController implements PageUi {
  private readonly cards = new Map<string, Promise<CardData | null>>();

  constructor(
    readonly store: Store,
    private readonly host: () => PageHost | undefined,
    private readonly onDestroy: () => void,
  ) {}

  private fetchCard(entityId: string): Promise<CardData | null> {
    let p = this.cards.get(entityId);
    if (!p) {
      p = sendMessage('entityCard', { entityId });
      p.catch(() => this.cards.delete(entityId));
      this.cards.set(entityId, p);
    }
    return p;
  }

  prefetch(entityId: string): void {
    void this.fetchCard(entityId).catch(() => {});
  }

  openCard(req: CardRequest): void {
    // Resting the pointer on the word of a card the reader opened (pinned) leaves it as it is.
    const open = this.store.get().card;
    if (req.via === 'hover' && open && open.req.via !== 'hover' && open.req.entityId === req.entityId) return;
    this.store.set({ card: { req, data: null, error: null }, selection: null, related: null });
    this.fetchCard(req.entityId).then(
      (data) => {
        if (this.store.get().card?.req !== req) return;
        this.store.set({ card: { req, data, error: data ? null : 'not in the knowledge base' } });
      },
      (err: unknown) => {
        if (this.store.get().card?.req === req) this.store.set({ card: { req, data: null, error: errorText(err) } });
      },
    );
  }

  /** Closes the card and the related panel; `returnFocus` (Esc, the close button) gives the focus back to the highlight it was opened from. */
  closeCard(opts: { returnFocus?: boolean } = {}): void {
    const s = this.store.get();
    if (!s.card && !s.related) return;
    const back = s.card?.req.returnFocus;
    this.store.set({ card: null, related: null });
    if (opts.returnFocus && back?.isConnected) back.focus({ preventScroll: true });
  }

  /** Highlights the selection in one click. */
  highlight(color: NoteDraft['color']): void {
    const host = this.host();
    this.store.set({ selection: null });
    void host?.highlightSelection({ note: '', tags: [], color }).catch(() => {});
  }

  /** Opens the note editor (an extension frame, which takes the focus) for the selection. */
  annotate(): void {
    const sel = this.store.get().selection;
    if (!sel) return;
    this.store.set({ selection: null, card: null, related: null });
    void this.host()?.openNoteEditor(sel.anchor.rect()).catch(() => {});
  }

  /** Moves the card to the previous (-1) or next (+1) mention on the page. */
  step(delta: number): void {
    const card = this.store.get().card;
    const host = this.host();
    if (!card?.req.mention || !host) return;
    const { index, total } = card.req.mention;
    const moved = host.reveal(card.req.entityId, (index + delta + total) % total);
    if (!moved) return;
    this.store.set({ card: { ...card, req: { ...card.req, anchor: moved.anchor, mention: moved.mention, returnFocus: moved.returnFocus ?? card.req.returnFocus ?? null } } });
  }

  /** Opens the card of another entity (a chip) where the card is now. */
  openPeer(entityId: string): void {
    const card = this.store.get().card;
    if (!card) return;
    const total = this.host()?.mentionCount(entityId) ?? 0;
    this.openCard({ ...card.req, entityId, mention: total ? { index: 0, total } : null, via: card.req.via === 'hover' ? 'click' : card.req.via });
  }

  showSelection(text: string, anchor: Anchor): void {
    this.store.set({ selection: { text, anchor } });
  }

  hideSelection(): void {
    if (this.store.get().selection) this.store.set({ selection: null });
  }

  related(): void {
    const sel = this.store.get().selection;
    if (!sel) return;
    const related = { passage: sel.text, anchor: sel.anchor, results: null, error: null };
    this.store.set({ selection: null, card: null, related });
    sendMessage('relatedStatements', { text: sel.text }).then(
      (results) => {
        if (this.store.get().related?.passage === sel.text) this.store.set({ related: { ...related, results } });
      },
      (err: unknown) => this.store.set({ related: { ...related, error: errorText(err) } }),
    );
  }

  /** The source viewer's address for a target (a real link: read, copied, opened in a new tab). */
  sourceHref(target: ViewerTarget): string {
    return browser.runtime.getURL(viewerPath(target) as '/viewer.html');
  }

  openSource(target: ViewerTarget): void {
    void sendMessage('openViewer', target).catch(() => {});
  }

  /** The entity's statement timeline, in the notebook (a tab). */
  openTimeline(entityId: string): void {
    void sendMessage('openTimeline', { entityId }).catch(() => {});
  }

  destroy(): void {
    this.onDestroy();
  }
}
