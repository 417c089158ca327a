import { useEffect, useState } from 'react';
import { AnnotationPanel, type AnnotationDraft } from '../../components/AnnotationPanel';
import { sendMessage } from '../protocol/to-background';
import type { NoteEditorView } from '../kb/note-editor';

// The note editor's behaviour (inside the extension frame): load what the ticket opens, save,
// delete with undo, close; Esc closes, Ctrl+Enter saves (AnnotationPanel). Every message goes to
// the background, never to the page.

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Focuses the note field once this frame has the focus (the content script gives it on load). */
function focusNote(): void {
  const field = document.querySelector<HTMLTextAreaElement>('textarea[name="note"]');
  if (field && document.activeElement !== field) field.focus();
}

export function NoteEditorApp({ token }: { token: string }) {
  const [view, setView] = useState<NoteEditorView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    sendMessage('noteEditorLoad', { token }).then(setView, (err: unknown) => setError(errorText(err)));
  }, [token]);

  useEffect(() => {
    if (!view) return;
    focusNote();
    window.addEventListener('focus', focusNote);
    return () => window.removeEventListener('focus', focusNote);
  }, [view]);

  const close = () => void sendMessage('noteEditorClose', { token }).catch(() => {});
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        close();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const save = async (draft: AnnotationDraft) => {
    if (saving) return;
    setSaving(true);
    try {
      setView(await sendMessage('noteEditorSave', { token, draft }));
      setError(null);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setSaving(false);
    }
  };
  const act = async (kind: 'noteEditorDelete' | 'noteEditorRestore') => {
    try {
      setView(await sendMessage(kind, { token }));
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  };

  if (!view) {
    return error ? (
      <div className="card note-panel" role="alert">
        {error}
      </div>
    ) : (
      <div className="card note-panel muted">Loading…</div>
    );
  }
  if (view.deleted) {
    return (
      <div className="card note-panel" role="status">
        <div className="undo-bar">
          <span>Highlight deleted.</span>
          {/* The Delete button that had the focus is gone: the focus goes to Undo, not to the frame's body. */}
          <button type="button" className="undo" autoFocus onClick={() => void act('noteEditorRestore')}>
            Undo
          </button>
          <button type="button" className="close" onClick={close} aria-label="Close">
            ×
          </button>
        </div>
        {error && <p role="alert">{error}</p>}
      </div>
    );
  }
  return (
    <AnnotationPanel
      key={`${view.mode}:${view.id ?? ''}`}
      quote={view.quote}
      draft={view}
      mode={view.mode}
      error={error}
      onSave={(d) => void save(d)}
      {...(view.mode === 'view' ? { onDelete: () => void act('noteEditorDelete') } : {})}
      onClose={close}
    />
  );
}
