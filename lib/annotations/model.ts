// The annotation record ("researchers' highlights"): W3C Web Annotation shape plus sync
// fields. Pure functions; the background stores the records (Dexie) and syncs them.
// Every change gets a fresh HLC stamp; deletion is a tombstone, never a hard delete.

import { codePointsBefore } from '../anchoring/code-points';
import { encode, type Clock } from './hlc';
import { COLORS, type Color, type CommentBody, type TagBody, type AnnotationBody, type AnnotationTarget, type Annotation, type NewAnnotation, type AnnotationPatch, type CodePointSpan, type SelectorPair } from '../model/annotation';
export { COLORS };
export type { Color, CommentBody, TagBody, AnnotationBody, AnnotationTarget, Annotation, NewAnnotation, AnnotationPatch };

/** Trimmed, without a leading '#', inner whitespace collapsed; blanks and repeats (case-insensitive) dropped. */
export function normalizeTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const t = raw.trim().replace(/^#+/, '').replace(/\s+/g, ' ').trim();
    const key = t.toLowerCase();
    if (!t || seen.has(key)) continue;
    seen.add(key);
    out.push(t);
  }
  return out;
}

function bodies(note: string | undefined, tags: readonly string[]): AnnotationBody[] {
  const out: AnnotationBody[] = [];
  const text = note?.trim() ? note.trim() : '';
  if (text) out.push({ type: 'TextualBody', purpose: 'commenting', value: text });
  for (const value of normalizeTags(tags)) out.push({ type: 'TextualBody', purpose: 'tagging', value });
  return out;
}

function uniq(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

export function noteOf(a: Annotation): string {
  return a.body.find((b) => b.purpose === 'commenting')?.value ?? '';
}

export function tagsOf(a: Annotation): string[] {
  return a.body.filter((b) => b.purpose === 'tagging').map((b) => b.value);
}

export function quoteOf(a: Annotation): string {
  return a.target.selector[0].exact;
}

function stamp(clock: Clock): { hlc: string; device: string; at: string } {
  const now = clock.now();
  const s = clock.tick(now);
  return { hlc: encode(s), device: s.device, at: new Date(now).toISOString() };
}

/** The input's code points when they count the quote (a span of another length is dropped: export estimates then). */
function codePointsOf(input: NewAnnotation): { codePoints?: CodePointSpan } {
  const c = input.codePoints;
  const exact = input.selector[0].exact;
  if (!c || !Number.isSafeInteger(c.start) || c.start < 0 || c.end - c.start !== codePointsBefore(exact, exact.length)) return {};
  return { codePoints: { start: c.start, end: c.end } };
}

export function createAnnotation(input: NewAnnotation, clock: Clock): Annotation {
  const { hlc, device, at } = stamp(clock);
  return {
    id: input.id ?? crypto.randomUUID(),
    type: 'Annotation',
    created: at,
    modified: at,
    target: { source: input.source, title: input.title, selector: input.selector, ...codePointsOf(input) },
    body: bodies(input.note, input.tags ?? []),
    color: input.color ?? 'yellow',
    entityIds: uniq(input.entityIds ?? []),
    hlc,
    device,
    deleted: false,
  };
}

/** A new version with the patched note, tags, colour or entities. Throws on a tombstone. */
export function editAnnotation(a: Annotation, patch: AnnotationPatch, clock: Clock): Annotation {
  if (a.deleted) throw new Error(`annotation ${a.id} is deleted`);
  const { hlc, device, at } = stamp(clock);
  return {
    ...a,
    modified: at,
    body: bodies(patch.note ?? noteOf(a), patch.tags ?? tagsOf(a)),
    color: patch.color ?? a.color,
    entityIds: patch.entityIds ? uniq(patch.entityIds) : a.entityIds,
    hlc,
    device,
  };
}

/**
 * A position-only note (`byPosition`) with its quote read from the page, at exactly the position it
 * was imported with: later visits anchor it by the quote too. Throws when it has a quote already, or
 * when the selector is not one of that position.
 */
export function withQuote(a: Annotation, selector: SelectorPair, codePoints: CodePointSpan, clock: Clock): Annotation {
  if (a.deleted) throw new Error(`annotation ${a.id} is deleted`);
  if (a.target.selector[0].exact) throw new Error(`annotation ${a.id} has its quote`);
  const [quote, position] = selector;
  const samePlace = a.target.codePoints
    ? a.target.codePoints.start === codePoints.start && a.target.codePoints.end === codePoints.end
    : a.target.selector[1].start === position.start && a.target.selector[1].end === position.end;
  if (!quote.exact || position.end - position.start !== quote.exact.length || codePoints.end - codePoints.start !== codePointsBefore(quote.exact, quote.exact.length) || !samePlace) {
    throw new Error(`annotation ${a.id}: the quote is not the text at its position`);
  }
  const { hlc, device, at } = stamp(clock);
  const q = { type: 'TextQuoteSelector' as const, exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix };
  const p = { type: 'TextPositionSelector' as const, start: position.start, end: position.end };
  return { ...a, modified: at, target: { ...a.target, selector: [q, p], codePoints: { start: codePoints.start, end: codePoints.end } }, hlc, device };
}

/** The tombstone that replaces a. */
export function deleteAnnotation(a: Annotation, clock: Clock): Annotation {
  const { hlc, device, at } = stamp(clock);
  return { ...a, modified: at, hlc, device, deleted: true };
}

/** Orders two versions of one annotation: hlc, then modified, then tombstone, then content. */
export function compareVersions(a: Annotation, b: Annotation): number {
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1;
  if (a.modified !== b.modified) return a.modified < b.modified ? -1 : 1;
  if (a.deleted !== b.deleted) return a.deleted ? 1 : -1;
  const ja = JSON.stringify(a);
  const jb = JSON.stringify(b);
  return ja < jb ? -1 : ja > jb ? 1 : 0;
}

/** Last-writer-wins merge of two versions of one annotation; the same result in either order. */
export function merge(a: Annotation, b: Annotation): Annotation {
  if (a.id !== b.id) throw new Error(`cannot merge annotations ${a.id} and ${b.id}`);
  return compareVersions(a, b) >= 0 ? a : b;
}
