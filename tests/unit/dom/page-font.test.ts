// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CARD_FONT_MIN, readableFontSize } from '../../../lib/dom/page-font';

afterEach(() => {
  document.body.innerHTML = '';
  document.head.innerHTML = '';
});

describe('the card text size (14.10)', () => {
  it('follows the article paragraphs, within 14-16 px', () => {
    document.head.innerHTML = '<style>body{font-size:12px} article p{font-size:15px}</style>';
    document.body.innerHTML = '<p>intro</p><article><p>body</p></article>';
    expect(readableFontSize(document)).toBe(15);
    document.head.innerHTML = '<style>body{font-size:11px}</style>';
    expect(readableFontSize(document)).toBe(CARD_FONT_MIN);
    document.head.innerHTML = '<style>p{font-size:26px}</style>';
    expect(readableFontSize(document)).toBe(16);
  });

  it('the page UI stylesheet sizes every text relative to that base, never in fixed pixels', () => {
    const css = readFileSync(join(process.cwd(), 'components/page-ui.css'), 'utf8');
    expect(css).toMatch(/font: var\(--csto-font-size, 14px\)/);
    const sizes = [...css.matchAll(/font-size:\s*([^;}]+)/g)].map((m) => m[1]!.trim());
    expect(sizes.length).toBeGreaterThan(5);
    for (const size of sizes) expect(size).toMatch(/^[\d.]+em$/);
    // no label below 12 px at the smallest base
    for (const size of sizes) expect(parseFloat(size) * CARD_FONT_MIN).toBeGreaterThanOrEqual(11.9);
  });
});
