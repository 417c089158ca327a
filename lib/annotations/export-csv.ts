// CSV export: one row per live annotation, RFC 4180 (CRLF line ends, fields with a comma,
// quote or line break quoted, quotes doubled).

import { noteOf, tagsOf, type Annotation } from './model';

export const CSV_COLUMNS = [
  'id', 'url', 'title', 'quote', 'prefix', 'suffix', 'note', 'tags', 'color', 'entityIds', 'created', 'modified',
] as const;

export interface CsvOptions {
  /**
   * Prefix cells that a spreadsheet would run as a formula with an apostrophe: cells starting with
   * = + - @ tab CR LF (also after leading spaces) or with their full-width forms (＝ ＋ － ＠ ﹢ ﹣),
   * which some spreadsheets read as the ASCII ones. Default true.
   */
  protectFormulas?: boolean;
}

/** What a spreadsheet may take for the start of a formula (OWASP CSV injection, plus full-width signs). */
const FORMULA = /^[\s\u00a0\u3000]*[=+\-@\t\r\n\uff1d\uff0b\uff0d\uff20\ufe62\ufe63]/;

export function csvField(value: string, protectFormulas = true): string {
  const v = protectFormulas && FORMULA.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function row(a: Annotation): string[] {
  const [quote] = a.target.selector;
  return [
    a.id, a.target.source, a.target.title, quote.exact, quote.prefix, quote.suffix, noteOf(a),
    tagsOf(a).join('; '), a.color, a.entityIds.join(' '), a.created, a.modified,
  ];
}

export function exportCsv(annotations: readonly Annotation[], opts: CsvOptions = {}): string {
  const protect = opts.protectFormulas ?? true;
  const lines = [CSV_COLUMNS.join(',')];
  for (const a of annotations) if (!a.deleted) lines.push(row(a).map((v) => csvField(v, protect)).join(','));
  return lines.join('\r\n') + '\r\n';
}
