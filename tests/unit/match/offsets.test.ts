import { describe, expect, it } from 'vitest';
import { alias, buildMatcher } from './helpers';

const m = buildMatcher([
  alias('CSTO', 'org:csto', { cs: true }),
  alias('ОДКБ', 'org:csto', { cs: true }),
  alias('Collective Security Treaty Organization', 'org:csto'),
  alias('Лавров*', 'person:lavrov'),
]);

describe('offsets are UTF-16 offsets into the original string', () => {
  it.each([
    ['plain', 'CSTO', 0, 4],
    ['after an emoji', '🙂 CSTO', 3, 7],
    ['after a flag (two astral units)', '🇷🇺🇰🇿 ОДКБ', 9, 13],
    ['after an astral letter', '𝐀𝐁 CSTO', 5, 9],
    ['after a ZWJ emoji sequence', '👩‍👩‍👧 CSTO', 9, 13],
    ['after soft hyphens and NFKC expansions', 'ﬁ\u00ad\u00ad ＣＳＴＯ', 4, 8],
    ['after collapsed whitespace', 'a  \n\t  CSTO', 7, 11],
    ['after a stress mark', 'Ла́ва CSTO', 6, 10],
    ['after a hyphenation break', 'Organi-\n zation CSTO', 16, 20],
    ['declined form after an emoji', '🙂Лавровым', 2, 10],
    ['name with an emoji inside the line breaks', '🙂 Collective Security\n\nTreaty Organization', 3, 43],
  ])('%s', (_name, text, start, end) => {
    const spans = m.scan(text);
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatchObject({ start, end, text: text.slice(start, end) });
  });

  it('many matches in a long mixed text keep text === input.slice(start, end)', () => {
    const piece = '🙂 CSTO’s Лавровым ＣＳＴＯ Col\u00adlective\u00a0Security Treaty Organi-\nzation. ';
    const text = piece.repeat(200);
    const spans = m.scan(text);
    expect(spans).toHaveLength(800);
    for (const s of spans) expect(s.text).toBe(text.slice(s.start, s.end));
    expect(spans.slice(0, 4).map((s) => s.text)).toEqual([
      'CSTO',
      'Лавровым',
      'ＣＳＴＯ',
      'Col\u00adlective\u00a0Security Treaty Organi-\nzation',
    ]);
  });

  it('scans are independent (scratch state is reset)', () => {
    expect(m.scan('CSTO').map((s) => s.start)).toEqual([0]);
    expect(m.scan('xx CSTO').map((s) => s.start)).toEqual([3]);
    expect(m.scan('')).toEqual([]);
  });
});
