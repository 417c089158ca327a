import { useState } from 'react';
import { ColorPicker, type NoteColor } from './ColorPicker';

export interface AnnotationDraft {
  note: string;
  tags: string[];
  color: NoteColor;
}

export interface AnnotationPanelProps {
  /** The quote, for context. */
  quote: string;
  draft: AnnotationDraft;
  /** 'new': a highlight about to be saved; 'view': an existing one (edit on demand). */
  mode: 'new' | 'view';
  error?: string | null;
  onSave: (draft: AnnotationDraft) => void;
  onDelete?: () => void;
  onClose: () => void;
}

export const parseTags = (s: string): string[] =>
  s
    .split(/[,\n]/)
    .map((t) => t.trim())
    .filter(Boolean);

/** A reader's highlight: its note and tags, editable in place. */
export function AnnotationPanel({ quote, draft, mode, error, onSave, onDelete, onClose }: AnnotationPanelProps) {
  const [editing, setEditing] = useState(mode === 'new');
  const [note, setNote] = useState(draft.note);
  const [tags, setTags] = useState(draft.tags.join(', '));
  const [color, setColor] = useState<NoteColor>(draft.color);
  return (
    <div className="card note-panel" role="dialog" aria-label={mode === 'new' ? 'New highlight' : 'Highlight'}>
      <header className="card-head">
        <h2>{mode === 'new' ? 'New highlight' : 'Your highlight'}</h2>
        <button type="button" className="close" onClick={onClose} aria-label="Close">
          ×
        </button>
      </header>
      <blockquote className="muted">{quote.length > 200 ? `${quote.slice(0, 198)}…` : quote}</blockquote>
      {error && <p role="alert">{error}</p>}
      {editing ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            onSave({ note, tags: parseTags(tags), color });
          }}
          onKeyDown={(e) => {
            // Ctrl+Enter (Cmd+Enter) saves from any field.
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              e.currentTarget.requestSubmit();
            }
          }}
        >
          <label className="field">
            Note
            <textarea name="note" rows={3} value={note} onChange={(e) => setNote(e.target.value)} autoFocus />
          </label>
          <label className="field">
            Tags (comma separated)
            <input name="tags" value={tags} onChange={(e) => setTags(e.target.value)} />
          </label>
          <div className="row">
            <ColorPicker label="Colour" value={color} onPick={setColor} />
            <button type="submit" className="save">
              Save
            </button>
          </div>
        </form>
      ) : (
        <>
          {draft.note ? <p className="note-text">{draft.note}</p> : <p className="muted">No note.</p>}
          {draft.tags.length > 0 && (
            <p className="tags">
              {draft.tags.map((t) => (
                <span key={t} className="chip">
                  #{t}
                </span>
              ))}
            </p>
          )}
          <div className="row">
            <button type="button" className="edit" onClick={() => setEditing(true)}>
              Edit
            </button>
            {onDelete && (
              <button type="button" className="delete" onClick={onDelete}>
                Delete
              </button>
            )}
          </div>
        </>
      )}
    </div>
  );
}
