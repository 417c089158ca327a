import type { RectLike } from './bridge';

// Where a floating panel goes: next to the anchor, never over it, inside the viewport.

export interface Size {
  width: number;
  height: number;
}

export function placeNear(anchor: RectLike, panel: Size, viewport: Size, gap = 8): { top: number; left: number } {
  const margin = 8;
  const left = Math.min(Math.max(margin, anchor.left), Math.max(margin, viewport.width - panel.width - margin));
  const below = anchor.bottom + gap;
  const above = anchor.top - gap - panel.height;
  if (below + panel.height <= viewport.height - margin) return { top: below, left };
  if (above >= margin) return { top: above, left };
  // Neither fits: the side with more room, kept clear of the anchor's line.
  const roomBelow = viewport.height - below;
  const roomAbove = anchor.top - gap;
  return roomBelow >= roomAbove ? { top: below, left } : { top: Math.max(margin, above), left };
}

/** Light or dark, from the page's own background (falling back to the system's preference). */
export function pageTheme(doc: Document): 'light' | 'dark' {
  const win = doc.defaultView;
  for (let el: Element | null = doc.body; el; el = el.parentElement) {
    const bg = win?.getComputedStyle(el).backgroundColor ?? '';
    const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?\)/.exec(bg);
    if (m && (m[4] === undefined || Number(m[4]) > 0.5)) {
      const [r, g, b] = [Number(m[1]), Number(m[2]), Number(m[3])];
      return 0.2126 * r + 0.7152 * g + 0.0722 * b < 110 ? 'dark' : 'light';
    }
  }
  return win?.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}
