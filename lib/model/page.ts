// What a tab's content script reports and shows (content ↔ background, popup): plain types.
import type { EntityType } from './types';

export interface PageReport {
  /** Distinct entities highlighted on the page. */
  entities: number;
  /** Mentions highlighted on the page. */
  mentions: number;
  /** True when the page was over the size limit and only part of it was matched. */
  partial: boolean;
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
  /** The scan began (the first one: when the settings were known, and the controller made). */
  began?: number;
  /** The page's text read. */
  read: number;
  /** The spans of the last chunk arrived (from the background, or from the page's own matcher). */
  replied: number;
  /** The last chunk's mentions queued (those near the viewport drawn). */
  built: number;
  /** Every queued mention made into a range and filled into (unshown) highlights. */
  filled?: number;
  /** Highlights shown (registered). */
  shown: number;
  // -- drawing (visible first): when the highlights on and near the viewport were shown --
  firstScreen?: number;
  /** Each CSS.highlights.set of the scan, in order, as [ranges, ms]. */
  registrations?: (readonly [number, number])[];
  /** speed: the first chunk's text read and sent for matching while the rest is read (the preview;
   *  sent before the settings came, by the early read, when nobody followed it yet). */
  prefix?: number;
  /** Firefox: the page's own matcher, so far (lib/page/page-matcher.ts). */
  inPage?: PageMatcherStats;
  /** The first scan and the read begun before the settings came (lib/page/early-read.ts):
   *  followed, or refused (the page changed meanwhile) and the page read again. */
  early?: 'followed' | 'refused';
  /** Reads started again because the page removed the part being read (TextIndex.cut). */
  cutReads?: number;
}

export interface PageMatcherStats {
  /** Chunks it matched (the others were sent to the background). */
  chunks: number;
  /** When it was loaded and compiled (performance.now()), or null. */
  readyAt: number | null;
  /** The main thread's time spent matching those chunks, in ms. */
  matchMs: number;
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
