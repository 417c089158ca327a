import type { EntityType } from '../model/types';
import { ENTITY_PALETTE } from './palette';

/** One colour per entity type (the light variant of the one palette), for the extension's pages. */
export const TYPE_COLORS = Object.fromEntries(Object.entries(ENTITY_PALETTE).map(([type, [light]]) => [type, light])) as Record<EntityType, string>;

export const TYPE_LABELS: Record<EntityType, string> = {
  organization: 'Organizations',
  body: 'Bodies',
  person: 'People',
  country: 'Countries',
  place: 'Places',
  operation: 'Operations',
  exercise: 'Exercises',
  programme: 'Programmes',
  group: 'Groups',
  event: 'Events',
  document: 'Documents',
};
