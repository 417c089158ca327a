import type { ImportShape, ItemKind, Candidate } from '../model/import';
export type { ImportShape, ItemKind, Candidate };
// Which kind of file an import is, by its shape, and the annotation-like items in it, each with its
// JSON path: a single W3C Annotation, an AnnotationCollection (its embedded pages, following `next`),
// an AnnotationPage, a plain array (Recogito and others), Hypothesis API search results
// (`{total, rows}`), the Hypothesis client's export file (`{export_date, annotations}`), one Hypothesis
// row, rows in an array, and the extension's own exports.

export type Shaped = { ok: true; shape: ImportShape; items: Candidate[] } | { ok: false; error: string };

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

function types(v: unknown): string[] {
  const t = isObj(v) ? v.type ?? v['@type'] : undefined;
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string');
}

const hasType = (v: unknown, type: string) => types(v).includes(type);

/** A Hypothesis API row: `uri` and `target` as an array, plus `text`/`tags`/`user`. */
export function isHypothesisRow(v: unknown): v is Obj {
  return isObj(v) && !hasType(v, 'Annotation') && typeof v.uri === 'string' && (Array.isArray(v.target) || 'text' in v || 'tags' in v || 'user' in v);
}

const GENERATOR = 'urn:csto-lens:software';

/** Ours: the csto: context; before v2 (no generator) positions counted UTF-16 units. */
function ours(doc: Obj): { ours: boolean; utf16: boolean } {
  const ctx = Array.isArray(doc['@context']) ? doc['@context'] : [doc['@context']];
  const isOurs = ctx.some((c) => isObj(c) && c.csto === 'urn:csto-lens:terms#');
  const gen = isObj(doc.generator) ? doc.generator.id : doc.generator;
  return { ours: isOurs, utf16: isOurs && gen !== GENERATOR };
}

function itemKind(v: unknown): ItemKind {
  return isHypothesisRow(v) ? 'hypothesis' : 'w3c';
}

function list(items: unknown[], base: string, utf16: boolean): Candidate[] {
  return items.map((raw, i) => ({ path: `${base}[${i}]`, kind: itemKind(raw), raw, ...(utf16 ? { utf16 } : {}) }));
}

/** The items of a page, and of the pages embedded after it through `next`. */
function pageItems(page: Obj, base: string, utf16: boolean, out: Candidate[]): string | null {
  let p: unknown = page;
  let path = base;
  for (let hops = 0; isObj(p); hops++) {
    if (hops > 10_000) return `${path}: too many pages`;
    if (!Array.isArray(p.items)) return `${path}.items: expected the page's list of annotations`;
    out.push(...list(p.items, `${path}.items`, utf16));
    p = p.next;
    path += '.next';
  }
  return null;
}

export function detectShape(doc: unknown): Shaped {
  if (Array.isArray(doc)) {
    const hyp = doc.length > 0 && doc.every(isHypothesisRow);
    return { ok: true, shape: hyp ? 'Hypothesis rows' : 'array of annotations', items: list(doc, '', false) };
  }
  if (!isObj(doc)) return { ok: false, error: '(root): expected a JSON object or array of annotations' };
  const mine = ours(doc);
  if (hasType(doc, 'AnnotationCollection')) {
    const items: Candidate[] = [];
    if (isObj(doc.first)) {
      const err = pageItems(doc.first, 'first', mine.utf16, items);
      if (err) return { ok: false, error: err };
    } else if (doc.first !== undefined && (typeof doc.total !== 'number' || doc.total > 0)) {
      return { ok: false, error: 'first: the collection\'s pages are not in the file (only a link to them); save them with their items' };
    }
    return { ok: true, shape: mine.ours ? 'csto-lens export' : 'W3C AnnotationCollection', items };
  }
  if (hasType(doc, 'AnnotationPage')) {
    const items: Candidate[] = [];
    const err = pageItems(doc, '(root)', mine.utf16, items);
    if (err) return { ok: false, error: err };
    return { ok: true, shape: 'W3C AnnotationPage', items: items.map((c) => ({ ...c, path: c.path.replace(/^\(root\)\./, '') })) };
  }
  // The Hypothesis client's "Export annotations" file: {export_date, export_userid, client_version, annotations: [rows]}.
  if (Array.isArray(doc.annotations) && ('export_date' in doc || 'client_version' in doc || doc.annotations.some(isHypothesisRow))) {
    return { ok: true, shape: 'Hypothesis client export', items: list(doc.annotations, 'annotations', false) };
  }
  if (Array.isArray(doc.rows)) return { ok: true, shape: 'Hypothesis search result', items: list(doc.rows, 'rows', false).map((c) => ({ ...c, kind: 'hypothesis' })) };
  if (hasType(doc, 'Annotation')) return { ok: true, shape: 'W3C Annotation', items: [{ path: '(root)', kind: 'w3c', raw: doc, ...(mine.utf16 ? { utf16: true } : {}) }] };
  if (isHypothesisRow(doc)) return { ok: true, shape: 'Hypothesis annotation', items: [{ path: '(root)', kind: 'hypothesis', raw: doc }] };
  return { ok: false, error: '(root): not an annotation, an AnnotationCollection or AnnotationPage, an array of annotations, or a Hypothesis export' };
}
