// End to end on the real seed documents, with a small hand-made entity map (helpers.ts).
// Expected statements are what a careful annotator would list; headlines are not statements
// (they repeat the body in editors' words); in the transcript (004) the remarks before the
// questions are one 'quote' statement per paragraph and each answer is one 'answer'.
import { describe, expect, it } from 'vitest';
import { extractFacts, extractStatementsFor, findPeople, splitSentences } from '../../../lib/nlp';
import { LAVROV, PETRISHENKO, SEED_ENTITIES, SEED_FORMS, ZAS, entityMap, mentionsFor, readSeed } from './helpers';

const L = LAVROV.id;
const Z = ZAS.id;
const P = PETRISHENKO.id;
type Row = [kind: string, speakerId: string, speakerMention: string, textStart: string];

const EXPECTED: Record<string, Row[]> = {
  '000_d5ad77ca4c6a1d0e.txt': [
    ['reported', L, 'Lavrov', 'CSTO Should Focus On Foreign Militants'],
    ['reported', L, 'Russian Foreign Minister Sergey Lavrov', 'the Collective Security Treaty Organization (CSTO) should focus'],
    ['quote', L, 'Lavrov', 'Today we will discuss the situation'],
    ['reported', L, 'The Russian foreign minister', 'the trafficking of drugs'],
    ['reported', L, 'Lavrov', 'the drug trafficking income'],
    ['quote', L, 'Lavrov', "CSTO's anti-drug operation, dubbed Channel"],
    ['reported', L, 'The foreign minister', 'it would be useful to synchronize'],
  ],
  '001_edeeac1e794ff2af.txt': [
    ['reported', P, 'Belarusian diplomat', 'calls fighting terrorist recruitment'],
    ['reported', P, 'Belarusian Ambassador to Russia Igor Petrishenko', 'The Collective Security Treaty Organization (CSTO) is one of'],
    ['quote', P, 'Petrishenko', 'Our country considers CSTO'],
    ['quote', P, 'he', 'It is obvious that in light of'],
    ['quote', P, 'the ambassador', 'Amon priority tasks'],
    ['quote', P, 'he', 'Practice showed'],
    ['quote', P, 'Petrishenko', 'In general, geopolitical realities'],
    ['quote', P, 'he', 'Belarus will continue contributing'],
  ],
  '002_258f099c7f43ae5a.txt': [
    ['reported', L, 'top diplomat', 'Russia uses full potential of SCO, CSTO'],
    ['reported', L, 'Sergey Lavrov', 'praised the existing agreement among'],
    ['reported', L, 'Russian Foreign Minister Sergey Lavrov', 'Russia plans to leverage'],
    ['quote', L, 'the Russian top diplomat', 'It is obvious that without a vigorous fight'],
    ['quote', L, 'the foreign minister', 'We are satisfied with the results'],
  ],
  '003_b7a2642ef44c1546.txt': [
    ['reported', 'country:russia', 'Russia', 'suggested exploring possible cooperation'],
    ['reported', L, 'Russian Foreign Minister Sergei Lavrov', 'invited the Organization’s Member States'],
    ['quote', L, 'Sergei Lavrov', 'the coronavirus infection is a serious test'],
    ['quote', L, 'the head of the Russian Foreign Ministry', 'Today we have to carefully analyse'],
    ['reported', L, 'He', 'for the first time the CSTO ministerial meeting'],
    ['quote', L, 'Mr Lavrov', 'Certainly, this format cannot replace'],
    ['reported', L, 'he', 'despite the pandemic'],
    ['quote', L, 'he', 'This year is special'],
    ['reported', L, 'Sergei Lavrov', 'thanked the CSTO partners'],
    ['quote', L, 'the Minister', 'A statement on the occasion of the 75th anniversary'],
    ['reported', L, 'the Russian Foreign Minister', 'Cooperation of the Collective Security Treaty Organisation'],
    ['quote', L, 'he', 'It would be useful to align'],
    ['reported', L, 'The Minister', 'the CSTO should continue paying'],
    ['quote', L, 'he', 'Completion of a unified list'],
    ['reported', L, 'Mr Lavrov', 'CSTO’s anti-drug operation Kanal'],
    ['quote', L, 'he', 'We are committed to further expanding'],
    ['quote', L, 'Mr Lavrov', 'We consider it important to maintain'],
    ['quote', Z, 'the CSTO Secretary General Stanislav Zas', 'it should be noted that the threats'],
    ['quote', Z, 'Mr Zas', 'practical military interaction'],
    ['reported', Z, 'the CSTO Secretary General', 'the achieved level of interaction'],
    ['quote', Z, 'he', 'We need to go further'],
  ],
  '004_a203b281c93f1569.txt': [
    ['quote', L, 'Sergey Lavrov', 'I would like to tell you about the outcome'],
    ['quote', L, 'Sergey Lavrov', 'The heads of state will focus'],
    ['quote', L, 'Sergey Lavrov', 'Of course, the heads of state'],
    ['quote', L, 'Sergey Lavrov', 'The participants in the CSTO Council'],
    ['quote', L, 'Sergey Lavrov', 'We also held bilateral meetings'],
    ['quote', L, 'Sergey Lavrov', 'Following the CSTO Collective Security Council'],
    ['answer', L, 'Sergey Lavrov', 'You should ask the Presidential Executive Office'],
    ['answer', L, 'Sergey Lavrov', 'The CSTO has been working for a long time'],
  ],
};

