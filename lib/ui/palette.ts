import type { EntityType } from '../model/types';

// The one palette of CSTO Lens: the page's highlights (lib/dom/highlight-styles.ts), the popup, the
// options, the card, the notebook and the viewer all read their colours here, so a type has one colour
// everywhere.
//
// Entities and the reader's notes must never be taken for each other (issue 14.4). Eleven entity hues
// already go round the colour wheel, so no hue set is free for notes; they differ in kind instead:
// - an entity is a light *tint* (its colour at ENTITY_TINT_ALPHA over the page), in the variant for the
//   page's own background (lib/dom/page-theme.ts), so the page's text keeps its colour;
// - a note is a *solid marker fill*, the same on light and dark pages, with its own dark ink
//   (NOTE_INK), as a highlighter pen on paper.
// tests/unit/ui/palette-contrast.test.ts checks both: WCAG AA text on each, the tints visible on light
// and dark pages, and every note fill far (ΔE_OK) from every entity tint.

/** Each entry is [on a light background, on a dark background]. */
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

/** Opacity of an entity's tint over the page's background. */
export const ENTITY_TINT_ALPHA = { light: 0.22, dark: 0.3 } as const;

/** The reader's note colours (the names are stored in annotations): opaque marker fills. */
export const NOTE_PALETTE = {
  yellow: '#facc15',
  green: '#4ade80',
  blue: '#60a5fa',
  pink: '#f472b6',
  purple: '#c084fc',
} as const satisfies Record<string, string>;

/** The text colour over a note's fill, on any page (at least 7:1 on every fill). */
export const NOTE_INK = '#111111';
