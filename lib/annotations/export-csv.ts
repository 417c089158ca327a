// CSV export: one row per live annotation, RFC 4180 (CRLF line ends, fields with a comma,
// quote or line break quoted, quotes doubled).

import { noteOf, tagsOf, type Annotation } from './model';

export const CSV_COLUMNS = [
  'id', 'url', 'title', 'quote', 'prefix', 'suffix', 'note', 'tags', 'color', 'entityIds', 'created', 'modified',
] as const;

export interface CsvOptions {
  /**
   * Prefix cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR) with an
   * apostrophe. Default true.
   */
  protectFormulas?: boolean;
}

export function csvField(value: string, protectFormulas = true): string {
  const v = protectFormulas && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
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
