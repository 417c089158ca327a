// Light or dark, from the page's own computed background (not the system's setting: a dark news
// page on a light system needs dark-page tints), and a watch for pages that switch theme.
// Content-script code: DOM only, no dependencies.

import { luminance } from '../ui/color';

export type PageTheme = 'light' | 'dark';

type Rgba = [r: number, g: number, b: number, a: number];

/** A computed colour ("rgb(1, 2, 3)", "rgba(1, 2, 3, 0.5)", "rgb(1 2 3 / 50%)") as numbers; null if unknown. */
export function parseCssColor(value: string): Rgba | null {
  const m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:\s*[,/]\s*([\d.]+)(%?))?\s*\)$/.exec(value.trim());
  if (!m) return value.trim() === 'transparent' ? [0, 0, 0, 0] : null;
  const a = m[4] === undefined ? 1 : Number(m[4]) / (m[5] ? 100 : 1);
  return [Number(m[1]), Number(m[2]), Number(m[3]), a];
}

/** Below this luminance a background is dark: where black and white text have the same contrast. */
const DARK_BELOW = 0.179;

/** The element the page's article sits in, if it says so (main, [role=main], a single article). */
function readingArea(doc: Document): Element | null {
  const main = doc.querySelector('main, [role="main"]');
  if (main) return main;
  const articles = doc.getElementsByTagName('article');
  return articles.length === 1 ? articles[0]! : null;
}

/**
 * The page's background colour where the reader reads: the first opaque computed background
 * from the article's container (main, a single article) up to the root, else from the body up.
 * Null when nothing on the way paints one (the canvas is then the browser's default).
 */
export function pageBackground(doc: Document): [number, number, number] | null {
  const win = doc.defaultView;
  if (!win) return null;
  const from = readingArea(doc) ?? doc.body ?? doc.documentElement;
  for (let el: Element | null = from; el; el = el.parentElement) {
    let bg: Rgba | null;
    try {
      bg = parseCssColor(win.getComputedStyle(el).backgroundColor);
    } catch {
      bg = null;
    }
    if (bg && bg[3] > 0.5) return [bg[0], bg[1], bg[2]];
  }
  return null;
}

/** Light or dark, from the page's own background; the system's preference only when the page paints none. */
export function pageTheme(doc: Document): PageTheme {
  const bg = pageBackground(doc);
  if (bg) return luminance(bg) < DARK_BELOW ? 'dark' : 'light';
  // No background anywhere: the canvas follows the page's color-scheme, else white.
  const win = doc.defaultView;
  const scheme = doc.documentElement ? win?.getComputedStyle(doc.documentElement).colorScheme ?? '' : '';
  if (/\bdark\b/.test(scheme) && !/\blight\b/.test(scheme)) return 'dark';
  if (/\bdark\b/.test(scheme) && win?.matchMedia?.('(prefers-color-scheme: dark)').matches) return 'dark';
  return 'light';
}

/**
 * Calls `onChange` with the page's theme whenever it changes: a page switches theme by a class,
 * attribute or style on its root or body (a MutationObserver on those two elements' attributes
 * only, cheap), or by following the system's setting (a media query). Ends with `signal`.
 */
export function watchPageTheme(doc: Document, onChange: (theme: PageTheme) => void, signal: AbortSignal): PageTheme {
  let current = pageTheme(doc);
  const check = () => {
    if (signal.aborted) return;
    const next = pageTheme(doc);
    if (next === current) return;
    current = next;
    onChange(next);
  };
  const win = doc.defaultView;
  const Observer = (win as { MutationObserver?: typeof MutationObserver } | null)?.MutationObserver ?? globalThis.MutationObserver;
  let pending = false;
  // Coalesced into one check a frame: a theme switch often sets several attributes.
  const schedule = () => {
    if (pending) return;
    pending = true;
    const run = () => {
      pending = false;
      check();
    };
    if (win?.requestAnimationFrame) win.requestAnimationFrame(run);
    else setTimeout(run, 16);
  };
  const observer = Observer ? new Observer(schedule) : null;
  const watchEl = (el: Element | null) => el && observer?.observe(el, { attributes: true });
  watchEl(doc.documentElement);
  watchEl(doc.body);
  // A body added after the script started (or swapped in) is watched too.
  const rootChildren = Observer && doc.documentElement ? new Observer(() => {
    watchEl(doc.body);
    schedule();
  }) : null;
  if (doc.documentElement) rootChildren?.observe(doc.documentElement, { childList: true });
  const media = win?.matchMedia?.('(prefers-color-scheme: dark)');
  media?.addEventListener?.('change', schedule, { signal });
  signal.addEventListener(
    'abort',
    () => {
      observer?.disconnect();
      rootChildren?.disconnect();
    },
    { once: true },
  );
  return current;
}
