import { OWN_UI_ATTR } from '../dom/collect';
import type { RectLike } from '../page-ui/bridge';
import { pageTheme } from '../dom/page-theme';

// The note editor's frame on the page: an iframe of the extension's own origin
// (note-editor.html), in a closed shadow root marked as ours. The page sees an iframe whose URL
// carries only a one-time ticket; the note, its tags and the keys typed into it stay in the
// frame. The frame takes the focus when it opens, and gives it back when it closes.

const WIDTH = 380;

/**
 * Where the frame goes: next to the anchor, never over it, inside the viewport. The frame has a
 * fixed size and is placed once, so this stays here rather than bring @floating-ui/dom (which
 * places the page UI's panels) into the always-loaded content script and its 30 KB budget.
 */
export function placeNear(anchor: RectLike, panel: { width: number; height: number }, viewport: { width: number; height: number }, gap = 8): { top: number; left: number } {
  const margin = 8;
  const left = Math.min(Math.max(margin, anchor.left), Math.max(margin, viewport.width - panel.width - margin));
  const below = anchor.bottom + gap;
  const above = anchor.top - gap - panel.height;
  if (below + panel.height <= viewport.height - margin) return { top: below, left };
  if (above >= margin) return { top: above, left };
  const roomBelow = viewport.height - below;
  const roomAbove = anchor.top - gap;
  return roomBelow >= roomAbove ? { top: below, left } : { top: Math.max(margin, above), left };
}
const HEIGHT = 330;

export class NoteFrame {
  private current: { token: string; host: HTMLElement; returnFocus: Element | null } | null = null;

  constructor(
    private readonly doc: Document,
    private readonly editorUrl: string,
    signal: AbortSignal,
  ) {
    signal.addEventListener('abort', () => this.close(), { once: true });
  }

  get openToken(): string | null {
    return this.current?.token ?? null;
  }

  open(token: string, anchor: RectLike): void {
    this.close();
    const doc = this.doc;
    const win = doc.defaultView!;
    const host = doc.createElement('csto-lens-note');
    host.setAttribute(OWN_UI_ATTR, '');
    const at = placeNear(anchor, { width: WIDTH, height: HEIGHT }, { width: win.innerWidth, height: win.innerHeight });
    host.style.cssText = `all: initial; position: fixed; top: ${at.top}px; left: ${at.left}px; z-index: 2147483647;`;
    const shadow = host.attachShadow({ mode: 'closed' });
    const frame = doc.createElement('iframe');
    frame.src = `${this.editorUrl}#t=${encodeURIComponent(token)}&theme=${pageTheme(doc)}`;
    frame.title = 'CSTO Lens note';
    frame.setAttribute('allow', '');
    frame.style.cssText = `display: block; width: ${Math.min(WIDTH, win.innerWidth - 16)}px; height: ${HEIGHT}px; border: 0; border-radius: 10px; background: transparent; color-scheme: normal; box-shadow: 0 8px 28px rgba(15, 23, 42, 0.18);`;
    // Typed text must go to the editor, never to the page: focus the frame as soon as it loads.
    frame.addEventListener('load', () => {
      frame.focus();
      frame.contentWindow?.focus();
    });
    shadow.append(frame);
    this.current = { token, host, returnFocus: doc.activeElement };
    doc.documentElement.append(host);
  }

  /** Removes the frame (all of it, or only if it is the one of `token`). */
  close(token?: string): void {
    const c = this.current;
    if (!c || (token !== undefined && token !== c.token)) return;
    this.current = null;
    c.host.remove();
    const back = c.returnFocus as HTMLElement | null;
    if (back && back !== this.doc.body && back.isConnected && typeof back.focus === 'function') back.focus({ preventScroll: true });
  }
}
