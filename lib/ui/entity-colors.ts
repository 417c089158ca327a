import type { EntityType } from '../model/types';

/** One colour per entity type, shared by the page highlights and the extension's pages. */
export const TYPE_COLORS: Record<EntityType, string> = {
  organization: '#2f6fde',
  body: '#7a4fd6',
  person: '#d9822b',
  country: '#1e9e6a',
  place: '#3a9fb0',
  operation: '#d6455d',
  exercise: '#c2569b',
  programme: '#8a8f2a',
  group: '#b23a3a',
  event: '#6a7b8c',
  document: '#8d6e4f',
};

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
