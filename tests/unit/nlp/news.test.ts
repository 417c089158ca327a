// Statements in news in general: sentences in the styles of many outlets, run through the real
// registry (aliases, titles, posts with tenures) and the real matcher.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../../lib/kb/extract-document';
import { registryAliases, registryEntities, parseRegistry } from '../../../lib/registry/aliases';
import { postHolderEntities, postTitlesByPerson, registryPosts } from '../../../lib/registry/posts';

const registry = parseRegistry(JSON.parse(readFileSync(fileURLToPath(new URL('../../../assets/registry.json', import.meta.url)), 'utf8')));
const holders = postHolderEntities(registry, new Set(registry.entities.map((e) => e.id)));
const ctx = {
  entities: [...registryEntities(registry), ...holders.entities],
  aliases: [...registryAliases(registry), ...holders.aliases],
  posts: registryPosts(registry),
  postTitles: postTitlesByPerson(registry),
};
type Row = [speaker: string | null, mention: string, text: string];
const run = (text: string, date: string | null = '2021-10-14', outlet: string | null = 'TASS'): Row[] =>
  extractDocument({ text, date, outlet, lang: 'en', title: 't' }, ctx).statements.map((s) => [s.speakerId ?? s.speakerName, s.speakerMention ?? '', s.text]);

