export interface SelectionToolbarProps {
  onRelated: () => void;
}

/** The small toolbar shown next to a text selection. */
export function SelectionToolbar({ onRelated }: SelectionToolbarProps) {
  return (
    <div className="toolbar" role="toolbar" aria-label="CSTO Lens selection">
      <button type="button" onClick={onRelated}>
        Related statements
      </button>
    </div>
  );
}
