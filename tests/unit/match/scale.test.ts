import { describe, expect, it } from 'vitest';
import { alias, buildMatcher, found } from './helpers';
import { rng, syntheticAliases } from './synthetic';

// Correctness with a knowledge base two orders of magnitude larger than the real one.
const synthetic = syntheticAliases(20_000);
const real = [
  alias('CSTO', 'org:csto', { cs: true }),
  alias('ОДКБ', 'org:csto', { cs: true }),
  alias('Collective Security Treaty Organization', 'org:csto'),
  alias('CSTO Parliamentary Assembly', 'body:csto-pa'),
  alias('Лавров*', 'person:lavrov'),
  alias('Interaction', 'exercise:interaction', { context: { cues: ['exercise'], yearSuffix: true } }),
];
const m = buildMatcher([...synthetic, ...real]);

describe('a 20,000-alias synthetic knowledge base', () => {
  it('compiles every alias', () => {
    expect(m.aliasCount).toBe(20_000 + real.length);
  });

  it('still finds the real aliases, and only them, in real prose', () => {
    const text =
      'The CSTO Parliamentary Assembly met as Лаврова and the Collective Security Treaty ' +
      'Organization’s staff watched Interaction-2023; ОДКБ said the CSTO would meet. Social interaction.';
    expect(found(m, text)).toEqual([
      ['CSTO Parliamentary Assembly', 'body:csto-pa'],
      ['Лаврова', 'person:lavrov'],
      ['Collective Security Treaty Organization', 'org:csto'],
      ['Interaction-2023', 'exercise:interaction'],
      ['ОДКБ', 'org:csto'],
      ['CSTO', 'org:csto'],
    ]);
  });

  const r = rng(7);
  const sample = Array.from({ length: 300 }, () => synthetic[Math.floor(r() * synthetic.length)]!).filter(
    (a) => !a.context,
  );

  it('finds each of 300 sampled aliases on its own', () => {
    const got = sample.map((a) => {
      const surface = a.text.endsWith('*') ? a.text.slice(0, -1) + 'ом' : a.text;
      return found(m, `Reported 000 ${surface}, 000.`);
    });
    const want = sample.map((a) => [[a.text.endsWith('*') ? a.text.slice(0, -1) + 'ом' : a.text, a.entityId]]);
    expect(got).toEqual(want);
  });

  it('finds all of them in one long text, in order', () => {
    const surfaces = sample.map((a) => (a.text.endsWith('*') ? a.text.slice(0, -1) : a.text));
    const text = surfaces.join(' — 000 — ');
    expect(found(m, text)).toEqual(sample.map((a, i) => [surfaces[i], a.entityId]));
  });
});
