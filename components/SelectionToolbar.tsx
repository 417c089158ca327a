import { ColorPicker, type NoteColor } from './ColorPicker';

export interface SelectionToolbarProps {
  onHighlight: (color: NoteColor) => void;
  onAnnotate: () => void;
  onRelated: () => void;
  /** The "highlight the selection" command's keys, shown in the tooltip. */
  highlightShortcut?: string;
}

/** The small toolbar next to a text selection: highlight in a colour, add a note and tags, related statements. */
export function SelectionToolbar({ onHighlight, onAnnotate, onRelated, highlightShortcut = 'Alt+Shift+Y' }: SelectionToolbarProps) {
  // WAI APG toolbar: the arrow keys (and Home, End) move among its buttons.
  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1, Home: -Infinity, End: Infinity }[e.key];
    if (step === undefined) return;
    const buttons = [...e.currentTarget.querySelectorAll('button')];
    const at = buttons.indexOf(e.target as HTMLButtonElement);
    if (at < 0) return;
    e.preventDefault();
    const to = step === -Infinity ? 0 : step === Infinity ? buttons.length - 1 : (at + step + buttons.length) % buttons.length;
    buttons[to]?.focus();
  };
  return (
    <div className="toolbar" role="toolbar" aria-label="CSTO Lens selection" onKeyDown={onKeyDown}>
      <ColorPicker label="Highlight" onPick={onHighlight} shortcuts={{ yellow: highlightShortcut }} />
      <button type="button" className="annotate" onClick={onAnnotate} title="Add a note and tags (in the note: Ctrl+Enter saves, Esc closes)">
        Note…
      </button>
      <button type="button" className="related" onClick={onRelated} title="Statements of the knowledge base related to the selected passage">
        Related statements
      </button>
    </div>
  );
}
