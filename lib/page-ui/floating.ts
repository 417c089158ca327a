import { autoUpdate, computePosition, flip, hide, offset, shift, size, type VirtualElement } from '@floating-ui/dom';
import type { Anchor } from './bridge';

// Where a floating panel (card, selection toolbar, related statements) goes: next to its anchor
// (a word on the page), never over it, always inside the viewport, with @floating-ui/dom. It is
// placed again whenever the page scrolls or resizes, the anchor moves, or the panel's own size
// changes ("Loading…" turning into a card): autoUpdate.

/** Space kept between the panel and the viewport's edges, and between the panel and its anchor. */
export const EDGE = 8;
/** A panel is never squeezed below this height: it scrolls inside instead. */
const MIN_HEIGHT = 120;

/** The anchor as floating-ui's virtual element (its rect read anew at every placement). */
export function referenceOf(anchor: Anchor): VirtualElement {
  return {
    getBoundingClientRect: () => {
      const r = anchor.rect();
      return { x: r.left, y: r.top, top: r.top, left: r.left, bottom: r.bottom, right: r.right, width: r.width, height: r.height };
    },
    ...(anchor.element ? { contextElement: anchor.element } : {}),
  };
}

/**
 * Keeps `panel` placed next to `anchor` until the returned function is called. The panel is
 * `position: fixed`; its available height is given to CSS as `--csto-available-height` (the
 * card scrolls inside it), and it hides while its anchor is scrolled out of view.
 */
export function followAnchor(anchor: Anchor, panel: HTMLElement): () => void {
  const reference = referenceOf(anchor);
  let stopped = false;
  const place = () =>
    void computePosition(reference, panel, {
      strategy: 'fixed',
      placement: 'bottom-start',
      middleware: [
        offset(EDGE),
        flip({ padding: EDGE, fallbackPlacements: ['top-start', 'bottom-end', 'top-end'], fallbackStrategy: 'bestFit' }),
        // Sideways only: a panel too tall for either side gets shorter (size, below) and scrolls
        // inside, rather than be pushed over its word.
        shift({ padding: EDGE }),
        size({
          padding: EDGE,
          apply({ availableHeight, availableWidth, elements }) {
            elements.floating.style.setProperty('--csto-available-height', `${Math.max(MIN_HEIGHT, Math.floor(availableHeight))}px`);
            elements.floating.style.setProperty('--csto-available-width', `${Math.max(200, Math.floor(availableWidth))}px`);
          },
        }),
        hide({ strategy: 'referenceHidden' }),
      ],
    }).then(({ x, y, middlewareData }) => {
      if (stopped) return;
      panel.style.left = `${Math.round(x)}px`;
      panel.style.top = `${Math.round(y)}px`;
      panel.style.visibility = middlewareData.hide?.referenceHidden ? 'hidden' : 'visible';
      panel.dataset.placement = 'placed';
    });
  const stop = autoUpdate(reference, panel, place, { ancestorScroll: true, ancestorResize: true, elementResize: true, layoutShift: true });
  return () => {
    stopped = true;
    stop();
  };
}
