import type { AnnotationStore } from '../annotations/store';
import { noteOf, quoteOf, tagsOf, type Annotation } from '../annotations/model';
import type { NoteEditorRequest, NoteEditorView, NoteEditorDraft } from '../model/note-editor';
export type { NoteEditorRequest, NoteEditorView, NoteEditorDraft };

// The background's side of the note editor, an extension page in an iframe on the reader's page
// (entrypoints/note-editor): the reader's note text, tags and colour only ever pass between this
// worker and that extension-origin frame, never through the page's DOM or the content script.
// The content script opens an editor for a selection or a note and gets a ticket (a random token
// the frame's URL carries); only the extension's editor frame in that same tab may use it.

interface Ticket {
  tabId: number;
  frameId: number;
  request: NoteEditorRequest;
}

export interface EditorSender {
  url?: string;
  tab?: { id?: number };
  frameId?: number;
}

export interface NoteEditorDeps {
  notes: AnnotationStore;
  entitiesIn(text: string): Promise<string[]>;
  /** Tells the content script of the ticket's frame that its notes changed and/or the editor closed. */
  notify(tabId: number, frameId: number, done: { token: string; changed: boolean; closed: boolean }): Promise<void>;
  /** Where the editor page lives: its URL must start with this. */
  editorUrl: string;
  /** Where tickets outlive a restart of the worker (storage.session); in memory when absent. */
  persist?: { get(token: string): Promise<Ticket | null>; set(token: string, t: Ticket | null): Promise<void> };
}

export class NoteEditorError extends Error {
  override name = 'NoteEditorError';
}

export class NoteEditorSessions {
  private readonly tickets = new Map<string, Ticket>();

  constructor(private readonly deps: NoteEditorDeps) {}

  /** A content script opens an editor; the sender's own tab and frame own the ticket. */
  async open(sender: EditorSender, request: NoteEditorRequest): Promise<{ token: string }> {
    const tabId = sender.tab?.id;
    if (tabId === undefined) throw new NoteEditorError('the note editor opens only in a tab');
    if (request.mode === 'view') await this.live(request.id);
    const token = crypto.randomUUID();
    const ticket = { tabId, frameId: sender.frameId ?? 0, request };
    this.tickets.set(token, ticket);
    await this.deps.persist?.set(token, ticket);
    return { token };
  }

  async load(sender: EditorSender, token: string): Promise<NoteEditorView> {
    const t = await this.ticket(sender, token);
    return this.view(t.request);
  }

  async save(sender: EditorSender, token: string, draft: NoteEditorDraft): Promise<NoteEditorView> {
    const t = await this.ticket(sender, token);
    let saved: Annotation;
    if (t.request.mode === 'new') {
      const quote = t.request.selector[0].exact;
      const entityIds = await this.deps.entitiesIn(quote).catch(() => [] as string[]);
      saved = await this.deps.notes.create({
        source: t.request.source,
        title: t.request.title,
        selector: t.request.selector,
        ...(t.request.codePoints ? { codePoints: t.request.codePoints } : {}),
        color: draft.color,
        entityIds,
        ...(draft.note.trim() ? { note: draft.note } : {}),
        ...(draft.tags.length ? { tags: draft.tags } : {}),
      });
      // From now on the ticket edits the note it made (never a second one).
      await this.update(token, { ...t, request: { mode: 'view', id: saved.id } });
    } else {
      saved = await this.deps.notes.edit(t.request.id, { note: draft.note, tags: draft.tags, color: draft.color });
    }
    await this.finish(token, t, true, true);
    return viewOf(saved);
  }

  async remove(sender: EditorSender, token: string): Promise<NoteEditorView> {
    const t = await this.ticket(sender, token);
    if (t.request.mode !== 'view') throw new NoteEditorError('nothing to delete yet');
    const a = await this.deps.notes.remove(t.request.id);
    await this.finish(token, t, true, false);
    return viewOf(a);
  }

  async restore(sender: EditorSender, token: string): Promise<NoteEditorView> {
    const t = await this.ticket(sender, token);
    if (t.request.mode !== 'view') throw new NoteEditorError('nothing to restore');
    const a = await this.deps.notes.restore(t.request.id);
    await this.finish(token, t, true, false);
    return viewOf(a);
  }

  async close(sender: EditorSender, token: string): Promise<void> {
    const t = await this.ticket(sender, token);
    await this.finish(token, t, false, true);
  }

  private async finish(token: string, t: Ticket, changed: boolean, closed: boolean): Promise<void> {
    if (closed) {
      this.tickets.delete(token);
      await this.deps.persist?.set(token, null);
    }
    await this.deps.notify(t.tabId, t.frameId, { token, changed, closed }).catch(() => {});
  }

  private async update(token: string, t: Ticket): Promise<void> {
    this.tickets.set(token, t);
    await this.deps.persist?.set(token, t);
  }

  /** The ticket, if the sender is the extension's editor frame in the ticket's own tab. */
  private async ticket(sender: EditorSender, token: string): Promise<Ticket> {
    if (!sender.url?.startsWith(this.deps.editorUrl)) throw new NoteEditorError('only the note editor may use a ticket');
    const t = this.tickets.get(token) ?? (await this.deps.persist?.get(token)) ?? null;
    if (!t) throw new NoteEditorError('this editor has expired: open the note again');
    if (sender.tab?.id !== t.tabId) throw new NoteEditorError('this editor belongs to another tab');
    this.tickets.set(token, t);
    return t;
  }

  private async live(id: string): Promise<Annotation> {
    const a = await this.deps.notes.db.annotations.get(id);
    if (!a || a.deleted) throw new NoteEditorError(`no note ${id}`);
    return a;
  }

  private async view(request: NoteEditorRequest): Promise<NoteEditorView> {
    if (request.mode === 'new') {
      return { mode: 'new', id: null, quote: request.selector[0].exact, note: '', tags: [], color: request.color ?? 'yellow', deleted: false };
    }
    const a = await this.deps.notes.db.annotations.get(request.id);
    if (!a) throw new NoteEditorError(`no note ${request.id}`);
    return viewOf(a);
  }
}

function viewOf(a: Annotation): NoteEditorView {
  return { mode: 'view', id: a.id, quote: quoteOf(a), note: noteOf(a), tags: tagsOf(a), color: a.color, deleted: Boolean(a.deleted) };
}
