import type { EntityType } from '../model/types';

// The one palette of CSTO Lens: the page's highlights (lib/dom/highlight-styles.ts), the popup, the
// options, the card, the notebook and the viewer all read their colours here, so a type has one colour
// everywhere. Each entry is [on a light background, on a dark background].

export const ENTITY_PALETTE: Record<EntityType, readonly [light: string, dark: string]> = {
  organization: ['#2563eb', '#60a5fa'],
  body: ['#7c3aed', '#a78bfa'],
  person: ['#db2777', '#f472b6'],
  country: ['#16a34a', '#4ade80'],
  place: ['#0d9488', '#2dd4bf'],
  operation: ['#dc2626', '#f87171'],
  exercise: ['#ea580c', '#fb923c'],
  programme: ['#a16207', '#facc15'],
  group: ['#0891b2', '#22d3ee'],
  event: ['#c026d3', '#e879f9'],
  document: ['#475569', '#94a3b8'],
};

/** The reader's note colours, by the name stored in an annotation. */
export const NOTE_PALETTE = {
  yellow: ['#facc15', '#ca8a04'],
  green: ['#4ade80', '#16a34a'],
  blue: ['#60a5fa', '#2563eb'],
  pink: ['#f472b6', '#db2777'],
  purple: ['#c084fc', '#9333ea'],
} as const satisfies Record<string, readonly [string, string]>;
