import { describe, expect, it } from 'vitest';
import { extractFacts, extractStatementsFor, findPeople, splitSentences } from '../../../lib/nlp';

describe('degenerate inputs', () => {
  it.each<[string, string]>([
    ['empty', ''],
    ['whitespace', ' \n\n \u00a0 '],
    ['lone quote marks', '" “ « „ ” »'],
    ['unclosed quote', '"We will never stop, he said'],
  ])('%s does not throw', (_n, text) => {
    const s = splitSentences(text);
    expect(() => extractStatementsFor(text, s, [], new Map())).not.toThrow();
    expect(() => extractFacts(text, s, [], new Map())).not.toThrow();
    expect(() => findPeople(text, [])).not.toThrow();
  });
});
