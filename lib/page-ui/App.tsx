import { useEffect, useLayoutEffect, useRef, useSyncExternalStore } from 'react';
import { EntityCard } from '../../components/EntityCard';
import { RelatedPanel } from '../../components/RelatedPanel';
import { SelectionToolbar } from '../../components/SelectionToolbar';
import type { Anchor } from './bridge';
import type { PageUiController } from './controller';
import { followAnchor } from './floating';
import { activeIn, focusables } from './focus';

/** How long a hover card stays after the pointer left it and its word (time to cross the gap). */
export const LEAVE_GRACE_MS = 350;

interface FloatingProps {
  anchor: Anchor;
  children: React.ReactNode;
  /** Take the focus (a card opened by click, keyboard or the popup): its first control once `ready`. */
  focus: boolean;
  ready?: boolean;
  /** A hover card: called when the pointer has left the panel and its anchor for LEAVE_GRACE_MS. */
  onLeave?: () => void;
  /** The highlight the panel belongs to: Tab from the panel's last control goes on from there. */
  returnFocus?: HTMLElement | null;
  name: string;
}

const inside = (r: { top: number; left: number; bottom: number; right: number }, x: number, y: number, pad = 4) =>
  x >= r.left - pad && x <= r.right + pad && y >= r.top - pad && y <= r.bottom + pad;

/** A panel next to its anchor (placed by @floating-ui/dom, following it), with the focus rules of a non-modal dialog. */
function Floating({ anchor, children, focus, ready = true, onLeave, returnFocus, name }: FloatingProps) {
  const ref = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    return followAnchor(anchor, el);
  }, [anchor]);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!focus || !el) return;
    // Until its content is there, the panel itself holds the focus; then its first control
    // (unless the reader already moved the focus inside it).
    const first = ready ? focusables(el)[0] : undefined;
    const active = activeIn(el);
    if (!first) el.focus({ preventScroll: true });
    else if (!active || active === el || !el.contains(active)) first.focus({ preventScroll: true });
  }, [focus, ready]);

  // A hover card goes when the pointer leaves it and its word, unless the reader engaged with it.
  const leave = useRef(onLeave);
  leave.current = onLeave;
  const hover = onLeave !== undefined;
  useEffect(() => {
    const el = ref.current;
    if (!hover || !el) return;
    const doc = el.ownerDocument;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let engaged = false;
    const engage = () => {
      engaged = true;
      clearTimeout(timer);
    };
    const onMove = (e: PointerEvent) => {
      if (!e.isTrusted || engaged) return;
      const over = e.composedPath().includes(el) || inside(el.getBoundingClientRect(), e.clientX, e.clientY, 0) || inside(anchor.rect(), e.clientX, e.clientY);
      if (over) {
        clearTimeout(timer);
        timer = undefined;
      } else if (timer === undefined) {
        timer = setTimeout(() => leave.current?.(), LEAVE_GRACE_MS);
      }
    };
    doc.addEventListener('pointermove', onMove, { passive: true, capture: true });
    el.addEventListener('focusin', engage);
    el.addEventListener('pointerdown', engage);
    return () => {
      clearTimeout(timer);
      doc.removeEventListener('pointermove', onMove, { capture: true });
      el.removeEventListener('focusin', engage);
      el.removeEventListener('pointerdown', engage);
    };
  }, [anchor, hover]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key !== 'Tab' || !ref.current) return;
    const list = focusables(ref.current);
    const at = list.indexOf(activeIn(ref.current) as HTMLElement);
    // The panel sits right after its highlight in the tab order: Shift+Tab from its first control
    // goes back to the highlight, Tab from its last goes on to what follows the highlight.
    if (!returnFocus?.isConnected) return;
    if (e.shiftKey && at <= 0) {
      e.preventDefault();
      returnFocus.focus({ preventScroll: true });
    } else if (!e.shiftKey && at === list.length - 1) {
      returnFocus.focus({ preventScroll: true }); // no preventDefault: the browser's Tab goes on from the highlight
    }
  };

  return (
    <div ref={ref} className="floating" data-panel={name} tabIndex={-1} onKeyDown={onKeyDown} style={{ top: 0, left: 0, visibility: 'hidden' }}>
      {children}
    </div>
  );
}

export function App({ ui }: { ui: PageUiController }) {
  const state = useSyncExternalStore(ui.store.subscribe, ui.store.get);
  const { card, selection, related } = state;
  const pinned = card ? card.req.via !== 'hover' : false;
  return (
    <>
      {selection && (
        <Floating anchor={selection.anchor} focus={false} name="toolbar">
          <SelectionToolbar onHighlight={(c) => ui.highlight(c)} onAnnotate={() => ui.annotate()} onRelated={() => ui.related()} />
        </Floating>
      )}
      {card && (
        <Floating
          anchor={card.req.anchor}
          focus={pinned}
          ready={card.data !== null || card.error !== null}
          name="card"
          returnFocus={card.req.returnFocus ?? null}
          {...(pinned ? {} : { onLeave: () => ui.closeCard() })}
        >
          <EntityCard
            data={card.data}
            error={card.error}
            mention={card.req.mention}
            onPrev={() => ui.step(-1)}
            onNext={() => ui.step(1)}
            onClose={() => ui.closeCard({ returnFocus: true })}
            onOpenSource={(t) => ui.openSource(t)}
            sourceHref={(t) => ui.sourceHref(t)}
            onPeer={(id) => ui.openPeer(id)}
            onOpenTimeline={(id) => ui.openTimeline(id)}
          />
        </Floating>
      )}
      {related && (
        <Floating anchor={related.anchor} focus ready={related.results !== null || related.error !== null} name="related">
          <RelatedPanel
            passage={related.passage}
            results={related.results}
            error={related.error}
            onClose={() => ui.closeCard({ returnFocus: true })}
            onOpenSource={(t) => ui.openSource(t)}
            sourceHref={(t) => ui.sourceHref(t)}
          />
        </Floating>
      )}
    </>
  );
}
