// Focus inside the page UI's panels (the WAI APG dialog pattern): which controls take the focus, in order.

const FOCUSABLE = 'button, a[href], input, textarea, select, [tabindex]:not([tabindex="-1"])';

/** The controls of `root` that Tab reaches, in document order (disabled and hidden ones left out). */
export function focusables(root: Element): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => !(el as HTMLButtonElement).disabled && el.getAttribute('aria-hidden') !== 'true' && el.getClientRects().length > 0,
  );
}

/** The element that has the focus inside `el`'s tree (a shadow root's own, not its host). */
export function activeIn(el: Element): Element | null {
  const root = el.getRootNode() as Document | ShadowRoot;
  return root.activeElement;
}
