// Import of a JSON-LD AnnotationCollection (as exported by export.ts): validation with
// readable errors, then a plan of what to write, deduplicated by id (newer version wins).

import type { ZodIssue } from 'zod';
import { compareVersions, type Annotation } from './model';
import { collectionSchema } from './schema';

export type ImportResult = { ok: true; annotations: Annotation[] } | { ok: false; errors: string[] };

const MAX_ERRORS = 20;

/** `first.items[3].target.selector` */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out || '(root)';
}

function describeIssue(issue: ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.received === 'undefined' ? `required (expected ${issue.expected})` : `expected ${issue.expected}, received ${issue.received}`;
    case 'invalid_literal':
      return `expected ${JSON.stringify(issue.expected)}, received ${JSON.stringify(issue.received)}`;
    case 'invalid_enum_value':
      return `expected one of ${issue.options.map((o) => JSON.stringify(o)).join(', ')}, received ${JSON.stringify(issue.received)}`;
    default:
      return issue.message;
  }
}

/** Validates an export file (parsed JSON, or its text) and returns its annotations. */
export function parseImport(json: unknown): ImportResult {
  let data = json;
  if (typeof json === 'string') {
    try {
      data = JSON.parse(json);
    } catch (e) {
      return { ok: false, errors: [`not valid JSON: ${(e as Error).message}`] };
    }
  }
  const r = collectionSchema.safeParse(data);
  if (r.success) return { ok: true, annotations: r.data.first.items };
  const issues = r.error.issues;
  const errors = issues.slice(0, MAX_ERRORS).map((i) => `${formatPath(i.path)}: ${describeIssue(i)}`);
  if (issues.length > MAX_ERRORS) errors.push(`… and ${issues.length - MAX_ERRORS} more errors`);
  return { ok: false, errors };
}

export interface ImportPlan {
  /** Records to write (in one transaction). */
  toPut: Annotation[];
  /** Incoming records not written: older than or equal to what is stored, or duplicates in the file. */
  skipped: number;
}

/** What importing incoming over existing changes: by id, the newer version (hlc, then modified) wins. */
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
