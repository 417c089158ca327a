import { describe, expect, it } from 'vitest';
import { extractFacts, splitSentences } from '../../../lib/nlp';
import { SEED_ENTITIES, SEED_FORMS, entityMap, mentionsFor } from './helpers';

const factsOf = (text: string) => extractFacts(text, splitSentences(text), mentionsFor(text, SEED_FORMS), entityMap(SEED_ENTITIES));
const has = (text: string, entityId: string, kind: string, objectIds: string[]): void => {
  const f = factsOf(text).find((x) => x.entityId === entityId && x.kind === kind);
  expect(f, `${kind} fact for ${entityId}`).toBeDefined();
  expect(f!.objectIds).toEqual(objectIds);
  expect(text.slice(f!.start, f!.end)).toBe(f!.text);
};

describe('facts', () => {
  it.each<[string, string, string, string, string[]]>([
    ['member of', 'Armenia is a member of the CSTO.', 'country:armenia', 'membership', ['organization:csto']],
    ['members are', 'Belarus and Kazakhstan are members of the CSTO.', 'country:kazakhstan', 'membership', ['organization:csto']],
    ['joined', 'Tajikistan joined the CSTO in 2002.', 'country:tajikistan', 'membership', ['organization:csto']],
    ['member list (org side)', 'The CSTO unites Armenia, Belarus and Russia.', 'organization:csto', 'members', ['country:armenia', 'country:belarus', 'country:russia']],
    ['member list (country side)', 'The CSTO unites Armenia, Belarus and Russia.', 'country:belarus', 'membership', ['organization:csto']],
    ['list after a dash', 'The CSTO, founded in 2002, incorporates six countries - Russia, Armenia, Belarus', 'country:russia', 'membership', ['organization:csto']],
    ['founded in', 'The CSTO, founded in 2002, is a military alliance.', 'organization:csto', 'founded', []],
    ['was established in', 'The CSTO was established in May 2002 by six states.', 'organization:csto', 'founded', []],
    ['signed in', 'It rests on the Collective Security Treaty, signed by CIS members in May 1992.', 'document:collective-security-treaty', 'signed', ['organization:cis']],
    ['holds the chairmanship (anaphora)', 'The CSTO unites six states. Russia currently holds the rotating chairmanship of the alliance.', 'country:russia', 'chairmanship', ['organization:csto']],
    ['takes over the chairmanship from', 'Russia will take over the CSTO chairmanship for next year from the Kyrgyz Republic.', 'country:russia', 'chairmanship', ['organization:csto', 'country:kyrgyzstan']],
    ['chairs', 'Kazakhstan chairs the CSTO this year.', 'country:kazakhstan', 'chairmanship', ['organization:csto']],
    ['observer', 'Our Serbian colleagues participate as observers in the CSTO Parliamentary Assembly.', 'country:serbia', 'observer', ['body:csto-pa']],
    [
      'delegation size',
      'Delegation of the Supreme Council of the Kyrgyz Republic to the CSTO PA consists of 7 deputies.',
      'body:kyrgyzstan-supreme-council', 'delegation-size', ['body:csto-pa'],
    ],
    [
      'role line, person not in the registry',
      'Plenipotentiary representative of the National Assembly of the Republic of Belarus: Viktor Kogut',
      'person:viktor-kogut', 'role', ['body:belarus-national-assembly'],
    ],
    ['role before a known name', 'Then Belarusian Ambassador to Russia Igor Petrishenko spoke.', 'person:igor-petrishenko', 'role', ['country:russia']],
    ['role before an unknown name', 'Russia will be represented by Ambassador to Iran Levan Dzhagaryan.', 'person:levan-dzhagaryan', 'role', []],
  ])('%s', (_n, text, entityId, kind, objectIds) => has(text, entityId, kind, objectIds));

  it.each<[string, string]>([
    ['no chairmanship of a meeting', 'The Minister, who chaired the meeting, spoke.'],
    ['no membership from a lone country', 'The CSTO includes Russia.'],
    ['no role from a website line', 'Website of the Supreme Council of the Kyrgyz Republic: http://www.kenesh.kg/'],
  ])('nothing: %s', (_n, text) => {
    expect(factsOf(text)).toEqual([]);
  });
});
