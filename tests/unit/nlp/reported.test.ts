import { describe, expect, it } from 'vitest';
import { LAVROV, PETRISHENKO, ZAS, brief, statementsOf } from './helpers';

const L = LAVROV.id;
const Z = ZAS.id;
const P = PETRISHENKO.id;
type Exp = { kind: string; speakerId: string | null; speakerMention: string | null; text: string };
const r = (speakerId: string | null, speakerMention: string | null, text: string): Exp => ({ kind: 'reported', speakerId, speakerMention, text });

describe('reported statements', () => {
  it.each<[string, string, Exp[]]>([
    ['name + stressed that', 'Lavrov stressed that the CSTO should focus on counterterrorism.', [r(L, 'Lavrov', 'the CSTO should focus on counterterrorism')]],
    [
      'title + name, time adverbial before "that"',
      'MOSCOW (Sputnik) Russian Foreign Minister Sergey Lavrov stressed on Tuesday that the CSTO should focus on militants.',
      [r(L, 'Russian Foreign Minister Sergey Lavrov', 'the CSTO should focus on militants')],
    ],
    ['title only', 'The Russian foreign minister noted that drug trafficking remained a threat.', [r(L, 'The Russian foreign minister', 'drug trafficking remained a threat')]],
    ['title without "the", other case', 'Russian Foreign Minister noted that drug trafficking remained a threat.', [r(L, 'Russian Foreign Minister', 'drug trafficking remained a threat')]],
    [
      'pronoun + also',
      'Sergei Lavrov opened the meeting. He also noted that the meeting is held by videoconference.',
      [r(L, 'He', 'the meeting is held by videoconference')],
    ],
    ['"X said" without "that"', 'Lavrov said the CSTO will respond to new threats.', [r(L, 'Lavrov', 'the CSTO will respond to new threats')]],
    ['emphasised (British)', 'Mr Zas emphasised that the threats increase.', [r(Z, 'Mr Zas', 'the threats increase')]],
    ['pointed out', 'The CSTO Secretary General pointed out that cooperation is not sufficient.', [r(Z, 'The CSTO Secretary General', 'cooperation is not sufficient')]],
    ['recalled that', 'Mr Lavrov recalled that the Channel operation plays an important role.', [r(L, 'Mr Lavrov', 'the Channel operation plays an important role')]],
    ['believes that', 'Petrishenko believes that recruitment is the main threat.', [r(P, 'Petrishenko', 'recruitment is the main threat')]],
    ['told X that', 'Petrishenko told TASS that recruitment is the main threat.', [r(P, 'Petrishenko', 'recruitment is the main threat')]],
    ['called for', 'Lavrov called for closer cooperation between the CSTO and the CIS.', [r(L, 'Lavrov', 'closer cooperation between the CSTO and the CIS')]],
    ['urged', 'Lavrov urged the partners to finish the list of terrorist groups.', [r(L, 'Lavrov', 'the partners to finish the list of terrorist groups')]],
    ['warned that; role noun refers back', 'Petrishenko arrived. The ambassador warned that militants will return home.', [r(P, 'The ambassador', 'militants will return home')]],
    ['suggested that; a bare surname of a known person', 'Zas suggested that the CSTO should work with the CIS.', [r(Z, 'Zas', 'the CSTO should work with the CIS')]],
    ['suggested that (Mr)', 'Mr Zas suggested that the CSTO should work with the CIS.', [r(Z, 'Mr Zas', 'the CSTO should work with the CIS')]],
    [
      'trailing attribution after a TASS dateline',
      'MOSCOW, March 30. /TASS/. The CSTO is one of the most important instruments of security, Belarusian Ambassador to Russia Igor Petrishenko told TASS on Wednesday.',
      [r(P, 'Belarusian Ambassador to Russia Igor Petrishenko', 'The CSTO is one of the most important instruments of security')],
    ],
    [
      'trailing attribution with a title',
      'Cooperation with the CIS would be useful in the fight against terrorism, the Russian Foreign Minister added.',
      [r(L, 'the Russian Foreign Minister', 'Cooperation with the CIS would be useful in the fight against terrorism')],
    ],
    ['unresolved speaker keeps its phrase', 'The diplomat noted that the talks went well.', [r(null, 'The diplomat', 'the talks went well')]],
    ['Russian: ", что"', 'Лавров подчеркнул, что ОДКБ готова помочь партнёрам.', [r(L, 'Лавров', 'ОДКБ готова помочь партнёрам')]],
    ['no statement: verb without content', 'Sergei Lavrov said this at the meeting on May 26.', []],
    ['no statement: not a speaker', 'The weather said nothing about it. Prices added up quickly.', []],
    ['a headline with a verb; its role resolves against the people named after it', 'Belarusian diplomat calls fighting recruitment the CSTO priority\n\nBody text here. Igor Petrishenko spoke.', [r(P, 'Belarusian diplomat', 'calls fighting recruitment the CSTO priority')]],
    ['a headline without attribution is no statement', 'CSTO holds drills in Tajikistan\n\nBody text here.', []],
  ])('%s', (_name, text, expected) => {
    const forms: [string, string][] = [
      ['Sergey Lavrov', L], ['Sergei Lavrov', L], ['Lavrov', L], ['Лавров', L], ['Stanislav Zas', Z],
      ['Igor Petrishenko', P], ['Petrishenko', P], ['CSTO', 'organization:csto'], ['ОДКБ', 'organization:csto'], ['CIS', 'organization:cis'],
    ];
    expect(statementsOf(text, forms).map(brief)).toEqual(expected);
  });
});
