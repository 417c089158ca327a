import { describe, expect, it } from 'vitest';
import { findQuotePieces } from '../../../lib/nlp';
import { LAVROV, PETRISHENKO, ZAS, brief, statementsOf } from './helpers';

const L = LAVROV.id;
const Z = ZAS.id;
const P = PETRISHENKO.id;
type Exp = { kind: string; speakerId: string | null; speakerMention: string | null; text: string };
const q = (speakerId: string | null, speakerMention: string | null, text: string): Exp => ({ kind: 'quote', speakerId, speakerMention, text });

describe('direct quotations', () => {
  it.each<[string, string, Exp[]]>([
    ['straight quotes, name after', '"We will act together," Lavrov said.', [q(L, 'Lavrov', 'We will act together')]],
    ['curly quotes, inverted attribution', '“The CSTO is ready to help,” said Mr Lavrov.', [q(L, 'Mr Lavrov', 'The CSTO is ready to help')]],
    [
      'quote split by attribution inside a sentence',
      'Sergey Lavrov spoke after the meeting. "We will act," he said, "and we will not wait for anyone."',
      [q(L, 'he', 'We will act and we will not wait for anyone.')],
    ],
    [
      'quote continued in the next sentence without its own attribution',
      'Lavrov spoke. "It is obvious that terrorism is a threat," the Russian top diplomat noted. "For our part, we will use all tools."',
      [q(L, 'the Russian top diplomat', 'It is obvious that terrorism is a threat. For our part, we will use all tools.')],
    ],
    [
      'two quotes, each with its own attribution, stay two statements',
      '"Our country considers the CSTO important," Petrishenko said. "The anti-terrorist vector requires attention," he added.',
      [q(P, 'Petrishenko', 'Our country considers the CSTO important'), q(P, 'he', 'The anti-terrorist vector requires attention')],
    ],
    [
      'nested quotes stay inside the outer quote',
      '“They call the operation “a failure”, but it is not,” Lavrov said.',
      [q(L, 'Lavrov', 'They call the operation “a failure”, but it is not')],
    ],
    [
      'nested «» inside “”',
      '“The plan «Channel» works well for all of us,” Mr Zas said.',
      [q(Z, 'Mr Zas', 'The plan «Channel» works well for all of us')],
    ],
    [
      'multi-paragraph quote without re-opening marks',
      '“Today we have to analyse the results.\nIt is clear that there is a demand.\nTherefore, we have proposed new measures,” said the head of the Russian Foreign Ministry when opening the meeting.',
      [q(L, 'the head of the Russian Foreign Ministry', 'Today we have to analyse the results.\nIt is clear that there is a demand.\nTherefore, we have proposed new measures')],
    ],
    [
      'multi-paragraph quote with a re-opening mark on each paragraph',
      '"The first paragraph is here.\n\n"The second paragraph is here," Lavrov said.',
      [q(L, 'Lavrov', 'The first paragraph is here.\nThe second paragraph is here')],
    ],
    [
      'lead-in attribution with a verb',
      'In turn, as the CSTO Secretary General Stanislav Zas stated to TASS, “the threats increase in several dimensions.”',
      [q(Z, 'the CSTO Secretary General Stanislav Zas', 'the threats increase in several dimensions.')],
    ],
    [
      'According to + title, confirmed by Mr Zas',
      'According to the CSTO Secretary General, “practical interaction has been organized with the CIS,” Mr Zas said.',
      [q(Z, 'Mr Zas', 'practical interaction has been organized with the CIS')],
    ],
    [
      'stressed that “...”',
      'In his opening speech, Sergei Lavrov stressed that “the coronavirus infection is a serious test for all of us.”',
      [q(L, 'Sergei Lavrov', 'the coronavirus infection is a serious test for all of us.')],
    ],
    ['a name in quotation marks is not a statement', 'Mr Lavrov recalled the operation Kanal (“channel”) today.', []],
    [
      'pronoun resolves to the latest person, not an earlier one',
      '“We met,” said Mr Lavrov. Stanislav Zas spoke next. “We need to go further,” he said.',
      [q(L, 'Mr Lavrov', 'We met'), q(Z, 'he', 'We need to go further')],
    ],
    [
      'role noun refers back to a person with that title',
      'Sergei Lavrov thanked the partners. “I am grateful for your contribution,” added the Minister.',
      [{ kind: 'reported', speakerId: L, speakerMention: 'Sergei Lavrov', text: 'thanked the partners' }, q(L, 'the Minister', 'I am grateful for your contribution')],
    ],
    [
      'unknown speaker keeps the phrase',
      '"We are ready to cooperate," the diplomat said.',
      [q(null, 'the diplomat', 'We are ready to cooperate')],
    ],
    [
      'Russian guillemets with "— заявил Лавров"',
      '«Мы готовы к сотрудничеству с ОДКБ», — заявил Лавров. «Угрозы растут», — сказал он.',
      [q(L, 'Лавров', 'Мы готовы к сотрудничеству с ОДКБ'), q(L, 'он', 'Угрозы растут')],
    ],
    [
      'Russian: lead-in "Лавров заявил:"',
      'Лавров заявил: «Мы будем работать вместе с партнёрами по ОДКБ».',
      [q(L, 'Лавров', 'Мы будем работать вместе с партнёрами по ОДКБ')],
    ],
    [
      'Russian: title "министр"',
      'Сергей Лавров прибыл в Бишкек. «Повестка насыщенная», — отметил министр.',
      [q(L, 'министр', 'Повестка насыщенная')],
    ],
  ])('%s', (_name, text, expected) => {
    const forms: [string, string][] = [
      ['Sergey Lavrov', L], ['Sergei Lavrov', L], ['Lavrov', L], ['Сергей Лавров', L], ['Лавров', L],
      ['Stanislav Zas', Z], ['Petrishenko', P], ['CSTO', 'organization:csto'], ['ОДКБ', 'organization:csto'], ['CIS', 'organization:cis'],
    ];
    expect(statementsOf(text, forms).map(brief)).toEqual(expected);
  });

  it('keeps offsets on the holding sentences and lists entities inside the words', () => {
    const text = 'Intro. "The CSTO and the CIS work together," Lavrov said. Outro.';
    const [s] = statementsOf(text);
    expect(text.slice(s!.start, s!.end)).toBe('"The CSTO and the CIS work together," Lavrov said.');
    expect(s!.sentenceIndexes).toEqual([1]);
    expect(s!.entityIds).toEqual(['organization:csto', 'organization:cis']);
    expect(s!.speakerName).toBe('Sergey Lavrov');
  });

  it.each<[string, string, number]>([
    ['straight', 'a "b" c', 1],
    ['curly nested', '“a “b” c”', 1],
    ['guillemets nested „“', '«a „b“ c»', 1],
    ['unclosed quote cut at paragraph end', '"a b c\n\nd e', 1],
    ['apostrophes are not quotes', "Russia's CSTO chairmanship, Kanal’s reach", 0],
  ])('findQuotePieces: %s', (_n, text, n) => {
    expect(findQuotePieces(text)).toHaveLength(n);
  });
});

describe('unattributed quotations: the word threshold', () => {
  // Lavrov speaks in the sentence before; an unattributed quotation long enough inherits him, a shorter
  // one is a name or a scare quote and is no statement. Exactly at the threshold it counts.
  const words = (n: number) => ['Security', 'in', 'the', 'region', 'remains', 'our', 'first', 'priority'].slice(0, n).join(' ');
  const quoted = (n: number) => statementsOf(`Sergey Lavrov said the CSTO would act. "${words(n)}." The meeting ended.`).filter((s) => s.kind === 'quote');
  it('ignores five words and keeps six (lib/nlp/quotes.ts MIN_UNATTRIBUTED_QUOTE_WORDS), inheriting the nearby speaker', () => {
    expect(quoted(5)).toEqual([]);
    expect(quoted(6).map((s) => [s.speakerId, s.text])).toEqual([[L, `${words(6)}.`]]);
  });
});
