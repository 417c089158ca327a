import { describe, expect, it } from 'vitest';
import { isAcronym } from '../../../lib/match';

describe('isAcronym', () => {
  it.each([
    ['CSTO', true],
    ['UN', true],
    ['ОДКБ', true],
    ['ООН', true],
    ['G7', true],
    ['CSTO PA', true],
    ['U.N.', true],
    ['ОДКБ-2023', true],
    ['ＣＳＴＯ', true],
    ['A', false],
    ['2023', false],
    ['Csto', false],
    ['Лавров', false],
    ['CSTO’s', false],
    ['ΝΑΤΟ', false], // Greek capitals
    ['', false],
    ['CSTO  PA', false],
  ])('%s → %s', (text, want) => {
    expect(isAcronym(text)).toBe(want);
  });
});
