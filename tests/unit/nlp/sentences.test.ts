import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../../lib/nlp';

const split = (t: string): string[] => splitSentences(t).map((s) => t.slice(s.start, s.end));

describe('splitSentences', () => {
  it.each<[string, string, string[]]>([
    ['plain', 'One thing. Two things! Three?', ['One thing.', 'Two things!', 'Three?']],
    ['Mr. and Dr.', 'Mr. Zas met Dr. Smith. They talked.', ['Mr. Zas met Dr. Smith.', 'They talked.']],
    ['U.S. inside a sentence', 'The U.S. officials came. They left.', ['The U.S. officials came.', 'They left.']],
    ['U.S. at a sentence end', 'He went to the U.S. The trip was long.', ['He went to the U.S.', 'The trip was long.']],
    ['initials', 'J. R. Smith arrived. Then he left.', ['J. R. Smith arrived.', 'Then he left.']],
    ['abbreviated month', 'The meeting on Nov. 27 ended. It was long.', ['The meeting on Nov. 27 ended.', 'It was long.']],
    ['TASS dateline', 'MOSCOW, March 30. /TASS/. The CSTO is strong, he said.', ['MOSCOW, March 30. /TASS/. The CSTO is strong, he said.']],
    ['heading lines without punctuation', 'All news\n\nBig title here\n\nBody text. More.', ['All news', 'Big title here', 'Body text.', 'More.']],
    [
      'role line',
      'Delegation of X consists of 7 deputies.\nPlenipotentiary representative of the National Assembly: Viktor Kogut\nWebsite: http://house.gov.by/en/',
      ['Delegation of X consists of 7 deputies.', 'Plenipotentiary representative of the National Assembly: Viktor Kogut', 'Website: http://house.gov.by/en/'],
    ],
    ['bullet leftovers', '  • de-DE1 en-GB1\n\nText here.', ['de-DE1 en-GB1', 'Text here.']],
    ['quote with attribution stays one sentence', '"We will act," Lavrov said. "Now."', ['"We will act," Lavrov said.', '"Now."']],
    ['closing curly quote', '“It is clear.” He left.', ['“It is clear.”', 'He left.']],
    ['soft-wrapped line', 'This sentence is broken by a line break in the\nmiddle of it. Next one.', ['This sentence is broken by a line break in the\nmiddle of it.', 'Next one.']],
    ['Russian', 'Лавров прибыл в Бишкек. Встреча началась в 10 ч. утра.', ['Лавров прибыл в Бишкек.', 'Встреча началась в 10 ч. утра.']],
    ['decimal numbers', 'Growth was 2.5 percent. Fine.', ['Growth was 2.5 percent.', 'Fine.']],
  ])('%s', (_name, text, expected) => {
    expect(split(text)).toEqual(expected);
  });

  it('gives UTF-16 offsets with consecutive indexes', () => {
    const t = 'Первое «предложение». Second 😀 one.';
    const s = splitSentences(t);
    expect(s.map((x) => x.index)).toEqual([0, 1]);
    expect(t.slice(s[1]!.start, s[1]!.end)).toBe('Second 😀 one.');
  });
});
