import { OWN_UI_ATTR } from '../dom/collect';
import type { RectLike } from '../page-ui/bridge';
import { pageTheme } from '../dom/page-theme';
import { placeNear } from '../page-ui/position';

// The note editor's frame on the page: an iframe of the extension's own origin
// (note-editor.html), in a closed shadow root marked as ours. The page sees an iframe whose URL
// carries only a one-time ticket; the note, its tags and the keys typed into it stay in the
// frame. The frame takes the focus when it opens, and gives it back when it closes.

const WIDTH = 380;
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
