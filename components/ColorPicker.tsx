import { NOTE_PALETTE } from '../lib/ui/palette';
export const NOTE_COLORS = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;
export type NoteColor = (typeof NOTE_COLORS)[number];

/** Each note colour's fill (the one palette, lib/ui/palette.ts). */
export const NOTE_SWATCH = Object.fromEntries(NOTE_COLORS.map((c) => [c, NOTE_PALETTE[c]])) as Record<NoteColor, string>;

export interface ColorPickerProps {
  value?: NoteColor;
  onPick: (color: NoteColor) => void;
  label: string;
  /** Keyboard shortcuts of some colours, shown in their tooltips ("Alt+Shift+Y"). */
  shortcuts?: Partial<Record<NoteColor, string>>;
}

/** Five colour buttons, reachable by keyboard. */
export function ColorPicker({ value, onPick, label, shortcuts = {} }: ColorPickerProps) {
  return (
    <span role="group" aria-label={label} className="colors">
      {NOTE_COLORS.map((c) => (
        <button
          key={c}
          type="button"
          className="color"
          data-color={c}
          aria-label={`${label}: ${c}`}
          title={shortcuts[c] ? `${label}: ${c} (${shortcuts[c]})` : `${label}: ${c}`}
          {...(shortcuts[c] ? { 'aria-keyshortcuts': shortcuts[c] } : {})}
          aria-pressed={value === c}
          onClick={() => onPick(c)}
          style={{ background: NOTE_SWATCH[c], outline: value === c ? '2px solid currentColor' : undefined }}
        />
      ))}
    </span>
  );
}
