import { describe, expect, it } from 'vitest';
import { findPeople, personIdFor } from '../../../lib/nlp';
import { SEED_FORMS, mentionsFor } from './helpers';

describe('findPeople', () => {
  it.each<[string, string, { name: string; role: string | null }[]]>([
    [
      'Role: Name lines',
      'Plenipotentiary Representative of the Supreme Council of the Kyrgyz Republic: Shabdanbek Alishev\nWebsite of the Supreme Council: http://www.kenesh.kg/',
      [{ name: 'Shabdanbek Alishev', role: 'Plenipotentiary Representative of the Supreme Council of the Kyrgyz Republic' }],
    ],
    ['apposition with a role', 'The Russian side will be represented by Ambassador to Iran Levan Dzhagaryan.', [{ name: 'Levan Dzhagaryan', role: 'Ambassador to Iran' }]],
    ['compromise finds a plain name', 'Yesterday John Smith arrived in Moscow.', [{ name: 'John Smith', role: null }]],
    ['known mentions are skipped', 'Russian Foreign Minister Sergey Lavrov and Igor Petrishenko met.', []],
    ['headings and single words are junk', 'UPDATE - CSTO SHOULD FOCUS\n\nPresident spoke. Question: Why?', []],
  ])('%s', (_n, text, expected) => {
    const got = findPeople(text, mentionsFor(text, SEED_FORMS)).map((p) => ({ name: p.name, role: p.role }));
    expect(got).toEqual(expected);
  });

  it('gives offsets of the name and of the role', () => {
    const text = 'Plenipotentiary representative of the Federal Assembly: Mikhail Krotov';
    const [p] = findPeople(text, []);
    expect(text.slice(p!.start, p!.end)).toBe('Mikhail Krotov');
    expect(text.slice(p!.roleStart!, p!.roleEnd!)).toBe('Plenipotentiary representative of the Federal Assembly');
  });

  it.each<[string, string]>([
    ['Viktor Kogut', 'person:viktor-kogut'],
    ['Stanislav Zas', 'person:stanislav-zas'],
    ['José Müller-Lüdenscheidt', 'person:jose-muller-ludenscheidt'],
    ['Сергей Лавров', 'person:sergey-lavrov'],
    ["Dmitry O'Brien", 'person:dmitry-obrien'],
  ])('personIdFor(%s)', (name, id) => {
    expect(personIdFor(name)).toBe(id);
  });
});
