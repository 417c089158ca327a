// Pointer hit-testing of entity highlights: which item the pointer reaches, rests on (after
// HOVER_DELAY_MS) or clicks. At most one lookup per animation frame while the pointer moves;
// every listener and timer ends with `signal`.
import { OWN_UI_ATTR } from '../dom/collect';

/** How long the pointer rests on a highlight before its card opens. */
export const HOVER_DELAY_MS = 300;

/** Events on the extension's own UI (a card over the page) are not on the page's text below it. */
const onOwnUi = (e: Event) => e.target instanceof Element && e.target.closest(`[${OWN_UI_ATTR}]`) !== null;

export type HitKind = 'enter' | 'hover' | 'click';

export function watchPointerHits<T>(
  doc: Document,
  signal: AbortSignal,
  /** The item drawn at viewport point (x, y), if any. */
  itemAt: (x: number, y: number) => T | undefined,
  /** 'enter': the pointer just reached the item (prefetch); 'hover': it rested there; 'click'. */
  onHit: (item: T, kind: HitKind) => void,
): void {
  const win = doc.defaultView;
  if (!win) return;
  let frame = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let over: T | undefined;
  /** The item last clicked: resting on it again opens no hover card (its card was opened, or closed, by the reader). */
  let clicked: T | undefined;
  doc.addEventListener(
    'pointermove',
    (e) => {
      if (frame || !e.isTrusted || onOwnUi(e)) return; // only the reader's pointer, on the page (sec-page)
      frame = win.requestAnimationFrame(() => {
        frame = 0;
        clearTimeout(timer);
        const item = itemAt(e.clientX, e.clientY);
        if (item && item !== over) onHit(item, 'enter');
        over = item;
        if (item !== clicked) clicked = undefined;
        if (item && item !== clicked) timer = setTimeout(() => onHit(item, 'hover'), HOVER_DELAY_MS);
      });
    },
    { passive: true, signal },
  );
  doc.addEventListener(
    'click',
    (e) => {
      if (!e.isTrusted || onOwnUi(e)) return;
      const item = itemAt(e.clientX, e.clientY);
      if (!item) return;
      clearTimeout(timer); // the click opened it: no hover after it
      clicked = item;
      onHit(item, 'click');
    },
    { signal },
  );
  signal.addEventListener('abort', () => {
    clearTimeout(timer);
    if (frame) win.cancelAnimationFrame(frame);
  });
}
