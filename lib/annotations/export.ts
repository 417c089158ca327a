// Export formats of the annotations: Markdown, CSV and W3C JSON-LD. Tombstones are never exported.
export { exportMarkdown, hashtag, type MarkdownOptions } from './export-markdown';
export { exportCsv, csvField, CSV_COLUMNS, type CsvOptions } from './export-csv';
export { exportJsonLd, toJsonLdItem, JSONLD_CONTEXT, CSTO_NS, type JsonLdAnnotation, type JsonLdCollection } from './jsonld';