describe('news in general', () => {
  it.each<[string, string, Row[]]>([
    // verbs beyond said/stressed/noted
    ['praised', 'Sergey Lavrov praised the readiness of the Collective Rapid Reaction Forces.', [['person:sergey-lavrov', 'Sergey Lavrov', 'praised the readiness of the Collective Rapid Reaction Forces']]],
    ['thanked', 'Stanislav Zas thanked Kazakhstan for hosting the exercise.', [['person:stanislav-zas', 'Stanislav Zas', 'thanked Kazakhstan for hosting the exercise']]],
    ['invited', 'Vladimir Putin invited the CSTO leaders to Moscow for the jubilee summit.', [['person:vladimir-putin', 'Vladimir Putin', 'invited the CSTO leaders to Moscow for the jubilee summit']]],
    ['announced that', 'Sergey Lavrov announced that the CSTO ministers would meet in Yerevan.', [['person:sergey-lavrov', 'Sergey Lavrov', 'the CSTO ministers would meet in Yerevan']]],
    ['expressed concern about', 'Lavrov expressed concern about the situation on the Tajik-Afghan border.', [['person:sergey-lavrov', 'Lavrov', 'expressed concern about the situation on the Tajik-Afghan border']]],
    ['expressed hope that', 'Zas expressed hope that the talks would continue.', [['person:stanislav-zas', 'Zas', 'the talks would continue']]],
    ['noted the significance of', 'Lavrov noted the significance of the Kanal operation for the region.', [['person:sergey-lavrov', 'Lavrov', 'noted the significance of the Kanal operation for the region']]],
    ['drew attention to', 'Zas drew attention to the recruitment of young people by terrorists.', [['person:stanislav-zas', 'Zas', 'drew attention to the recruitment of young people by terrorists']]],
    ['informed ... about', 'Zas informed the ministers about the preparations for the summit.', [['person:stanislav-zas', 'Zas', 'informed the ministers about the preparations for the summit']]],
    ['briefed ... on', 'Zas briefed the Council on the results of the Rubezh exercise.', [['person:stanislav-zas', 'Zas', 'briefed the Council on the results of the Rubezh exercise']]],
    ['warned that', 'Lavrov warned that the militants could cross the border.', [['person:sergey-lavrov', 'Lavrov', 'the militants could cross the border']]],
    ['no statement: spoke to reporters', 'Lavrov spoke to reporters in Dushanbe.', []],
    ['no statement: recalled an event', 'Lavrov recalled the operation in Kazakhstan.', []],
    // bodies, organizations, ministries, press services
    ['the Secretariat reported that', 'The CSTO Secretariat reported that the session would be held in Minsk.', [['body:csto-secretariat', 'The CSTO Secretariat', 'the session would be held in Minsk']]],
    ['the short form refers back', 'The CSTO held talks. The Secretariat said that the talks went well.', [['body:csto-secretariat', 'The Secretariat', 'the talks went well']]],
    ['a defence ministry informed', 'A defence ministry informed that the drills had ended.', [['A defence ministry', 'A defence ministry', 'the drills had ended']]],
    ['according to the press service', 'According to the press service of the CSTO, the exercise will start on Monday.', [['org:csto', 'the press service of the CSTO', 'the exercise will start on Monday']]],
    ['trailing according to', 'The exercise will start on Monday in Tajikistan, according to the Joint Staff.', [['the Joint Staff', 'the Joint Staff', 'The exercise will start on Monday in Tajikistan']]],
    // a news agency as the only attribution
    ['the agency reported', 'The CSTO will hold drills in Kyrgyzstan in September, the agency reported.', [['TASS', 'the agency', 'The CSTO will hold drills in Kyrgyzstan in September']]],
    ['the state news agency said', 'The state news agency said that the summit would open on Monday.', [['TASS', 'The state news agency', 'the summit would open on Monday']]],
    // short quotes inside reported speech
    ['a short quote inside reported speech', 'Lavrov warned of what he called "a serious threat" to the region.', [['person:sergey-lavrov', 'Lavrov', 'warned of what he called "a serious threat" to the region']]],
    // headlines
    ['headline "... - Name"', 'CSTO should focus on militants - Lavrov\n\nSergey Lavrov spoke in Moscow.', [['person:sergey-lavrov', 'Lavrov', 'CSTO should focus on militants']]],
    ['headline "... — role" resolved against the body', 'CSTO ready to help Tajikistan — top diplomat\n\nRussian Foreign Minister Sergey Lavrov spoke in Moscow.', [['person:sergey-lavrov', 'top diplomat', 'CSTO ready to help Tajikistan']]],
    ['headline "Name: ..."', 'Zas: CSTO forces are ready to act\n\nThe CSTO met.', [['person:stanislav-zas', 'Zas', 'CSTO forces are ready to act']]],
    ['headline without attribution', 'CSTO forces hold drills in Tajikistan\n\nThe CSTO met.', []],
    // speakers named only by role further down
    ['"the Secretary General" further down', 'Imangali Tasmagambetov arrived in Bishkek. The Secretary General said that the CSTO was ready.', [['person:imangali-tasmagambetov', 'The Secretary General', 'the CSTO was ready']]],
    ['"the minister" further down', 'Ararat Mirzoyan met his counterpart. The minister said that Armenia wanted answers.', [['person:ararat-mirzoyan', 'The minister', 'Armenia wanted answers']]],
    // British single quotes
    ['British single quotes', '‘We will not leave our allies alone,’ Zas said.', [['person:stanislav-zas', 'Zas', 'We will not leave our allies alone']]],
    ['an apostrophe is no quote; a possessive is somebody else', 'Russia’s role in the members’ security is large, Lavrov’s deputy said.', [['Lavrov’s deputy', 'Lavrov’s deputy', 'Russia’s role in the members’ security is large']]],
    // opinion quotes: a name before an apposition
    ['a name before an apposition', 'John Smith, a researcher at the Institute of Strategic Studies, argued that the alliance was weak.', [['person:john-smith', 'John Smith', 'the alliance was weak']]],
  ])('%s', (_n, text, expected) => {
    expect(run(text)).toEqual(expected);
  });

  it.each<[string, string, Row[]]>([
    [
      'Kremlin-style transcript without a question',
      'Meeting with the CSTO Secretary General\n\nVladimir Putin: Good afternoon, Mr Zas. I am glad to see you in Moscow again.\n\nStanislav Zas: Thank you, Mr President. The CSTO has done a lot of work this year, and I will report on it.',
      [['person:vladimir-putin', 'Vladimir Putin', 'Good afternoon, Mr Zas. I am glad to see you in Moscow again.'], ['person:stanislav-zas', 'Stanislav Zas', 'Thank you, Mr President. The CSTO has done a lot of work this year, and I will report on it.']],
    ],
    [
      'Q&A interview with an outlet as the interviewer and an unknown speaker',
      'TASS: How do you assess the drills?\n\nIvan Petrov: The drills went well and the troops were ready.\n\nTASS: What next?\n\nIvan Petrov: Next year we will hold larger exercises in Kazakhstan.',
      [['person:ivan-petrov', 'Ivan Petrov', 'The drills went well and the troops were ready.'], ['person:ivan-petrov', 'Ivan Petrov', 'Next year we will hold larger exercises in Kazakhstan.']],
    ],
    [
      'a colon in an ordinary article is no transcript',
      'The agenda: Afghanistan and drugs.\n\nNote: the meeting was closed to the press.',
      [],
    ],
  ])('%s', (_n, text, expected) => {
    expect(run(text)).toEqual(expected);
  });
});
