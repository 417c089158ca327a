import { describe, expect, it } from 'vitest';
import registryJson from '../../../assets/registry.json';
import { parseRegistry } from '../../../lib/registry/aliases';
import { evaluate, loadParagraphs, matcherFor, probe } from '../../../scripts/ru-eval';
import { CASE_NAMES, CORE_FORMS } from './ru-cases';

// The targets on Russian news-like text (scripts/ru-eval.ts prints the figures and the misses):
// precision and recall at least 95 %, every case form of the core names found at least 95 % of the time.

const matcher = matcherFor(parseRegistry(registryJson), true);

describe('Russian evaluation', () => {
  it.each(CASE_NAMES.map((c) => [c]))('six-case probe: %s at least 95 %%', (c) => {
    expect(probe(matcher)[c]! / CORE_FORMS.length).toBeGreaterThanOrEqual(0.95);
  });

  it.each([['paragraphs' as const], ['held-out' as const]])('%s: precision and recall at least 95 %%', (set) => {
    const e = evaluate(matcher, loadParagraphs(set));
    expect(e.precision, e.extras.join('; ')).toBeGreaterThanOrEqual(0.95);
    expect(e.recall, e.misses.join('; ')).toBeGreaterThanOrEqual(0.95);
  });
});
