import { describe, expect, it } from 'vitest';
import type { CardFact } from '../../../lib/kb/card';
import { factKey, tidyFacts } from '../../../lib/kb/card-facts';

const src = (documentId: string) => ({ documentId, title: `Title ${documentId}`, outlet: 'TASS', date: '2021-01-01', datePrecision: 'day' as const });
const fact = (id: string, text: string, doc: string | null, kind = 'role'): CardFact => ({ id, kind, text, source: doc ? src(doc) : null, start: 0, end: text.length });
const LAVROV = ['Sergey Lavrov', 'Lavrov', 'Sergei Lavrov', 'Sergey Viktorovich Lavrov', 'Лавров*', 'Сергей Лавров'];

describe('tidyFacts', () => {
  it('one role stated by three articles is one fact with its other sources, read as the role', () => {
    const out = tidyFacts(
      [
        fact('a', 'Russian Foreign Minister Sergey Lavrov', 'd1'),
        fact('b', 'Russian Foreign Minister Sergey Lavrov', 'd2'),
        fact('c', 'Russian Foreign Minister Sergei Lavrov', 'd3'),
        fact('d', 'Foreign Minister Sergey Lavrov', 'd4'),
        fact('e', 'Minister of Foreign Affairs of the Russian Federation since 2004.', null, 'registry'),
      ],
      LAVROV,
    );
    expect(out.map((f) => [f.text, f.source?.documentId ?? null, f.also.map((s) => s.documentId)])).toEqual([
      ['Russian Foreign Minister', 'd1', ['d2', 'd3']],
      ['Foreign Minister', 'd4', []],
      ['Minister of Foreign Affairs of the Russian Federation since 2004.', null, []],
    ]);
  });

  it.each([
    ['Sergey Lavrov', true],
    ['Sergey Lavrov.', true],
    ['Lavrov', true],
    ['Lavrov visited Bishkek', false],
  ])('a fact that only names the entity is dropped: %j → dropped %s', (text, dropped) => {
    expect(tidyFacts([fact('x', text, 'd1', 'mention')], LAVROV).length).toBe(dropped ? 0 : 1);
  });

  it('the same sentence twice (two facts of one sentence) is shown once', () => {
    const s = 'Armenia, Belarus, Kazakhstan, Kyrgyzstan, Russia and Tajikistan are members of the CSTO.';
    expect(tidyFacts([fact('m1', s, 'd1', 'members'), fact('m2', `${s}`, 'd1', 'members')], ['CSTO']).length).toBe(1);
  });

  it('factKey ignores case, accents, punctuation and the names', () => {
    expect(factKey('Russian  Foreign Minister, Sergéy Lavrov!', LAVROV)).toBe('russian foreign minister');
  });
});
