// Highlights by keyboard (WAI APG toolbar pattern, over the page's text). Accessible (wrap) mode:
// every mention's first mark is focusable (tabindex -1) and exactly one is in the tab order
// (tabindex 0, a roving tab stop): Tab reaches the highlights once, the arrow keys (and Home,
// End) move among them, Enter or Space opens the card. Highlight API mode has no element to
// focus: the "next / previous highlight" commands move a focus highlight and open the card.
import { MARK_TAG } from '../dom/highlight-styles';
import { highlightEnv } from '../dom/paint-highlight-api';

/** The focus highlight's name in CSS.highlights (styled by the highlighter's sheet, lib/dom/highlight-styles.ts). */
export const FOCUS_HIGHLIGHT = 'csto-lens-focus';

/** Highlight API mode: draws the keyboard's place over `range` (one Highlight of its own, replaced at each move, above the others). */
export function showFocusRing(doc: Document, range: Range): void {
  const env = highlightEnv(doc);
  if (!env) return;
  const hl = new env.Highlight(range.cloneRange());
  hl.priority = 100;
  env.registry.set(FOCUS_HIGHLIGHT, hl);
}

export function clearFocusRing(doc: Document): void {
  highlightEnv(doc)?.registry.delete(FOCUS_HIGHLIGHT);
}

/** What a screen reader says a mention is, after its text ("organization, CSTO Lens"). */
export function entityLabel(type: string): string {
  return `${type}, CSTO Lens`;
}

const STOPS = `${MARK_TAG}[tabindex]`;

/** Makes sure one focusable mark is in the tab order (the first on the page, unless one already is). */
export function rovingStop(doc: Document): void {
  if (doc.querySelector(`${MARK_TAG}[tabindex="0"]`)) return;
  doc.querySelector(STOPS)?.setAttribute('tabindex', '0');
}

/** Moves the tab stop to `mark` and focuses it. */
export function moveRovingStop(doc: Document, mark: HTMLElement): void {
  for (const m of doc.querySelectorAll(`${MARK_TAG}[tabindex="0"]`)) if (m !== mark) m.setAttribute('tabindex', '-1');
  mark.setAttribute('tabindex', '0');
  mark.focus();
}

/** Arrow keys, Home and End among the marks; Enter or Space opens the focused mark's card. Only the reader's keys. */
export function watchHighlightKeys(doc: Document, signal: AbortSignal, open: (mark: HTMLElement) => void): void {
  doc.addEventListener(
    'keydown',
    (e) => {
      if (!e.isTrusted || e.altKey || e.ctrlKey || e.metaKey) return;
      const mark = e.target instanceof Element ? (e.target.closest(STOPS) as HTMLElement | null) : null;
      if (!mark || mark !== e.target) return;
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        open(mark);
        return;
      }
      const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1, Home: -Infinity, End: Infinity }[e.key];
      if (step === undefined) return;
      e.preventDefault();
      const all = [...doc.querySelectorAll<HTMLElement>(STOPS)];
      const at = all.indexOf(mark);
      const to = step === -Infinity ? 0 : step === Infinity ? all.length - 1 : (at + step + all.length) % all.length;
      const next = all[to];
      if (next) moveRovingStop(doc, next);
    },
    { signal },
  );
}
