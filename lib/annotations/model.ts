// The annotation record ("researchers' highlights"): W3C Web Annotation shape plus sync
// fields. Pure functions; the background stores the records (Dexie) and syncs them.
// Every change gets a fresh HLC stamp; deletion is a tombstone, never a hard delete.

import { encode, type Clock } from './hlc';
import { COLORS, type Color, type CommentBody, type TagBody, type AnnotationBody, type AnnotationTarget, type Annotation, type NewAnnotation, type AnnotationPatch } from '../model/annotation';
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

export function createAnnotation(input: NewAnnotation, clock: Clock): Annotation {
  const { hlc, device, at } = stamp(clock);
  return {
    id: input.id ?? crypto.randomUUID(),
    type: 'Annotation',
    created: at,
    modified: at,
    target: { source: input.source, title: input.title, selector: input.selector },
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
