import { NOTE_SWATCH, type NoteColor } from './ColorPicker';

export interface RecentHighlightsProps {
  items: { id: string; quote: string; title: string; color: NoteColor }[];
  onOpen: (id: string) => void;
}

/** The reader's latest highlights, for the popup. */
export function RecentHighlights({ items, onOpen }: RecentHighlightsProps) {
  if (items.length === 0) return null;
  return (
    <section aria-label="Recent highlights" data-testid="recent-highlights">
      <h2>Recent highlights</h2>
      <ul>
        {items.map((h) => (
          <li key={h.id} style={{ borderLeft: `3px solid ${NOTE_SWATCH[h.color]}`, paddingLeft: 6, margin: '4px 0' }}>
            <a
              href="#"
              title={h.title}
              onClick={(e) => {
                e.preventDefault();
                onOpen(h.id);
              }}
            >
              “{h.quote.length > 70 ? `${h.quote.slice(0, 68)}…` : h.quote}”
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
