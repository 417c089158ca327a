import { describe, expect, it } from 'vitest';
import { LAVROV, statementsOf } from './helpers';

const L = LAVROV.id;

const TRANSCRIPT = [
  '12 May 202110:00',
  '',
  'Foreign Minister Sergey Lavrov’s remarks and answers to questions at a news conference, Moscow',
  '',
  'I would like to thank our CSTO partners for the good work we did today together.',
  '',
  'We agreed on a list of joint statements for the coming year at the UN.',
  '',
  'Question: Will the CSTO take in new members in the near future?',
  '',
  'Sergey Lavrov: The CSTO is open to cooperation with all countries.',
  '',
  'Our Serbian colleagues take part as observers, and they are welcome.',
  '',
  'Question: What about Afghanistan?',
  '',
  'Is the border safe?',
  '',
  'Sergey Lavrov: We are watching the situation closely, as always.',
  '',
  'Showing 1 result.',
  '',
  'Advanced settings',
].join('\n');

describe('question-and-answer transcripts', () => {
  const st = statementsOf(TRANSCRIPT);

  it.each<[number, string, string]>([
    [0, 'quote', 'I would like to thank our CSTO partners for the good work we did today together.'],
    [1, 'quote', 'We agreed on a list of joint statements for the coming year at the UN.'],
    [2, 'answer', 'The CSTO is open to cooperation with all countries.\nOur Serbian colleagues take part as observers, and they are welcome.'],
    [3, 'answer', 'We are watching the situation closely, as always.'],
  ])('statement %i is a %s by the main speaker', (i, kind, text) => {
    const s = st[i]!;
    expect(s.kind).toBe(kind);
    expect(s.text).toBe(text);
    expect(s.speakerId).toBe(L);
    expect(s.speakerMention).toBe('Sergey Lavrov');
  });

  it('has no statements for the questions nor for capture leftovers', () => {
    expect(st).toHaveLength(4);
    expect(st.some((s) => /Question|Showing|Advanced/.test(s.text))).toBe(false);
  });

  it.each<[string, string, number, string | null]>([
    ['answer labels with "Answer:"', 'Lavrov’s answers to questions\n\nQuestion: Why?\n\nAnswer: Because the CSTO is strong and we all know it.', 1, L],
    ['an ordinary article is no transcript', 'Lavrov met Zas.\n\nThe CSTO is strong: everybody knows it.', 0, null],
  ])('%s', (_n, text, n, speaker) => {
    const s = statementsOf(text);
    expect(s).toHaveLength(n);
    if (n) expect(s[s.length - 1]!.speakerId).toBe(speaker);
  });
});
