import { describe, expect, it } from 'vitest';
import { alias, buildMatcher, found } from './helpers';

const CSTO = 'org:csto';
const m = buildMatcher([
  alias('CSTO', CSTO, { cs: true }),
  alias('Collective Security Treaty Organization', CSTO),
  alias("Côte d'Ivoire", 'country:ci'),
  alias('Operation "Channel"', 'operation:channel'),
  alias('Kyrgyz-Tajik border', 'place:kg-tj-border'),
  alias('Lavrov', 'person:lavrov'),
  alias('Организация Договора о коллективной безопасности', CSTO),
]);

describe('possessives: the span covers the name only', () => {
  it.each([
    ['straight', "the CSTO's mandate", 'CSTO'],
    ['curly', 'the CSTO’s mandate', 'CSTO'],
    ['modifier letter apostrophe', 'the CSTOʼs mandate', 'CSTO'],
    ['plural possessive form', "Lavrov' remarks", 'Lavrov'],
    ['long name', "the Collective Security Treaty Organization's charter", 'Collective Security Treaty Organization'],
  ])('%s', (_name, text, want) => {
    expect(found(m, text).map(([t]) => t)).toEqual([want]);
  });

  it('a plural is not a possessive', () => {
    expect(found(m, 'CSTOs and Lavrovs')).toEqual([]);
  });
});

describe('typography inside names', () => {
  it.each([
    ['straight apostrophe', "Côte d'Ivoire", "Côte d'Ivoire"],
    ['curly apostrophe', 'Côte d’Ivoire', 'Côte d’Ivoire'],
    ['left single quote as apostrophe', 'Côte d‘Ivoire', 'Côte d‘Ivoire'],
    ['decomposed ô', 'Co\u0302te d’Ivoire', 'Co\u0302te d’Ivoire'],
    ['straight quotes', 'Operation "Channel"', 'Operation "Channel"'],
    ['curly quotes', 'Operation “Channel”', 'Operation “Channel”'],
    ['guillemets', 'Operation «Channel»', 'Operation «Channel»'],
    ['NBSP between words', 'Collective\u00a0Security\u00a0Treaty\u00a0Organization', 'Collective\u00a0Security\u00a0Treaty\u00a0Organization'],
    ['NBSP in Russian', 'Организация\u00a0Договора о\u00a0коллективной безопасности', 'Организация\u00a0Договора о\u00a0коллективной безопасности'],
    ['soft hyphens inside words', 'Col\u00adlec\u00adtive Se\u00adcu\u00adrity Treaty Orga\u00adni\u00adza\u00adtion', 'Col\u00adlec\u00adtive Se\u00adcu\u00adrity Treaty Orga\u00adni\u00adza\u00adtion'],
    ['soft hyphen in an acronym', 'CS\u00adTO', 'CS\u00adTO'],
    ['line-break hyphenation', 'Collective Security Treaty Organi-\nzation', 'Collective Security Treaty Organi-\nzation'],
    ['soft hyphen at a line break', 'Collective Security Treaty Organi\u00ad\nzation', 'Collective Security Treaty Organi\u00ad\nzation'],
    ['line-break hyphenation, CRLF and indent', 'Collective Secu-\r\n    rity Treaty Organization', 'Collective Secu-\r\n    rity Treaty Organization'],
    ['line-break hyphenation in Russian', 'Организация Договора о коллектив-\nной безопасности', 'Организация Договора о коллектив-\nной безопасности'],
    ['line breaks between words', 'Collective Security\n Treaty\n\nOrganization', 'Collective Security\n Treaty\n\nOrganization'],
    ['runs of spaces and tabs', 'Collective   Security \t Treaty Organization', 'Collective   Security \t Treaty Organization'],
    ['hyphen for a space', 'Collective-Security Treaty Organization', 'Collective-Security Treaty Organization'],
    ['space for a hyphen', 'Kyrgyz Tajik border', 'Kyrgyz Tajik border'],
    ['hyphen as written', 'Kyrgyz-Tajik border', 'Kyrgyz-Tajik border'],
    ['en dash for a hyphen', 'Kyrgyz–Tajik border', 'Kyrgyz–Tajik border'],
  ])('%s', (_name, text, want) => {
    expect(found(m, text).map(([t]) => t)).toEqual([want]);
  });

  it('a compound split at a line break still separates words', () => {
    expect(found(m, 'the CSTO-\nled force')).toEqual([['CSTO', CSTO]]);
  });

  it('a line-break hyphen does not glue a name into a longer word', () => {
    expect(found(m, 'CSTO-\nism')).toEqual([['CSTO', CSTO]]);
  });

  it('a name split across a paragraph with no hyphen is two words', () => {
    expect(found(m, 'Organi\nzation Lav\nrov')).toEqual([]);
  });
});
