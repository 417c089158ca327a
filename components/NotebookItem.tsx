import { useState } from 'react';
import { AnnotationPanel, type AnnotationDraft } from './AnnotationPanel';
import { NOTE_SWATCH, type NoteColor } from './ColorPicker';

export interface NotebookEntry {
  id: string;
  quote: string;
  note: string;
  tags: string[];
  color: NoteColor;
  created: string;
  title: string;
  source: string;
  orphan: boolean;
  /** Imported with a position but no quote: anchored by position only. */
  byPosition: boolean;
  entityNames: string[];
}

export interface NotebookItemProps {
  entry: NotebookEntry;
  showPage: boolean;
  onSave: (id: string, draft: AnnotationDraft) => void;
  onDelete: (id: string) => void;
  onOpen: (id: string) => void;
}

/** One highlight in the notebook: quote, note, tags, its page; edit in place, delete, open. */
export function NotebookItem({ entry: e, showPage, onSave, onDelete, onOpen }: NotebookItemProps) {
  const [editing, setEditing] = useState(false);
  return (
    <li className="nb-item" data-annotation-id={e.id} style={{ borderLeft: `4px solid ${NOTE_SWATCH[e.color]}` }}>
      {editing ? (
        <AnnotationPanel
          quote={e.quote}
          draft={{ note: e.note, tags: e.tags, color: e.color }}
          mode="new"
          onSave={(d) => {
            onSave(e.id, d);
            setEditing(false);
          }}
          onClose={() => setEditing(false)}
        />
      ) : (
        <>
          {e.quote ? <blockquote className="nb-quote">{e.quote}</blockquote> : <p className="nb-quote muted">(no quote yet)</p>}
          {e.byPosition && (
            <p className="by-position muted" role="note">
              {e.quote ? 'Anchored by position only: this quote was read from the page where the imported position pointed.' : 'Anchored by position only: the quote is read from the page when you next open it.'}
            </p>
          )}
          {e.orphan && (
            <p className="orphan" role="note">
              Not found on the page at the last visit (orphan): kept with its quote.
            </p>
          )}
          {e.note && <p className="nb-note">{e.note}</p>}
          <p className="nb-meta muted">
            {e.tags.map((t) => (
              <span key={t} className="chip">
                #{t}
              </span>
            ))}{' '}
            {e.entityNames.length > 0 && <span>· {e.entityNames.join(', ')} </span>}· {e.created.slice(0, 10)}
            {showPage && (
              <>
                {' '}
                · <span title={e.source}>{e.title || e.source}</span>
              </>
            )}
          </p>
          <div className="row nb-actions">
            <button type="button" onClick={() => onOpen(e.id)}>
              Open
            </button>
            <button type="button" className="edit" onClick={() => setEditing(true)}>
              Edit
            </button>
            <button type="button" className="delete" onClick={() => onDelete(e.id)}>
              Delete
            </button>
          </div>
        </>
      )}
    </li>
  );
}
