import { ColorPicker, type NoteColor } from './ColorPicker';

export interface SelectionToolbarProps {
  onHighlight: (color: NoteColor) => void;
  onAnnotate: () => void;
  onRelated: () => void;
}

/** The small toolbar next to a text selection: highlight in a colour, add a note and tags, related statements. */
export function SelectionToolbar({ onHighlight, onAnnotate, onRelated }: SelectionToolbarProps) {
  return (
    <div className="toolbar" role="toolbar" aria-label="CSTO Lens selection">
      <ColorPicker label="Highlight" onPick={onHighlight} />
      <button type="button" className="annotate" onClick={onAnnotate}>
        Note…
      </button>
      <button type="button" className="related" onClick={onRelated}>
        Related statements
      </button>
    </div>
  );
}
