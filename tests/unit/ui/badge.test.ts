import { describe, expect, it } from 'vitest';
import { badgeText } from '../../../lib/ui/badge';

describe('badgeText', () => {
  it.each([
    [{ entities: 0, mentions: 0, partial: false }, ''],
    [{ entities: 0, mentions: 0, partial: true }, '…'],
    [{ entities: 1, mentions: 1, partial: false }, '1'],
    [{ entities: 7, mentions: 40, partial: false }, '7'],
    [{ entities: 7, mentions: 40, partial: true }, '7+'],
    [{ entities: 999, mentions: 5000, partial: false }, '999'],
    [{ entities: 1000, mentions: 5000, partial: false }, '999'],
    [{ entities: 12345, mentions: 99999, partial: true }, '999+'],
  ])('%o → %j', (report, text) => {
    expect(badgeText(report)).toBe(text);
  });

  it('counts distinct entities, not mentions', () => {
    expect(badgeText({ entities: 3, mentions: 300, partial: false })).toBe('3');
  });

  it('fits the toolbar (at most four characters)', () => {
    for (let n = 0; n < 3000; n += 7) {
      for (const partial of [false, true]) expect(badgeText({ entities: n, mentions: n, partial }).length).toBeLessThanOrEqual(4);
    }
  });
});
