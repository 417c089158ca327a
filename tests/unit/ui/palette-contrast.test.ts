import { describe, expect, it } from 'vitest';
import { MARK_TINT_ALPHA } from '../../../lib/dom/highlight-styles';
import { ENTITY_TYPES } from '../../../lib/model/types';
import { blend, contrastRatio, deltaEOK, hexRgb, type Rgb } from '../../../lib/ui/color';
import { ENTITY_PALETTE, ENTITY_TINT_ALPHA, NOTE_INK, NOTE_PALETTE } from '../../../lib/ui/palette';

// Issue 14.4 and 14.9: highlighted text stays readable (WCAG AA, 4.5:1) on light and dark pages,
// the tints are visible on both (the bug: light-page tints on a dark page, barely there), and a
// note is never taken for an entity.

/** Typical pages: background, body text, and which variant the page's theme picks. */
const PAGES: { name: string; bg: Rgb; text: Rgb; theme: 'light' | 'dark' }[] = [
  { name: 'white', bg: hexRgb('#ffffff'), text: hexRgb('#1a1a1a'), theme: 'light' },
  { name: 'cream', bg: hexRgb('#f4f1ea'), text: hexRgb('#333333'), theme: 'light' },
  { name: 'near black', bg: hexRgb('#121212'), text: hexRgb('#e6e6e6'), theme: 'dark' },
  { name: 'slate', bg: hexRgb('#1e293b'), text: hexRgb('#cbd5e1'), theme: 'dark' },
];
const AA = 4.5;
/** ΔE_OK: about 0.02 is a just noticeable difference. */
const VISIBLE = 0.08;
const APART = 0.12;

const variant = (type: (typeof ENTITY_TYPES)[number], theme: 'light' | 'dark') => hexRgb(ENTITY_PALETTE[type][theme === 'light' ? 0 : 1]);
const tintOn = (type: (typeof ENTITY_TYPES)[number], page: (typeof PAGES)[number], alpha: number = ENTITY_TINT_ALPHA[page.theme]) => blend(variant(type, page.theme), alpha, page.bg);

describe.each(PAGES.map((p) => [p.name, p] as const))('on a %s page', (_name, page) => {
  it.each(ENTITY_TYPES.map((t) => [t]))('%s: the page text over the tint (highlight and mark) is AA, and the tint is visible', (type) => {
    for (const alpha of [ENTITY_TINT_ALPHA[page.theme], MARK_TINT_ALPHA[page.theme]]) {
      expect(contrastRatio(page.text, tintOn(type, page, alpha))).toBeGreaterThanOrEqual(AA);
    }
    expect(deltaEOK(tintOn(type, page), page.bg)).toBeGreaterThanOrEqual(VISIBLE);
  });

  it.each(Object.entries(NOTE_PALETTE))('note %s: its ink is AA on its fill, and the fill is far from every entity tint', (_c, fill) => {
    expect(contrastRatio(hexRgb(NOTE_INK), hexRgb(fill))).toBeGreaterThanOrEqual(AA);
    for (const type of ENTITY_TYPES) expect(deltaEOK(hexRgb(fill), tintOn(type, page)), type).toBeGreaterThanOrEqual(APART);
  });
});

describe('the check can fail', () => {
  it('light-page tints on a dark page (the old behaviour) are too faint for it', () => {
    const page = PAGES[2]!;
    const faint = ENTITY_TYPES.filter((t) => deltaEOK(blend(variant(t, 'light'), ENTITY_TINT_ALPHA.light, page.bg), page.bg) < VISIBLE);
    expect(faint.length).toBeGreaterThan(0);
  });

  it('the old half-transparent notes were as close to entity tints as an entity to another', () => {
    const page = PAGES[0]!;
    const oldPurple = blend(hexRgb('#c084fc'), 0.5, page.bg);
    expect(Math.min(...ENTITY_TYPES.map((t) => deltaEOK(oldPurple, tintOn(t, page))))).toBeLessThan(APART);
  });

  it('contrast of black on white is 21, of a colour with itself 1', () => {
    expect(contrastRatio([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 5);
    expect(contrastRatio([120, 40, 200], [120, 40, 200])).toBe(1);
    expect(deltaEOK([0, 0, 0], [255, 255, 255])).toBeCloseTo(1, 2);
  });
});
