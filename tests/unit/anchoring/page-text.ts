// Page text of a saved HTML file as the content script sees it (collectText over <body>).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectText } from '../../../lib/dom/collect';
import { EDITS, editedPage } from '../../fixtures/anchoring/edits';

const ROOT = join(__dirname, '..', '..', 'fixtures');
const cache = new Map<string, string>();

/** The HTML of a saved page ('seed-000') or of an edited copy ('seed-000.removed', built from its edit list). */
export function pageHtml(name: string): string {
  const [page, edit] = name.split('.', 2) as [string, string | undefined];
  const html = readFileSync(join(ROOT, 'pages', `${page}.html`), 'utf8');
  if (edit === undefined) return html;
  const e = EDITS.find((x) => x.page === page && x.edit === edit);
  if (!e) throw new Error(`no edit ${edit} of ${page} in tests/fixtures/anchoring/edits.ts`);
  return editedPage(e, html);
}

/** 'seed-000' → fixtures/pages/seed-000.html; 'seed-000.removed' → that page with the edit 'removed' applied. */
export function pageText(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    const doc = new DOMParser().parseFromString(pageHtml(name), 'text/html');
    text = collectText(doc.body, { styles: false }).text;
    cache.set(name, text);
  }
  return text;
}

function pattern(s: string): RegExp {
  return new RegExp(s.trim().split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'), 'g');
}

/**
 * Span of `quote` in text (whitespace-insensitive). With `within`, the quote's first
 * occurrence inside the one occurrence of `within`.
 */
export function locate(text: string, quote: string, within?: string): { start: number; end: number } {
  let base = 0;
  let hay = text;
  if (within) {
    const all = [...text.matchAll(pattern(within))];
    if (all.length !== 1) throw new Error(`context ${JSON.stringify(within)} occurs ${all.length} times`);
    base = all[0]!.index;
    hay = all[0]![0];
  } else {
    const all = [...text.matchAll(pattern(quote))];
    if (all.length !== 1) throw new Error(`quote ${JSON.stringify(quote)} occurs ${all.length} times; give a context`);
  }
  const m = pattern(quote).exec(hay);
  if (!m) throw new Error(`quote ${JSON.stringify(quote)} not found`);
  return { start: base + m.index, end: base + m.index + m[0].length };
}
