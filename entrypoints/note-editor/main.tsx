import { createRoot } from 'react-dom/client';
import '../../components/page-ui.css';
import '../../components/note-editor.css';
import { NoteEditorApp } from '../../lib/page-ui/note-editor-app';

// The note editor: an extension page shown in an iframe on the reader's page, so the note, its
// tags and the keys typed into it stay in the extension's origin (the page can read none of it).
// Its URL's fragment holds the ticket the background gave the content script, and the theme.
const params = new URLSearchParams(location.hash.slice(1));
const root = document.getElementById('root')!;
root.dataset.theme = params.get('theme') === 'dark' ? 'dark' : 'light';
createRoot(root).render(<NoteEditorApp token={params.get('t') ?? ''} />);
