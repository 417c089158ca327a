// The contract between the content script (small, always loaded) and the page UI
// bundle (React: card, selection toolbar), which the background injects into the
// same isolated world on demand. They meet on one global of that world, which
// the page's own scripts cannot see.

import type { ContentScriptContext } from 'wxt/utils/content-script-context';

export interface RectLike {
  top: number;
  left: number;
  bottom: number;
  right: number;
  width: number;
  height: number;
}

/**
 * What a floating panel is placed next to, read anew at every placement (the card follows its word
 * when the page scrolls or changes): a word's range, a selection. `element` lets the placement
 * listen to the scrolling boxes around it.
 */
export interface Anchor {
  rect(): RectLike;
  element?: Element | null;
}

export interface MentionPosition {
  /** 0-based index of the mention shown, in document order. */
  index: number;
  total: number;
}

export interface CardRequest {
  entityId: string;
  anchor: Anchor;
  mention: MentionPosition | null;
  /** 'hover' cards close when the pointer leaves them and their word; the others are pinned and take the focus. */
  via: 'hover' | 'click' | 'keyboard' | 'popup';
  /** Where the focus goes back when the card closes (the highlight the card was opened from). */
  returnFocus?: HTMLElement | null;
}

/** What the content script offers the page UI. */
export interface PageHost {
  /** Scrolls to and flashes mention `index` of an entity; returns where it now is. */
  reveal(entityId: string, index: number): { anchor: Anchor; mention: MentionPosition; returnFocus: HTMLElement | null } | null;
  /** How many mentions of the entity the page has. */
  mentionCount(entityId: string): number;
  /** Saves the current selection as a highlight. */
  highlightSelection(draft: NoteDraft): Promise<boolean>;
  /** Opens the note editor (an extension frame) for the selection, next to `rect`. */
  openNoteEditor(rect: RectLike): Promise<boolean>;
}

export type NoteColorName = 'yellow' | 'green' | 'blue' | 'pink' | 'purple';

export interface NoteDraft {
  note: string;
  tags: string[];
  color: NoteColorName;
}

/** What the page UI offers the content script. */
export interface PageUi {
  prefetch(entityId: string): void;
  openCard(req: CardRequest): void;
  closeCard(): void;
  showSelection(text: string, anchor: Anchor): void;
  hideSelection(): void;
  destroy(): void;
}

interface Meeting {
  host?: PageHost;
  ctx?: ContentScriptContext;
  ui?: PageUi;
  waiting: ((ui: PageUi) => void)[];
}

const KEY = '__cstoLensMeeting';

function meeting(): Meeting {
  const g = globalThis as unknown as Record<string, Meeting | undefined>;
  return (g[KEY] ??= { waiting: [] });
}

/** Content script: offer the host API and wait for the UI (after asking the background to load it). */
export function offerHost(host: PageHost): void {
  meeting().host = host;
}

/** Content script: its context, which the page UI's shadow root follows (removed when it is invalidated). */
export function offerContext(ctx: ContentScriptContext): void {
  meeting().ctx = ctx;
}

export function contextOf(): ContentScriptContext | undefined {
  return meeting().ctx;
}

export function currentUi(): PageUi | undefined {
  return meeting().ui;
}

export function whenUi(): Promise<PageUi> {
  const m = meeting();
  return m.ui ? Promise.resolve(m.ui) : new Promise((resolve) => m.waiting.push(resolve));
}

/** Page UI bundle: register, once loaded. */
export function registerUi(ui: PageUi): PageHost | undefined {
  const m = meeting();
  m.ui?.destroy();
  m.ui = ui;
  for (const resolve of m.waiting.splice(0)) resolve(ui);
  return m.host;
}

export function hostOf(): PageHost | undefined {
  return meeting().host;
}

export function toRectLike(r: DOMRect | DOMRectReadOnly): RectLike {
  return { top: r.top, left: r.left, bottom: r.bottom, right: r.right, width: r.width, height: r.height };
}

/** A range as an anchor; while the range has no box (its text was redrawn or removed) the last box it had. */
export function anchorOfRange(range: Range): Anchor {
  let last = toRectLike(range.getBoundingClientRect());
  const node = range.startContainer;
  return {
    rect() {
      const r = range.getBoundingClientRect();
      if (r.width > 0 || r.height > 0) last = toRectLike(r);
      return last;
    },
    element: node.nodeType === 1 ? (node as Element) : node.parentElement,
  };
}
