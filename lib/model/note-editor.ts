// The note editor frame's messages' data (content script / editor frame ↔ background). Plain types.
import type { CodePointSpan, Color, SelectorPair } from './annotation';

export type NoteEditorRequest =
  | { mode: 'new'; source: string; title: string; selector: SelectorPair; codePoints?: CodePointSpan; color?: Color }
  | { mode: 'view'; id: string };

export interface NoteEditorView {
  mode: 'new' | 'view';
  /** The annotation's id once it exists. */
  id: string | null;
  quote: string;
  note: string;
  tags: string[];
  color: Color;
  /** Deleted from the editor (it offers undo). */
  deleted: boolean;
}

export interface NoteEditorDraft {
  note: string;
  tags: string[];
  color: Color;
}
