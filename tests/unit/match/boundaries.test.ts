import { describe, expect, it } from 'vitest';
import { alias, buildMatcher, texts } from './helpers';

const m = buildMatcher([
  alias('CSTO', 'org:csto', { cs: true }),
  alias('UN', 'org:un', { cs: true }),
  alias('Russia', 'country:russia'),
  alias('ОДКБ', 'org:csto', { cs: true }),
  alias('Россия', 'country:russia'),
  alias('Rubezh 2024', 'exercise:rubezh-2024'),
  alias('G7', 'group:g7', { cs: true }),
]);

describe('word boundaries', () => {
  it.each([
    ['Latin: whole word', 'The CSTO met.', ['CSTO']],
    ['Latin: plural is another word', 'Two CSTOs met.', []],
    ['Latin: inside a longer acronym', 'UNDP and UNESCO', []],
    ['Latin: case-sensitive acronym vs a word', 'Unity and unity, un-', []],
    ['Latin: UN alone', 'the UN said', ['UN']],
    ['Latin: demonym is another word', 'Russian troops', []],
    ['Latin: name at both ends of the text', 'Russia', ['Russia']],
    ['Latin: followed by punctuation', '(Russia), Russia. Russia!', ['Russia', 'Russia', 'Russia']],
    ['Latin: preceded by letters', 'antiRussia proRussia', []],
    ['Latin: after a hyphen', 'CSTO-led and pro-Russia', ['CSTO', 'Russia']],
    ['Latin: French elision', "l'UN", ['UN']],
    ['Cyrillic: whole word', 'Саммит ОДКБ прошёл', ['ОДКБ']],
    ['Cyrillic: inside a longer word', 'ОДКБшный', []],
    ['Cyrillic: followed by a Latin letter', 'ОДКБx', []],
    ['Cyrillic: case form is another word', 'в Россию, Россией', []],
    ['Cyrillic: nominative', 'Россия и ОДКБ', ['Россия', 'ОДКБ']],
    ['digits: glued digits continue the word', 'UN2 CSTO1', []],
    ['digits: alias ending in a digit', 'G7 and G77 and G7-led', ['G7', 'G7']],
    ['digits: years are whole', 'Rubezh 20245 or Rubezh 2024.', ['Rubezh 2024']],
    ['digits: preceded by a digit', '1CSTO 2UN', []],
  ])('%s', (_name, text, want) => {
    expect(texts(m, text)).toEqual(want);
  });
});
