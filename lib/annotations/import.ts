// Import of annotations from a file: its shape is detected (import-shapes.ts), each item read on its
// own (import-item.ts): one bad item is reported with its JSON path and never rejects the others.
// Pure: the background plans and writes the drafts (lib/annotations/store-import.ts).

import { compareVersions, type Annotation } from './model';
import { readItem, type ImportDraft, type ImportNote } from './import-item';
import { detectShape, type Candidate, type ImportShape } from './import-shapes';
import type { Rejection } from '../model/import';
export type { Rejection };

export { readItem, uuidFromKey, type ImportDraft, type ImportNote, type ItemResult } from './import-item';
export { detectShape, type Candidate, type ImportShape } from './import-shapes';

export const MAX_ITEMS = 100_000;

export type ImportFile = { ok: true; shape: ImportShape; items: Candidate[] } | { ok: false; errors: string[] };

export interface ImportRead {
  shape: ImportShape;
  drafts: ImportDraft[];
  rejected: Rejection[];
}

/** `first.items[3].target.selector` */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out || '(root)';
}

/** The file's items (text or parsed JSON), or why the file as a whole cannot be read. */
export function openImport(json: unknown): ImportFile {
  let data = json;
  if (typeof json === 'string') {
    try {
      data = JSON.parse(json);
    } catch (e) {
      return { ok: false, errors: [`not valid JSON: ${(e as Error).message}`] };
    }
  }
  const shaped = detectShape(data);
  if (!shaped.ok) return { ok: false, errors: [shaped.error] };
  if (shaped.items.length > MAX_ITEMS) return { ok: false, errors: [`${shaped.items.length} annotations: at most ${MAX_ITEMS} in one file; split it`] };
  return shaped;
}

/** Reads items into drafts and rejections (use slices of `items` to keep a thread responsive). */
export function readItems(items: readonly Candidate[], now: number): { drafts: ImportDraft[]; rejected: Rejection[] } {
  const drafts: ImportDraft[] = [];
  const rejected: Rejection[] = [];
  for (const c of items) {
    const r = readItem(c, now);
    if (r.ok) drafts.push(r.draft);
    else rejected.push({ path: r.path, reason: r.reason });
  }
  return { drafts, rejected };
}

/** The whole file at once (small files, tests): its shape, drafts and rejections. */
export function readImport(json: unknown, now: number): { ok: true; read: ImportRead } | { ok: false; errors: string[] } {
  const f = openImport(json);
  if (!f.ok) return f;
  return { ok: true, read: { shape: f.shape, ...readItems(f.items, now) } };
}

/** How many drafts carry each note, for the preview. */
export function countNotes(drafts: readonly ImportDraft[]): Partial<Record<ImportNote, number>> {
  const out: Partial<Record<ImportNote, number>> = {};
  for (const d of drafts) for (const n of new Set(d.notes)) out[n] = (out[n] ?? 0) + 1;
  return out;
}

export interface ImportPlan {
  /** Records to write (in one transaction). */
  toPut: Annotation[];
  /** Incoming records not written: older than or equal to what is stored, or duplicates in the file. */
  skipped: number;
}

/** Sync records (already stamped) over existing ones: by id, the newer version (hlc, then modified) wins. */
export function planImport(existing: readonly Annotation[], incoming: readonly Annotation[]): ImportPlan {
  const stored = new Map(existing.map((a) => [a.id, a]));
  const newest = new Map<string, Annotation>();
  for (const a of incoming) {
    const prev = newest.get(a.id);
    if (!prev || compareVersions(a, prev) > 0) newest.set(a.id, a);
  }
  const toPut: Annotation[] = [];
  for (const a of newest.values()) {
    const cur = stored.get(a.id);
    if (!cur || compareVersions(a, cur) > 0) toPut.push(a);
  }
  return { toPut, skipped: incoming.length - toPut.length };
}
