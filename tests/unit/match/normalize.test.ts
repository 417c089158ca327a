import { describe, expect, it } from 'vitest';
import { foldForMatching } from '../../../lib/match';
import { HBR } from '../../../lib/match/normalize';

const folded = (s: string) => String.fromCharCode(...foldForMatching(s).folded);
const cased = (s: string) => String.fromCharCode(...foldForMatching(s).cased);

describe('foldForMatching: the stream', () => {
  it.each([
    ['runs of whitespace collapse', 'a \t\n  b', 'a b'],
    ['NBSP and narrow NBSP are spaces', 'a\u00a0b\u202fc', 'a b c'],
    ['hyphens and dashes read as a space', 'Interaction-2023 — CSTO–led', 'interaction 2023 csto led'],
    ['soft hyphen vanishes', 'Orga\u00adnization', 'organization'],
    ['zero-width joiners vanish', 'CS\u200dTO', 'csto'],
    ['curly apostrophes become straight', 'd’Ivoire d‘x dʼy', "d'ivoire d'x d'y"],
    ['double quotes unify', '«Канал» “Channel” „x“', '"канал" "channel" "x"'],
    ['NFKC: fullwidth and ligatures', 'ＣＳＴＯ ﬁle', 'csto file'],
    ['ё folds to е', 'Ёлка ещё', 'елка еще'],
    ['stress marks are dropped', 'Ла́вров', 'лавров'],
    ['decomposed accents compose', 'Co\u0302te', 'côte'],
  ])('%s', (_name, input, want) => {
    expect(folded(input)).toBe(want);
  });

  it('keeps case in the cased stream (ё folded there too)', () => {
    expect(cased('CSTO Ёж')).toBe('CSTO Еж');
  });

  it('marks a line-break hyphenation between letters', () => {
    const t = foldForMatching('Organi-\n  zation');
    expect(Array.from(t.folded)).toContain(HBR);
    expect(t.length).toBe('organi'.length + 1 + 'zation'.length);
  });

  it('a soft hyphen at a line break is a hyphenation too', () => {
    expect(Array.from(foldForMatching('Organi\u00ad\nzation').folded)).toContain(HBR);
  });

  it.each([
    ['the marker code unit itself in the input', 'Organi\ue000zation'],
    ['a hyphen before digits', 'CSTO-\n2023'],
    ['a hyphen without a line break', 'anti-drug'],
    ['a hyphen after a space', 'word -\nword'],
  ])('no hyphenation mark for %s', (_name, input) => {
    expect(Array.from(foldForMatching(input).folded)).not.toContain(HBR);
  });
});

describe('foldForMatching: the offset map', () => {
  it('maps every unit back to its original range', () => {
    const input = '🙂 ﬁ  Ла́в\u00adров';
    const t = foldForMatching(input);
    const pieces = Array.from({ length: t.length }, (_, i) => input.slice(t.starts[i], t.ends[i]));
    expect(pieces).toEqual(['🙂', '🙂', ' ', 'ﬁ', 'ﬁ', '  ', 'Л', 'а́', 'в', 'р', 'о', 'в']);
  });

  it('folded and cased have the same length', () => {
    const t = foldForMatching('İstanbul ΣΟΦΙΑ Straße');
    expect(t.folded.length).toBe(t.cased.length);
  });
});