function run(file: string) {
  const text = readSeed(file);
  const sentences = splitSentences(text);
  const mentions = mentionsFor(text, SEED_FORMS);
  const entities = entityMap(SEED_ENTITIES);
  return { text, sentences, mentions, entities, statements: extractStatementsFor(text, sentences, mentions, entities) };
}

describe('seed documents: statements', () => {
  it.each(Object.keys(EXPECTED))('%s', (file) => {
    const { text, sentences, statements } = run(file);
    const rows = EXPECTED[file]!;
    expect(statements.map((s) => [s.kind, s.speakerId, s.speakerMention, s.text.slice(0, rows[statements.indexOf(s)]?.[3].length ?? 0)])).toEqual(rows);
    for (const s of statements) {
      expect(s.start).toBeGreaterThanOrEqual(0);
      expect(s.end).toBeLessThanOrEqual(text.length);
      expect(s.sentenceIndexes.length).toBeGreaterThan(0);
      expect(s.start).toBe(sentences[s.sentenceIndexes[0]!]!.start);
      expect(s.speakerName).toBe(SEED_ENTITIES.find((e) => e.id === s.speakerId)!.name);
    }
  });

  it('joins the quote interrupted by its attribution (002) and keeps the multi-paragraph quote whole (003)', () => {
    const s2 = run('002_258f099c7f43ae5a.txt').statements[3]!;
    expect(s2.text).toMatch(/destructive forces\. For our part, we are planning .* multilateral structures\.$/);
    const s3 = run('003_b7a2642ef44c1546.txt').statements[3]!;
    expect(s3.text).toMatch(/^Today we have .*\nIt is clear .*\nTherefore, .* biological security$/s);
    expect(s3.sentenceIndexes).toHaveLength(3);
  });

  it('ends the last answer of 004 before the capture leftovers', () => {
    const last = run('004_a203b281c93f1569.txt').statements.at(-1)!;
    expect(last.text.endsWith('in case third countries request this status.')).toBe(true);
    expect(last.entityIds).toEqual(expect.arrayContaining(['organization:csto', 'body:csto-pa', 'country:afghanistan']));
  });
});

describe('seed documents: facts and people', () => {
  const factsOf = (file: string) => {
    const { text, sentences, mentions, entities } = run(file);
    return extractFacts(text, sentences, mentions, entities);
  };
  const key = (f: { entityId: string; kind: string; objectIds: string[] }) => `${f.kind} ${f.entityId} -> ${f.objectIds.join(',')}`;

  it.each<[string, string[]]>([
    ['000_d5ad77ca4c6a1d0e.txt', [
      'members organization:csto -> country:armenia,country:belarus,country:kazakhstan,country:kyrgyzstan,country:russia,country:tajikistan',
      'membership country:kyrgyzstan -> organization:csto',
      'chairmanship country:russia -> organization:csto',
      'signed document:collective-security-treaty -> organization:cis',
      'role person:sergey-lavrov -> ',
    ]],
    ['001_edeeac1e794ff2af.txt', ['founded organization:csto -> ', 'membership country:armenia -> organization:csto', 'role person:igor-petrishenko -> country:russia']],
    ['002_258f099c7f43ae5a.txt', ['role person:levan-dzhagaryan -> ']],
    ['003_b7a2642ef44c1546.txt', [
      'delegation-size body:belarus-national-assembly -> body:csto-pa',
      'delegation-size body:kazakhstan-parliament -> body:csto-pa',
      'delegation-size body:kyrgyzstan-supreme-council -> body:csto-pa',
      'delegation-size body:russia-federal-assembly -> body:csto-pa',
      'delegation-size body:tajikistan-supreme-assembly -> body:csto-pa',
      'role person:viktor-kogut -> body:belarus-national-assembly',
      'role person:viktor-rogalev -> body:kazakhstan-parliament,body:csto-pa',
      'role person:shabdanbek-alishev -> body:kyrgyzstan-supreme-council',
      'role person:mikhail-krotov -> body:russia-federal-assembly,body:csto-pa',
      'role person:stanislav-zas -> organization:csto',
    ]],
    ['004_a203b281c93f1569.txt', ['chairmanship country:russia -> organization:csto,country:kyrgyzstan', 'observer country:serbia -> body:csto-pa']],
  ])('%s', (file, expected) => {
    const facts = factsOf(file);
    expect(facts.map(key)).toEqual(expect.arrayContaining(expected));
    const text = readSeed(file);
    for (const f of facts) expect(text.slice(f.start, f.end)).toBe(f.text);
  });

  it('facts of 001 are not doubled by the repeated subtitle', () => {
    const f = factsOf('001_edeeac1e794ff2af.txt').filter((x) => x.kind === 'founded');
    expect(f).toHaveLength(1);
  });

  it('finds the delegation heads of 003 with their roles', () => {
    const text = readSeed('003_b7a2642ef44c1546.txt');
    const people = findPeople(text, mentionsFor(text, SEED_FORMS));
    expect(people.map((p) => p.name)).toEqual(['Viktor Kogut', 'Viktor Rogalev', 'Shabdanbek Alishev', 'Mikhail Krotov']);
    expect(people[0]!.role).toBe('Plenipotentiary representative of the National Assembly of the Republic of Belarus');
  });
});
