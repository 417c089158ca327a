import { defineExtensionMessaging } from '@webext-core/messaging';
import type { Annotation, AnnotationPatch, CodePointSpan, NewAnnotation, SelectorPair } from '../model/annotation';
import type { Candidate, ImportOutcome, ImportPreview, ImportProgress, ImportResult, ImportShape } from '../model/import';
import type {
  CompiledMatcherData,
  CardData,
  KbBuildTiming,
  KbStats,
  LearnedSummary,
  LearnResult,
  PageContext,
  PageContextRequest,
  RelatedStatement,
} from '../model/knowledge';
import type { NoteEditorDraft, NoteEditorRequest, NoteEditorView } from '../model/note-editor';
import type { PageReport, ViewerTarget } from '../model/page';
import type { LearnedDocument } from '../model/types';
import type { PackedSpans } from '../match/spans';

// The messages to the background: name -> request -> response. Content scripts, the page UI, the
// editor frame and extension pages send; the background answers. Messages to a tab: ./to-tab.ts.
// Both import only plain types (lib/model, and the matcher's packed spans).

export interface ToBackground {
  /** Match a chunk of page text; offsets are relative to the chunk. Spans packed (see spans.ts). */
  matchText(data: {
    text: string;
    /** ru-match: the page's lang attribute ("ru", "es"...), if any. */
    lang?: string;
    /** speed: the page's first request, sent before its settings came from storage: the reply
     *  carries them too, as stored (the page takes whichever comes first and fills in defaults:
     *  lib/page/session.ts). */
    withSettings?: true;
  }): { spans: PackedSpans; settings?: Record<string, unknown> };
  /** What a page needs to match entities itself: the compiled matcher as typed arrays (Firefox's
   *  big pages, whose messages keep typed arrays: lib/page/matcher-script.ts). */
  matcherSnapshot(): CompiledMatcherData;
  /** The content script reports what it drew, for the badge and the popup. */
  reportPage(data: PageReport): void;
  /** The card for an entity (page UI). */
  entityCard(data: { entityId: string }): CardData | null;
  /** Knowledge-base statements related to a passage (page UI). */
  relatedStatements(data: { text: string }): RelatedStatement[];
  /** Opens the source viewer on a document, scrolled to a statement or a range. */
  openViewer(data: ViewerTarget): void;
  /** Opens the notebook's statement timeline of an entity (sidepanel.html#timeline=ID). */
  openTimeline(data: { entityId: string }): void;
  /** Loads the page UI (card, toolbars) into the sender's frame, once. */
  loadPageUi(): boolean;
  /** Researchers' annotations (background keeps them; every change is stamped and queued for sync). */
  annotationsForPage(data: { source: string }): Annotation[];
  annotationCreate(data: NewAnnotation): Annotation;
  annotationEdit(data: { id: string; patch: AnnotationPatch }): Annotation;
  annotationDelete(data: { id: string }): Annotation;
  annotationRestore(data: { id: string }): Annotation;
  /** A note imported by position only: its quote, read from the page where it first anchored. */
  annotationSetQuote(data: { id: string; selector: SelectorPair; codePoints: CodePointSpan }): Annotation;
  /** Validates and applies a W3C JSON-LD AnnotationCollection in one transaction; nothing is written on error. */
  annotationsImport(data: { json: string }): { ok: true; result: ImportResult } | { ok: false; errors: string[] };
  /** The content script reports the page's orphans, for the notebook. */
  reportOrphans(data: { source: string; ids: string[]; anchored: string[] }): void;
  /** Opens an annotation's page in a tab and scrolls to it (notebook). */
  openAnnotation(data: { id: string }): boolean;
  /** The entities a quote contains (for a new annotation's entityIds). */
  entitiesIn(data: { text: string }): string[];
  /** Knowledge base counts (popup, tests). */
  /** Counts, and how long this worker's last build took (null if it found the build current). */
  kbStats(): KbStats & { ready: boolean; lastBuild: KbBuildTiming | null };
  /** The popup's context view of a page: its entities with descriptions and latest statements, and related statements. */
  pageContext(data: PageContextRequest): PageContext;
  // Learning from pages (issue 17): the popup and the notebook ask; the background reads the tab.
  /** Reads the tab's article and adds it to the knowledge base (or updates it). */
  learnPage(data: { tabId: number }): LearnResult;
  /** The learned document the tab's page is (by any of its addresses), or null. */
  learnedForPage(data: { tabId: number }): LearnedSummary | null;
  learnedList(): LearnedSummary[];
  /** Removes a learned document and what it brought; returns it for undo. */
  learnedRemove(data: { id: string }): { removed: LearnedDocument | null };
  learnedRestore(data: { doc: LearnedDocument }): LearnedSummary;

  // ---- interop: import with a preview (extension pages → background; lib/annotations/store-import.ts) ----
  /** Starts an import: a token for the slices that follow. Nothing is written until commit. */
  annotationsImportBegin(): { token: string };
  /** One slice (at most STAGE_SLICE items, from openImport in the page): read, compared, previewed. */
  annotationsImportStage(data: { token: string; shape: ImportShape; items: Candidate[] }): ImportPreview;
  /** Writes what the preview accepted, in one transaction; restoreDeleted brings back what was deleted since. */
  annotationsImportCommit(data: { token: string; restoreDeleted: boolean }): ImportOutcome;
  /** How far a running commit is. */
  annotationsImportProgress(data: { token: string }): ImportProgress | null;
  /** Drops a previewed import: nothing is written. */
  annotationsImportCancel(data: { token: string }): void;
  // sec-page: page isolation
  /** The source a page's notes are filed under: its URL (the sender's own) or its same-site rel=canonical. */
  pageSource(data: { url: string; canonical: string | null }): string;
  /** Content script: open the note editor (an extension frame) for a selection or a note; a ticket for its URL. */
  noteEditorOpen(data: NoteEditorRequest): { token: string };
  /** The editor frame (only): what it edits, by ticket. */
  noteEditorLoad(data: { token: string }): NoteEditorView;
  noteEditorSave(data: { token: string; draft: NoteEditorDraft }): NoteEditorView;
  noteEditorDelete(data: { token: string }): NoteEditorView;
  noteEditorRestore(data: { token: string }): NoteEditorView;
  noteEditorClose(data: { token: string }): void;
}

export const messaging = defineExtensionMessaging<ToBackground>();
export const { sendMessage, onMessage } = messaging;
