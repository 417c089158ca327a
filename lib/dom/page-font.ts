// The card's text size follows the page's (issue 14.10): the size of the article's paragraphs, or the
// body's, kept between 14 and 16 px so a card stays readable on a small-print page and compact on a
// large-print one. Content-script code: DOM only.

export const CARD_FONT_MIN = 14;
export const CARD_FONT_MAX = 16;

/** The page's reading size in px, clamped to [CARD_FONT_MIN, CARD_FONT_MAX]. */
export function readableFontSize(doc: Document): number {
  const win = doc.defaultView;
  const sample = doc.querySelector('article p, main p, [role="main"] p') ?? doc.querySelector('p') ?? doc.body;
  let px = NaN;
  try {
    if (sample && win) px = parseFloat(win.getComputedStyle(sample).fontSize);
  } catch {
    /* no style: the minimum */
  }
  if (!Number.isFinite(px)) px = CARD_FONT_MIN;
  return Math.min(CARD_FONT_MAX, Math.max(CARD_FONT_MIN, Math.round(px)));
}
