import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { AnnotationStore } from '../../../lib/annotations/store';
import { LensDb } from '../../../lib/db/database';
import { NoteEditorError, NoteEditorSessions, type EditorSender } from '../../../lib/kb/note-editor';
import { span } from '../annotations/fixtures';

// The background's side of the note editor frame: a ticket opened by a content script is usable
// only by the extension's editor page in the same tab; save makes one note (then edits it);
// delete offers undo; every change tells the tab's content script to redraw.

const EDITOR = 'chrome-extension://id/note-editor.html';
const SOURCE = 'https://news.example.com/a';
const content: EditorSender = { url: SOURCE, tab: { id: 4 }, frameId: 0 };
const frame: EditorSender = { url: `${EDITOR}#t=x`, tab: { id: 4 }, frameId: 9 };
const dbs: string[] = [];

function setup() {
  const name = `note-editor-${dbs.length}-${Math.random()}`;
  dbs.push(name);
  const notes = new AnnotationStore(new LensDb(name));
  const told: { tabId: number; frameId: number; done: { token: string; changed: boolean; closed: boolean } }[] = [];
  const sessions = new NoteEditorSessions({
    notes,
    entitiesIn: async () => ['person:sergey-lavrov'],
    notify: async (tabId, frameId, done) => void told.push({ tabId, frameId, done }),
    editorUrl: EDITOR,
  });
  return { notes, sessions, told };
}
afterEach(async () => {
  for (const n of dbs.splice(0)) await Dexie.delete(n);
});

const newNote = { mode: 'new' as const, source: SOURCE, title: 'T', selector: span('Sergey Lavrov'), color: 'green' as const };

describe('NoteEditorSessions', () => {
  it.each<[string, EditorSender]>([
    ['the content script itself (a page URL)', content],
    ['an editor frame in another tab', { ...frame, tab: { id: 5 } }],
    ['another extension page', { url: 'chrome-extension://id/popup.html', tab: { id: 4 } }],
    ['a page that framed a copy of the editor’s URL elsewhere', { url: 'https://evil.example/note-editor.html', tab: { id: 4 } }],
    ['no sender URL', { tab: { id: 4 } }],
  ])('refuses the ticket to %s', async (_name, sender) => {
    const { sessions } = setup();
    const { token } = await sessions.open(content, newNote);
    await expect(sessions.load(sender, token)).rejects.toThrow(NoteEditorError);
    await expect(sessions.save(sender, token, { note: 'x', tags: [], color: 'yellow' })).rejects.toThrow(NoteEditorError);
  });

  it('refuses an unknown ticket, and a content script outside a tab', async () => {
    const { sessions } = setup();
    await expect(sessions.load(frame, 'no-such-ticket')).rejects.toThrow(/expired/);
    await expect(sessions.open({ url: SOURCE }, newNote)).rejects.toThrow(/tab/);
    await expect(sessions.open(content, { mode: 'view', id: 'missing' })).rejects.toThrow(/no note/);
  });

  it('new: loads the quote; save creates one note with its text, tags and entities, and closes the editor', async () => {
    const { sessions, notes, told } = setup();
    const { token } = await sessions.open(content, newNote);
    expect(await sessions.load(frame, token)).toMatchObject({ mode: 'new', id: null, quote: 'Sergey Lavrov', note: '', color: 'green' });
    const saved = await sessions.save(frame, token, { note: 'the deal is off', tags: ['lead'], color: 'blue' });
    expect(saved).toMatchObject({ mode: 'view', note: 'the deal is off', tags: ['lead'], color: 'blue', deleted: false });
    const all = await notes.forPage(SOURCE);
    expect(all).toHaveLength(1);
    expect(all[0]!.entityIds).toEqual(['person:sergey-lavrov']);
    expect(told).toEqual([{ tabId: 4, frameId: 0, done: { token, changed: true, closed: true } }]);
    // Closed: the ticket is spent.
    await expect(sessions.save(frame, token, { note: 'again', tags: [], color: 'blue' })).rejects.toThrow(/expired/);
    expect(await notes.forPage(SOURCE)).toHaveLength(1);
  });

  it('view: edit saves the note; delete keeps the editor open with undo; restore brings it back', async () => {
    const { sessions, notes, told } = setup();
    const a = await notes.create({ ...newNote, note: 'first', tags: ['t'] });
    const open = () => sessions.open(content, { mode: 'view', id: a.id });
    let { token } = await open();
    expect(await sessions.load(frame, token)).toMatchObject({ mode: 'view', id: a.id, note: 'first', tags: ['t'] });
    await sessions.save(frame, token, { note: 'second', tags: [], color: 'pink' });
    expect((await notes.forPage(SOURCE))[0]).toMatchObject({ color: 'pink' });

    ({ token } = await open());
    expect(await sessions.remove(frame, token)).toMatchObject({ deleted: true });
    expect(await notes.forPage(SOURCE)).toEqual([]);
    expect(await sessions.restore(frame, token)).toMatchObject({ deleted: false, note: 'second' });
    expect(await notes.forPage(SOURCE)).toHaveLength(1);
    await sessions.close(frame, token);
    expect(told.map((t) => t.done)).toEqual([
      { token: expect.any(String), changed: true, closed: true },
      { token, changed: true, closed: false },
      { token, changed: true, closed: false },
      { token, changed: false, closed: true },
    ]);
  });
});
