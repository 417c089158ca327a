import { describe, expect, it } from 'vitest';
import registryJson from '../../../assets/registry.json';
import { guessLanguage } from '../../../lib/match/lang';
import { EntityMatcher, matcherData } from '../../../lib/match/entities';
import { parseRegistry, registryAliases, registryEntities } from '../../../lib/registry/aliases';

// Spanish, French and German forms of the CSTO, the UN, NATO, the OSCE and the member states count
// only where the paragraph (or, for a paragraph too short to tell, the page) is in that language.

const registry = parseRegistry(registryJson);
const matcher = new EntityMatcher(matcherData('test', registryAliases(registry), registryEntities(registry)));
const ids = (text: string, lang: string | null = null) => matcher.match(text, lang).map((s) => [text.slice(s.start, s.end), s.entityId]);

describe('guessLanguage', () => {
  it.each([
    ['Москва и Минск подписали соглашение о сотрудничестве.', 'ru'],
    ['The ministers of the CSTO met in Minsk and signed the agreement.', 'en'],
    ['Los ministros de la OTSC se reunieron en Minsk para firmar el acuerdo.', 'es'],
    ['Les ministres de l\'OTSC se sont réunis à Minsk pour signer un accord avec la Russie.', 'fr'],
    ['Die Außenminister der OVKS trafen sich in Minsk und unterzeichneten das Abkommen mit Russland.', 'de'],
    ['OTAN', null],
  ])('%s → %s', (text, want) => {
    expect(guessLanguage(text)).toBe(want);
  });
});

describe('aliases of other languages', () => {
  it.each([
    ['Los ministros de la OTSC se reunieron con Rusia y la ONU en Moscú.', [['OTSC', 'org:csto'], ['Rusia', 'country:russia'], ['ONU', 'org:un']]],
    ["Les ministres de l'OTSC ont rencontré la Russie et l'ONU, puis l'OTAN.", [['OTSC', 'org:csto'], ['Russie', 'country:russia'], ['ONU', 'org:un'], ['OTAN', 'org:nato']]],
    ['Die Außenminister der OVKS trafen sich mit Russland und der OSZE in Kasachstan.', [['OVKS', 'org:csto'], ['Russland', 'country:russia'], ['OSZE', 'org:osce'], ['Kasachstan', 'country:kazakhstan']]],
    ['La Organización del Tratado de Seguridad Colectiva y Bielorrusia firmaron el acuerdo.', [['Organización del Tratado de Seguridad Colectiva', 'org:csto'], ['Bielorrusia', 'country:belarus']]],
  ])('%s', (text, want) => {
    expect(ids(text)).toEqual(want);
  });

  it.each([
    ['an English paragraph', 'The ministers of OTSC Holdings and the Rusia Cafe met in the city with the UNO card club.'],
    ['a Russian paragraph', 'Компания OTSC и ресторан Russland открылись в Москве на улице.'],
  ])('not in %s', (_n, text) => {
    expect(ids(text).filter(([, id]) => id === 'org:csto' || id === 'org:un' || id === 'country:russia')).toEqual([]);
  });

  it('each paragraph decides for itself', () => {
    const text = 'The CSTO met in Moscow and the ministers agreed on the plan.\nLos ministros de Rusia firmaron el acuerdo con la OTSC.';
    expect(ids(text).map(([t]) => t)).toEqual(['CSTO', 'Moscow', 'Rusia', 'OTSC']);
  });

  it('a paragraph too short to tell takes the page\'s language', () => {
    expect(ids('Rusia', 'es')).toEqual([['Rusia', 'country:russia']]);
    expect(ids('Rusia', 'en')).toEqual([]);
  });
});
