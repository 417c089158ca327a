import { describe, expect, it } from 'vitest';
import { alias, buildMatcher, found } from './helpers';

const m = buildMatcher([
  alias('CSTO', 'org:csto', { cs: true }),
  alias('CSTO PA', 'body:csto-pa', { cs: true }),
  alias('CSTO Parliamentary Assembly', 'body:csto-pa'),
  alias('Parliamentary Assembly', 'body:generic-pa'),
  alias('Collective Security Treaty', 'document:treaty'),
  alias('Collective Security Treaty Organization', 'org:csto'),
  alias('Treaty Organization', 'x:treaty-org'),
  alias('Security Council', 'body:security-council'),
  alias('Collective Security', 'x:collective-security'),
]);

describe('overlapping aliases: leftmost-longest, non-overlapping', () => {
  it.each([
    ['short alone', 'the CSTO said', [['CSTO', 'org:csto']]],
    ['two words beat one', 'the CSTO PA said', [['CSTO PA', 'body:csto-pa']]],
    ['three words beat two', 'the CSTO Parliamentary Assembly said', [['CSTO Parliamentary Assembly', 'body:csto-pa']]],
    ['longest that fits', 'the CSTO Parliamentary Council', [['CSTO', 'org:csto']]],
    ['falls back to the longest complete prefix', 'the CSTO PAX', [['CSTO', 'org:csto']]],
    ['full name beats its prefix', 'Collective Security Treaty Organization', [['Collective Security Treaty Organization', 'org:csto']]],
    ['prefix when the rest is missing', 'Collective Security Treaty of 1992', [['Collective Security Treaty', 'document:treaty']]],
    ['leftmost wins over a longer match starting later', 'Collective Security Council', [['Collective Security', 'x:collective-security']]],
    ['adjacent matches', 'CSTO CSTO PA CSTO', [['CSTO', 'org:csto'], ['CSTO PA', 'body:csto-pa'], ['CSTO', 'org:csto']]],
    ['a later alias may start right after a match', 'CSTO Parliamentary Assembly Security Council', [['CSTO Parliamentary Assembly', 'body:csto-pa'], ['Security Council', 'body:security-council']]],
  ])('%s', (_name, text, want) => {
    expect(found(m, text)).toEqual(want);
  });

  it('same form, two entities: the plain alias wins over the ambiguous one, then input order', () => {
    const m2 = buildMatcher([
      alias('Channel', 'tv:channel', { context: { cues: ['operation'] } }),
      alias('Channel', 'op:channel-1'),
      alias('Channel', 'op:channel-2'),
    ]);
    expect(found(m2, 'operation Channel')).toEqual([['Channel', 'op:channel-1']]);
  });

  it('the exact-case alias wins a tie with a case-insensitive one', () => {
    const m2 = buildMatcher([alias('Csto', 'x:folded'), alias('CSTO', 'org:csto', { cs: true })]);
    expect(found(m2, 'CSTO csto')).toEqual([['CSTO', 'org:csto'], ['csto', 'x:folded']]);
  });

  it('aliasCount counts compiled aliases and skips empty ones', () => {
    const m2 = buildMatcher([alias('CSTO', 'a', { cs: true }), alias('  ', 'b'), alias('\u00ad', 'c'), alias('x', 'd')]);
    expect(m2.aliasCount).toBe(2);
    expect(buildMatcher([]).scan('anything')).toEqual([]);
  });
});
