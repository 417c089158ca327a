import { defineExtensionMessaging } from '@webext-core/messaging';
import type { EntityType } from '../model/types';
import type { KbStats } from '../kb/store';
import type { KbBuildTiming } from '../kb/service';
import type { CardData } from '../kb/card';
import type { RelatedStatement } from '../kb/related';
import type { Annotation, AnnotationPatch, NewAnnotation } from '../annotations/model';
import type { ImportResult } from '../annotations/store';
import type { MatcherData } from '../match/entities';
import type { MatchedSpan, PackedSpans } from '../match/spans';

/** Spans are the matcher's output (lib/match/spans.ts); re-exported for the contexts that exchange them. */
export type { MatchedSpan };
import type { PageContext, PageContextRequest } from '../kb/page-context';
import type { LearnedSummary, LearnResult } from '../kb/learn-service';
import type { LearnedDocument } from '../model/types';
// interop: imports with a preview
import type { Candidate, ImportShape } from '../annotations/import';
import type { ImportOutcome, ImportPreview, ImportProgress } from '../annotations/store-import';
// sec-page
import type { NoteEditorDraft, NoteEditorRequest, NoteEditorView } from '../kb/note-editor';

// The one map of messages between contexts: name -> request -> response.
// Content scripts and extension pages send; the background answers.


export interface PageReport {
  /** Distinct entities highlighted on the page. */
  entities: number;
  /** Mentions highlighted on the page. */
  mentions: number;
  /** True when the page was over the size limit and only part of it was matched. */
  partial: boolean;
}

export interface ProtocolMap {
  /** Match a chunk of page text; offsets are relative to the chunk. Spans packed (see spans.ts). */
  matchText(data: { text: string; /** ru-match: the page's lang attribute ("ru", "es"...), if any. */ lang?: string }): { spans: PackedSpans };
  /** What a page needs to match entities itself: the aliases and entity types (lib/match/entities.ts). */
  matcherData(): MatcherData;
  /** The content script reports what it drew, for the badge and the popup. */
  reportPage(data: PageReport): void;
  /** The card for an entity (page UI). */
  entityCard(data: { entityId: string }): CardData | null;
  /** Knowledge-base statements related to a passage (page UI). */
  relatedStatements(data: { text: string }): RelatedStatement[];
  /** Opens the source viewer on a document, scrolled to a statement or a range. */
  openViewer(data: ViewerTarget): void;
  /** Loads the page UI (card, toolbars) into the sender's frame, once. */
  loadPageUi(): boolean;
  /** Researchers' annotations (background keeps them; every change is stamped and queued for sync). */
  annotationsForPage(data: { source: string }): Annotation[];
  annotationCreate(data: NewAnnotation): Annotation;
  annotationEdit(data: { id: string; patch: AnnotationPatch }): Annotation;
  annotationDelete(data: { id: string }): Annotation;
  annotationRestore(data: { id: string }): Annotation;
  /** Validates and applies a W3C JSON-LD AnnotationCollection in one transaction; nothing is written on error. */
  annotationsImport(data: { json: string }): { ok: true; result: ImportResult } | { ok: false; errors: string[] };
  /** Sent to a tab's content script: the page's annotations, anchored or orphaned. */
  pageAnnotations(): PageAnnotations;
  /** Sent to a tab's content script: save the selection as a highlight (keyboard command). */
  highlightSelection(data: { color?: 'yellow' | 'green' | 'blue' | 'pink' | 'purple' }): boolean;
  /** Sent to a tab's content script: scroll to an annotation. */
  revealAnnotation(data: { id: string }): boolean;
  /** The content script reports the page's orphans, for the notebook. */
  reportOrphans(data: { source: string; ids: string[]; anchored: string[] }): void;
  /** Opens an annotation's page in a tab and scrolls to it (notebook). */
  openAnnotation(data: { id: string }): boolean;
  /** The entities a quote contains (for a new annotation's entityIds). */
  entitiesIn(data: { text: string }): string[];
  /** Knowledge base counts (popup, tests). */
  /** Counts, and how long this worker's last build took (null if it found the build current). */
  kbStats(): KbStats & { ready: boolean; lastBuild: KbBuildTiming | null };
  /** Sent to a tab's content script (popup, background): what it shows now. */
  pageState(): PageState;
  /** Sent to a tab's content script: every highlighted mention, in document order. */
  pageMentions(): PageMention[];
  /** Sent to a tab's content script: scroll to the first (or n-th) mention of an entity and flash it. */
  revealEntity(data: { entityId: string; index?: number; openCard?: boolean }): boolean;
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
  /** Sent to the tab's content script: an editor's notes changed (redraw) and/or it closed (remove the frame). */
  noteEditorDone(data: { token: string; changed: boolean; closed: boolean }): void;
}

export interface ViewerTarget {
  documentId: string;
  statementId?: string;
  start?: number;
  end?: number;
}

export interface PageAnnotations {
  source: string;
  loaded: boolean;
  anchored: { id: string; quote: string; method: string; color: string }[];
  orphans: { id: string; quote: string }[];
}

export interface PageMention {
  entityId: string;
  type: EntityType;
  text: string;
}

export interface PageEntity {
  entityId: string;
  type: EntityType;
  /** The page's surface forms of it, most frequent first. */
  texts: string[];
  count: number;
}

/** Where the last full scan's time went: ms since navigation start at the end of each phase. */
export interface ScanPhases {
  /** The page's text read. */
  read: number;
  /** The spans of the last chunk arrived (from the background, or from the page's own matcher). */
  replied: number;
  /** Every range built and filled into (unshown) highlights. */
  built: number;
  /** Highlights shown (registered). */
  shown: number;
  // -- drawing (visible first): when the highlights on and near the viewport were shown --
  firstScreen?: number;
}

export interface PageState extends PageReport {
  /** False when highlighting is off for this page (site or global setting). */
  active: boolean;
  /** Whole-page scans completed (0 while the first is running). */
  scans: number;
  /** Milliseconds since navigation start: when the controller started, and when the last full scan was drawn. */
  timing: { started: number; drawn: number | null; phases?: ScanPhases | null };
  mode: 'highlight-api' | 'wrap';
  list: PageEntity[];
}

export const messaging = defineExtensionMessaging<ProtocolMap>();
export const { sendMessage, onMessage } = messaging;
