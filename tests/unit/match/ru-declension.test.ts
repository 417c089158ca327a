import { describe, expect, it } from 'vitest';
import registryJson from '../../../assets/registry.json';
import { parseRegistry, registryAliases } from '../../../lib/registry/aliases';
import { buildMatcher, found } from './helpers';
import { CASE_NAMES, CORE_FORMS, FRAMES, fill } from './ru-cases';

// Every core name in all six cases, each in a sentence: the whole name is one span of its entity
// (first names decline with the surname, adjectives with their noun).

const matcher = buildMatcher(registryAliases(parseRegistry(registryJson)));

const rows = CORE_FORMS.flatMap(([id, ...forms]) =>
  CASE_NAMES.map((c, i) => {
    const frames = FRAMES[c];
    const frame = frames[(id.length + i) % frames.length]!;
    return [c, forms[i]!, id, fill(frame, forms[i]!)] as const;
  }),
);

describe('Russian names in all six cases (generated forms)', () => {
  it.each(rows)('%s: %s', (_case, form, id, sentence) => {
    expect(found(matcher, sentence)).toContainEqual([form, id]);
  });
});
