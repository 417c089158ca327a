import { NOTE_SWATCH, type NoteColor } from './ColorPicker';

export interface RecentHighlightsProps {
  items: { id: string; quote: string; title: string; color: NoteColor; note?: string; tags?: string[] }[];
  onOpen: (id: string) => void;
  /** The list's heading (and accessible name). */
  label?: string;
  testId?: string;
}

/** The reader's latest highlights, for the popup. */
export function RecentHighlights({ items, onOpen, label = 'Recent highlights', testId = 'recent-highlights' }: RecentHighlightsProps) {
  if (items.length === 0) return null;
  return (
    <section aria-label={label} data-testid={testId}>
      <h2>{label}</h2>
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
            {h.note && <div className="note-text">{h.note.length > 140 ? `${h.note.slice(0, 138)}…` : h.note}</div>}
            {h.tags && h.tags.length > 0 && <div className="muted">{h.tags.map((t) => `#${t}`).join(' ')}</div>}
          </li>
        ))}
      </ul>
    </section>
  );
}
