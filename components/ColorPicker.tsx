export const NOTE_COLORS = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;
export type NoteColor = (typeof NOTE_COLORS)[number];

export const NOTE_SWATCH: Record<NoteColor, string> = {
  yellow: '#facc15',
  green: '#4ade80',
  blue: '#60a5fa',
  pink: '#f472b6',
  purple: '#c084fc',
};

export interface ColorPickerProps {
  value?: NoteColor;
  onPick: (color: NoteColor) => void;
  label: string;
}

/** Five colour buttons, reachable by keyboard. */
export function ColorPicker({ value, onPick, label }: ColorPickerProps) {
  return (
    <span role="group" aria-label={label} className="colors">
      {NOTE_COLORS.map((c) => (
        <button
          key={c}
          type="button"
          className="color"
          data-color={c}
          aria-label={`${label}: ${c}`}
          aria-pressed={value === c}
          onClick={() => onPick(c)}
          style={{ background: NOTE_SWATCH[c], outline: value === c ? '2px solid currentColor' : undefined }}
        />
      ))}
    </span>
  );
}
