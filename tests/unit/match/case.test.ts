import { describe, expect, it } from 'vitest';
import { alias, buildMatcher, found } from './helpers';

const m = buildMatcher([
  alias('CSTO', 'org:csto', { cs: true }),
  alias('Collective Security Treaty Organization', 'org:csto'),
  alias('Channel', 'op:channel', { cs: true }),
  alias('Сергей Шойгу', 'person:shoigu'),
  alias('Пётр', 'person:pyotr'),
  alias('Armenia', 'country:armenia'),
  alias('Office', 'body:office'),
  alias('Zürich', 'place:zurich'),
]);

describe('case rules and Unicode normalization', () => {
  it.each([
    ['case-sensitive: exact case', 'CSTO', [['CSTO', 'org:csto']]],
    ['case-sensitive: lower case is not it', 'csto Csto cStO', []],
    ['case-sensitive capitalized form', 'Channel vs channel', [['Channel', 'op:channel']]],
    ['case-insensitive: any case', 'COLLECTIVE SECURITY TREATY ORGANIZATION', [['COLLECTIVE SECURITY TREATY ORGANIZATION', 'org:csto']]],
    ['case-insensitive: mixed case', 'collective Security treaty organization', [['collective Security treaty organization', 'org:csto']]],
    ['case-insensitive Cyrillic', 'СЕРГЕЙ ШОЙГУ', [['СЕРГЕЙ ШОЙГУ', 'person:shoigu']]],
    ['NFKC: fullwidth acronym', 'ＣＳＴＯ', [['ＣＳＴＯ', 'org:csto']]],
    ['NFKC: ligature inside a name', 'the Oﬃce said', [['Oﬃce', 'body:office']]],
    ['NFKC: decomposed accent vs precomposed alias', 'Zu\u0308rich', [['Zu\u0308rich', 'place:zurich']]],
    ['an accent is not ignored', 'Arménia', []],
    ['ё in the alias, е in the text', 'Петр сказал', [['Петр', 'person:pyotr']]],
    ['ё in the text and alias', 'Пётр сказал', [['Пётр', 'person:pyotr']]],
    ['Ё capitalized', 'ПЁТР', [['ПЁТР', 'person:pyotr']]],
    ['length-changing case maps leave offsets intact', 'İİ Armenia', [['Armenia', 'country:armenia']]],
  ])('%s', (_name, text, want) => {
    expect(found(m, text)).toEqual(want);
  });

  it('е in the alias also matches ё in the text', () => {
    const m2 = buildMatcher([alias('Семенов', 'person:semenov')]);
    expect(found(m2, 'Семёнов')).toEqual([['Семёнов', 'person:semenov']]);
  });
});
