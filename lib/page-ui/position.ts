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
