import type { CardData } from '../kb/card';
import { sendMessage, type ViewerTarget } from '../protocol/messages';
import type { CardRequest, NoteDraft, NoteView, PageHost, PageUi, RectLike } from './bridge';
import type { Store } from './store';

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

  closeCard(): void {
    const s = this.store.get();
    if (s.card || s.related || s.note) this.store.set({ card: null, related: null, note: null });
  }

  showNote(view: NoteView, rect: RectLike): void {
    this.store.set({ note: { mode: 'view', view, rect, error: null }, card: null, related: null, selection: null });
  }

  /** Highlights the selection in one click. */
  highlight(color: NoteDraft['color']): void {
    const host = this.host();
    this.store.set({ selection: null });
    void host?.highlightSelection({ note: '', tags: [], color }).catch(() => {});
  }

  /** Opens the editor for a new highlight of the selection (note and tags). */
  annotate(): void {
    const sel = this.store.get().selection;
    if (!sel) return;
    this.store.set({
      selection: null,
      card: null,
      related: null,
      note: { mode: 'new', view: { id: '', quote: sel.text, note: '', tags: [], color: 'yellow' }, rect: sel.rect, error: null },
    });
  }

  async saveNote(draft: NoteDraft): Promise<void> {
    const note = this.store.get().note;
    const host = this.host();
    if (!note || !host) return;
    try {
      if (note.mode === 'new') {
        if (!(await host.highlightSelection(draft))) throw new Error('the selection is gone: select the text again');
      } else await host.editAnnotation(note.view.id, draft);
      this.store.set({ note: null });
    } catch (err) {
      this.store.set({ note: { ...note, error: errorText(err) } });
    }
  }

  async deleteNote(): Promise<void> {
    const note = this.store.get().note;
    if (!note || note.mode !== 'view') return;
    try {
      await this.host()?.deleteAnnotation(note.view.id);
      this.store.set({ note: null });
    } catch (err) {
      this.store.set({ note: { ...note, error: errorText(err) } });
    }
  }

  /** Moves the card to the previous (-1) or next (+1) mention on the page. */
  step(delta: number): void {
    const card = this.store.get().card;
    const host = this.host();
    if (!card?.req.mention || !host) return;
    const { index, total } = card.req.mention;
    const moved = host.reveal(card.req.entityId, (index + delta + total) % total);
    if (!moved) return;
    this.store.set({ card: { ...card, req: { ...card.req, rect: moved.rect, mention: moved.mention } } });
  }

  /** Opens the card of another entity (a chip) where the card is now. */
  openPeer(entityId: string): void {
    const card = this.store.get().card;
    if (!card) return;
    const total = this.host()?.mentionCount(entityId) ?? 0;
    this.openCard({ entityId, rect: card.req.rect, mention: total ? { index: 0, total } : null, via: 'click' });
  }

  showSelection(text: string, rect: RectLike): void {
    this.store.set({ selection: { text, rect } });
  }

  hideSelection(): void {
    if (this.store.get().selection) this.store.set({ selection: null });
  }

  related(): void {
    const sel = this.store.get().selection;
    if (!sel) return;
    const related = { passage: sel.text, rect: sel.rect, results: null, error: null };
    this.store.set({ selection: null, card: null, related });
    sendMessage('relatedStatements', { text: sel.text }).then(
      (results) => {
        if (this.store.get().related?.passage === sel.text) this.store.set({ related: { ...related, results } });
      },
      (err: unknown) => this.store.set({ related: { ...related, error: errorText(err) } }),
    );
  }

  openSource(target: ViewerTarget): void {
    void sendMessage('openViewer', target).catch(() => {});
  }

  destroy(): void {
    this.onDestroy();
  }
}
