// The real entity matcher (lib/match/entities.ts, as the page and the background run it) over a
// few aliases, for the controller tests: what they draw is what the extension would match.

import type { EntityType } from '../../../lib/model/types';
import { EntityMatcher, type MatcherData } from '../../../lib/match/entities';

const ALIASES: [string, string, EntityType, boolean][] = [
  ['Collective Security Treaty Organization', 'org:csto', 'organization', false],
  ['CSTO', 'org:csto', 'organization', true],
  ['Collective Security Treaty', 'document:collective-security-treaty', 'document', false],
  ['CSTO Secretary General', 'body:csto-secretary-general', 'body', false],
  ['Sergey Lavrov', 'person:sergey-lavrov', 'person', false],
  ['Lavrov', 'person:sergey-lavrov', 'person', false],
  ['Stanislav Zas', 'person:stanislav-zas', 'person', false],
  ['Russia', 'country:russia', 'country', false],
  ['Belarus', 'country:belarus', 'country', false],
  ['Kazakhstan', 'country:kazakhstan', 'country', false],
  ['Moscow', 'place:moscow', 'place', false],
];

export const MATCHER_DATA: MatcherData = {
  build: 'test',
  aliases: ALIASES.map(([text, entityId, , caseSensitive]) => ({ text, entityId, caseSensitive })),
  types: Object.fromEntries(ALIASES.map(([, id, type]) => [id, type])),
  hidden: [],
};

export const testMatcher = new EntityMatcher(MATCHER_DATA);
