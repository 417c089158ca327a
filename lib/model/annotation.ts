// The reader's annotation record as it crosses contexts and devices: the W3C Web Annotation shape
// (selectors, bodies, target) plus the sync fields. Plain types; the rules are in lib/annotations.

/** Offsets [start, end) in the page text (UTF-16 code units). */
export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

/** The quoted text with up to CONTEXT_LENGTH characters of context on either side. */
export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

export type Selector = TextQuoteSelector | TextPositionSelector;

/** What `describe` returns and what an annotation stores. */
export type SelectorPair = [TextQuoteSelector, TextPositionSelector];

export const COLORS = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;

export type Color = (typeof COLORS)[number];

export interface CommentBody {
  type: 'TextualBody';
  purpose: 'commenting';
  value: string;
}

export interface TagBody {
  type: 'TextualBody';
  purpose: 'tagging';
  value: string;
}

export type AnnotationBody = CommentBody | TagBody;

/** Where a target is in code points (as the W3C model counts), when that is known exactly. */
export interface CodePointSpan {
  readonly start: number;
  readonly end: number;
}

export interface AnnotationTarget {
  /** Canonical URL of the page (canonical-url.ts). */
  source: string;
  title: string;
  /** [quote, position in UTF-16 units]. A quote with an empty `exact` is not known yet (`byPosition`). */
  selector: SelectorPair;
  /** The position in code points (the W3C model's unit), exact: counted on the page's text when the note
   *  was made, or read from an imported file. Export writes it; anchoring converts it on the page's text. */
  codePoints?: CodePointSpan;
  /** Imported with a TextPositionSelector alone: anchored by position only; the quote is read from the
   *  page when it is first anchored there (then kept, so later visits anchor by the quote too). */
  byPosition?: true;
}

export interface Annotation {
  /** A UUID. */
  id: string;
  type: 'Annotation';
  /** ISO 8601. */
  created: string;
  modified: string;
  target: AnnotationTarget;
  /** At most one commenting body (the note), then one tagging body per tag. */
  body: AnnotationBody[];
  color: Color;
  entityIds: string[];
  /** Encoded HLC stamp of the last change (hlc.ts). */
  hlc: string;
  /** The device that made the last change. */
  device: string;
  /** Tombstone: kept so the deletion syncs. */
  deleted: boolean;
  /** Imported: the annotation's IRI in the tool or file it came from (W3C `via`). */
  via?: string;
}

export interface NewAnnotation {
  source: string;
  title: string;
  selector: SelectorPair;
  /** The selection's position in code points, counted on the page's text. */
  codePoints?: CodePointSpan;
  note?: string;
  tags?: readonly string[];
  color?: Color;
  entityIds?: readonly string[];
  /** Defaults to crypto.randomUUID(). */
  id?: string;
}

export interface AnnotationPatch {
  /** Empty or blank removes the note. */
  note?: string;
  tags?: readonly string[];
  color?: Color;
  entityIds?: readonly string[];
}
