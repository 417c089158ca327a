import { describe, expect, it } from 'vitest';
import { alias, buildMatcher, found } from './helpers';

const m = buildMatcher([
  alias('Лавров*', 'person:lavrov'),
  alias('Организаци* Договора о коллективной безопасности', 'org:csto'),
  alias('Договор* о коллективн* безопасност*', 'document:treaty'),
  alias('Казахстан*', 'country:kazakhstan'),
  alias('ОДКБ', 'org:csto', { cs: true }),
  alias('Pashinyan*', 'person:pashinyan'),
]);

describe('"*": Russian declension', () => {
  it.each([
    ['nominative (0 letters)', 'Сергей Лавров', [['Лавров', 'person:lavrov']]],
    ['genitive', 'слова Лаврова', [['Лаврова', 'person:lavrov']]],
    ['dative', 'Лаврову', [['Лаврову', 'person:lavrov']]],
    ['instrumental', 'с Лавровым', [['Лавровым', 'person:lavrov']]],
    ['plural instrumental (3 letters)', 'Лавровыми', [['Лавровыми', 'person:lavrov']]],
    ['more than 4 letters is another word', 'Лавровскими', []],
    ['a Latin letter does not extend a Cyrillic word', 'Лавровa', []],
    ['a digit does not extend it either', 'Лавров2', []],
    ['star in the first word', 'Организации Договора о коллективной безопасности', [['Организации Договора о коллективной безопасности', 'org:csto']]],
    ['star in the first word, instrumental', 'Организацией Договора о коллективной безопасности', [['Организацией Договора о коллективной безопасности', 'org:csto']]],
    ['star, 0 letters in a middle word', 'Организаци Договора о коллективной безопасности', [['Организаци Договора о коллективной безопасности', 'org:csto']]],
    ['star does not swallow the space', 'Организация Договора о коллективной безопасностью', [['Договора о коллективной безопасностью', 'document:treaty']]],
    ['stars on several words', 'Договором о коллективной безопасности', [['Договором о коллективной безопасности', 'document:treaty']]],
    ['several words declined', 'Договоре о коллективных безопасностях', [['Договоре о коллективных безопасностях', 'document:treaty']]],
    ['star in a Latin alias', "Pashinyan's and Pashinyans", [['Pashinyan', 'person:pashinyan'], ['Pashinyans', 'person:pashinyan']]],
    ['case-insensitive with ё folding', 'КАЗАХСТАНОМ и казахстанцам', [['КАЗАХСТАНОМ', 'country:kazakhstan'], ['казахстанцам', 'country:kazakhstan']]],
    ['stress mark inside a declined form', 'Ла́врову', [['Ла́врову', 'person:lavrov']]],
    ['soft hyphen inside the ending', 'Лавро\u00adвым', [['Лавро\u00adвым', 'person:lavrov']]],
  ])('%s', (_name, text, want) => {
    expect(found(m, text)).toEqual(want);
  });

  it('a "*" that does not end a word is literal', () => {
    const m2 = buildMatcher([alias('A*B', 'x:literal'), alias('*', 'x:star')]);
    expect(found(m2, 'A*B AB AxB *')).toEqual([['A*B', 'x:literal'], ['*', 'x:star']]);
  });
});
