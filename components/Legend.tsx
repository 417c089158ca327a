import type { EntityType } from '../lib/model/types';
import { TYPE_LABELS } from '../lib/ui/entity-colors';
import { ENTITY_PALETTE, ENTITY_TINT_ALPHA, NOTE_INK, NOTE_PALETTE } from '../lib/ui/palette';

export interface LegendProps {
  /** The entity types drawn on the page, in the order to show them. */
  types: readonly EntityType[];
}

const tint = (hex: string, alpha: number) => `${hex}${Math.round(alpha * 255).toString(16).padStart(2, '0')}`;

/** Which tint is which type on the page, and what the reader's own notes look like (a solid fill). */
export function Legend({ types }: LegendProps) {
  if (types.length === 0) return null;
  return (
    <ul className="legend" aria-label="Highlight colours" data-testid="legend">
      {types.map((type) => {
        const [color] = ENTITY_PALETTE[type];
        return (
          <li key={type} data-type={type}>
            <span className="legend-sample" style={{ background: tint(color, ENTITY_TINT_ALPHA.light + 0.1), borderBottom: `2px solid ${color}` }}>
              Aa
            </span>{' '}
            {TYPE_LABELS[type]}
          </li>
        );
      })}
      <li data-type="note">
        <span className="legend-sample" style={{ background: NOTE_PALETTE.yellow, color: NOTE_INK }}>
          Aa
        </span>{' '}
        Your notes
      </li>
    </ul>
  );
}
