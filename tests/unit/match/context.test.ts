import { describe, expect, it } from 'vitest';
import { alias, buildMatcher, found } from './helpers';

const m = buildMatcher([
  alias('Channel', 'operation:channel', {
    context: { cues: ['anti-drug', 'drug trafficking', 'operation', 'CSTO', 'ОДКБ', 'наркотрафик*'] },
  }),
  alias('Канал', 'operation:channel', { context: { cues: ['операци*', 'ОДКБ'] } }),
  alias('Interaction', 'exercise:interaction', { context: { cues: ['exercise', 'drills'], window: 4, yearSuffix: true } }),
  alias('Search', 'exercise:search', { context: { cues: [], yearSuffix: true } }),
  alias('Поиск', 'exercise:search', { context: { cues: ['учени*'], yearSuffix: true } }),
  alias('CSTO', 'org:csto', { cs: true }),
]);

describe('ambiguous aliases need their context', () => {
  it.each([
    ['TV channel, no cue', 'She watched the news channel on Channel One last night.', []],
    ['cue before', 'The anti-drug operation Channel seized 3 tonnes.', [['Channel', 'operation:channel']]],
    ['cue after', 'Channel, the regional anti-drug effort, goes on.', [['Channel', 'operation:channel']]],
    ['cue phrase', 'Channel targets drug trafficking routes', [['Channel', 'operation:channel']]],
    ['cue written with a space for the hyphen', 'the anti drug sweep Channel', [['Channel', 'operation:channel']]],
    ['cue in another case', 'OPERATION CHANNEL', [['CHANNEL', 'operation:channel']]],
    ['cue that is itself an alias counts', 'CSTO launched Channel', [['CSTO', 'org:csto'], ['Channel', 'operation:channel']]],
    ['cue too far away (default window 8)', 'operation one two three four five six seven eight nine Channel', []],
    ['cue at the edge of the window', 'operation one two three four five six seven Channel', [['Channel', 'operation:channel']]],
    ['cue with a declension star', 'Channel против наркотрафика', [['Channel', 'operation:channel']]],
    ['Russian: no cue', 'Телеканал показал Канал новостей', []],
    ['Russian: cue with a star', 'В ходе операции «Канал» изъято', [['Канал', 'operation:channel']]],
    ['Russian: acronym cue', 'ОДКБ: Канал продолжается', [['Канал', 'operation:channel']]],
  ])('%s', (_name, text, want) => {
    expect(found(m, text)).toEqual(want);
  });
});

describe('year suffix', () => {
  it.each([
    ['ordinary prose', 'Social interaction matters; Interaction is key.', []],
    ['hyphen and year', 'the Interaction-2023 exercise', [['Interaction-2023', 'exercise:interaction']]],
    ['space and year is ordinary prose, not an exercise name', 'Interaction 2024 began', []],
    ['a number after a space is another name (Channel 4)', 'a Channel 4 documentary on drug trafficking', []],
    ['a capitalised word after it is another name', 'the Interaction Design exercise', []],
    ['year glued', 'Interaction2023 began', [['Interaction2023', 'exercise:interaction']]],
    ['non-breaking hyphen', 'Interaction\u20112022', [['Interaction\u20112022', 'exercise:interaction']]],
    ['no year but a cue within 4 words', 'the Interaction drills opened', [['Interaction', 'exercise:interaction']]],
    ['cue outside the custom window', 'exercise one two three four five Interaction', []],
    ['a number that is not a year', 'Interaction-300 units', []],
    ['five digits are not a year', 'Interaction-20235', []],
    ['year on the next line does not count', 'Interaction\n2023', []],
    ['suffix-only rule: plain word', 'Search the archives', []],
    ['suffix-only rule: with a year', 'Search-2024 drills', [['Search-2024', 'exercise:search']]],
    ['Russian: year', 'учение «Поиск-2023»', [['Поиск-2023', 'exercise:search']]],
    ['Russian: declined cue', 'Поиск продолжается, учения идут', [['Поиск', 'exercise:search']]],
    ['Russian: ordinary word', 'Поиск работы', []],
  ])('%s', (_name, text, want) => {
    expect(found(m, text)).toEqual(want);
  });
});

describe('when the longest ambiguous match fails its context', () => {
  const m2 = buildMatcher([
    alias('Interaction', 'exercise:interaction', { context: { cues: ['exercise'], yearSuffix: true } }),
    alias('Interaction Council', 'body:interaction-council', { context: { cues: ['summit'] } }),
    alias('CSTO', 'org:csto', { cs: true }),
    alias('CSTO Channel', 'operation:channel', { context: { cues: ['drug'] } }),
  ]);

  it.each([
    ['the shorter candidate may still match', 'the CSTO Channel broadcast', [['CSTO', 'org:csto']]],
    ['the longer one matches in context', 'the CSTO Channel against drug routes', [['CSTO Channel', 'operation:channel']]],
    ['a shorter candidate followed by a capitalised word is part of that name', 'Interaction Council exercise', []],
    ['a shorter candidate in its own context still counts', 'Interaction council exercise', [['Interaction', 'exercise:interaction']]],
    ['neither holds', 'the Interaction Council met', []],
    ['the longer holds', 'summit of the Interaction Council', [['Interaction Council', 'body:interaction-council']]],
  ])('%s', (_name, text, want) => {
    expect(found(m2, text)).toEqual(want);
  });
});

describe('block cues rule an ambiguous alias out', () => {
  const m3 = buildMatcher([
    alias('Channel', 'operation:channel', { context: { cues: ['drug', 'operation'], window: 12, blockCues: ['documentary', 'TV'] } }),
  ]);
  it.each([
    ['a cue alone: the operation', 'the CSTO anti-drug operation Channel, which targets drug routes', [['Channel', 'operation:channel']]],
    ['a cue and a block cue: not the operation', 'a documentary about the Channel and drug routes', []],
    ['a block cue before it', 'TV: the Channel and its drug reports', []],
  ])('%s', (_name, text, want) => {
    expect(found(m3, text)).toEqual(want);
  });
});
