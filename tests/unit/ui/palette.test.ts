import { describe, expect, it } from 'vitest';
import { NOTE_COLORS, NOTE_SWATCH } from '../../../components/ColorPicker';
import { STYLE_PALETTE } from '../../../lib/dom/highlight-styles';
import { ENTITY_TYPES } from '../../../lib/model/types';
import { TYPE_COLORS } from '../../../lib/ui/entity-colors';

// One palette everywhere (issue 14, point 4): the page's highlights and the extension's pages agree.
const hex = (rgb: readonly number[]) => `#${rgb.map((n) => n.toString(16).padStart(2, '0')).join('')}`;

describe('one palette', () => {
  it.each(ENTITY_TYPES.map((t) => [t]))('%s: the page highlight and the popup/options/card swatch are one colour', (type) => {
    expect(STYLE_PALETTE[type]?.kind).toBe('entity');
    expect(hex(STYLE_PALETTE[type]!.light)).toBe(TYPE_COLORS[type]);
  });

  it.each(NOTE_COLORS.map((c) => [c]))('note colour %s: the drawn note and the notebook swatch are one colour', (color) => {
    expect(STYLE_PALETTE[`note-${color}`]?.kind).toBe('note');
    expect(hex(STYLE_PALETTE[`note-${color}`]!.light)).toBe(NOTE_SWATCH[color]);
  });
});
