// An annotation import as it crosses contexts (notebook ↔ background): the file's shape, its items,
// the preview and the outcome. Plain types; reading and writing are in lib/annotations.

export type ImportShape =
  | 'csto-lens export'
  | 'W3C AnnotationCollection'
  | 'W3C AnnotationPage'
  | 'W3C Annotation'
  | 'array of annotations'
  | 'Hypothesis search result'
  | 'Hypothesis client export'
  | 'Hypothesis annotation'
  | 'Hypothesis rows';

export type ItemKind = 'w3c' | 'hypothesis';

export interface Candidate {
  /** JSON path of the item in the file, e.g. `first.items[3]`. */
  path: string;
  kind: ItemKind;
  raw: unknown;
  /** Positions in this item count UTF-16 units (the extension's exports before v2), not code points. */
  utf16?: boolean;
}

export type ImportNote = 'dates filled' | 'stamp refused' | 'no position' | 'position only' | 'unsupported bodies dropped';

export interface Rejection {
  /** JSON path of what is wrong, e.g. `first.items[3].target.selector`. */
  path: string;
  reason: string;
}

export interface ImportResult {
  added: number;
  updated: number;
  skipped: number;
}

export interface ImportPreview {
  token: string;
  shape: ImportShape | null;
  /** Items read so far. */
  total: number;
  added: number;
  updated: number;
  /** Already here, identical or newer. */
  unchanged: number;
  /** Deleted here after the file's version: restored only with restoreDeleted. */
  deletedSince: number;
  rejectedCount: number;
  /** The first MAX_LISTED_REJECTIONS rejections, each with its JSON path. */
  rejected: Rejection[];
  notes: Partial<Record<ImportNote, number>>;
}

export interface ImportOutcome {
  added: number;
  updated: number;
  restored: number;
  unchanged: number;
  rejected: number;
}

export interface ImportProgress {
  written: number;
  total: number;
  done: boolean;
}
