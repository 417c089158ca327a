// Markdown export for Obsidian / Logseq: one section per page (`## [title](url)`), its date,
// then each highlight as a blockquote followed by its note and #tags.
//
// Everything from a page or a reader is text, never markup: characters that Markdown or HTML would
// read as syntax are backslash-escaped (CommonMark lets any ASCII punctuation be escaped), lines that
// would start a heading, list, quote, fence or table are neutralised, and only http(s) addresses
// become links.

import { noteOf, tagsOf, type Annotation } from './model';

/** Inline characters that start emphasis, code, links, HTML, entities, strikethrough or tables. */
const INLINE = /[\\`*_[\]<>&~|{}]/g;

/** One line of text as literal Markdown text. */
export function escapeMarkdownLine(line: string): string {
  let s = line.replace(INLINE, (c) => `\\${c}`);
  // Block syntax at the start of a line: headings, quotes, lists, thematic breaks, setext underlines.
  s = s.replace(/^(\s*)([#>+\-=])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2');
  return s;
}

/** Link text: escaped, on one line. */
function linkText(s: string): string {
  return escapeMarkdownLine(s.replace(/\s+/g, ' ').trim()).replace(/[()]/g, (c) => `\\${c}`);
}

/** An http(s) address as a link destination, or null for any other scheme (javascript:, data:, chrome:…). */
export function linkUrl(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  return u.href.replace(/[\s()<>"'\\]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
}

/** `#tag` usable in Obsidian and Logseq: letters, digits, - _ / only (no markup, nothing that ends the tag). */
export function hashtag(tag: string): string {
  return '#' + tag.trim().replace(/\s+/g, '-').replace(/[^\p{L}\p{N}\p{M}_\-/]/gu, '');
}

function blockquote(text: string): string {
  return text
    .trim()
    .split(/\r\n|\r|\n/)
    .map((line) => (line.trim() ? `> ${escapeMarkdownLine(line.trim())}` : '>'))
    .join('\n');
}

/** A note as literal text, its line breaks kept. */
function paragraph(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => escapeMarkdownLine(line.trim()))
    .join('\n');
}

function day(iso: string): string {
  return iso.slice(0, 10);
}

export interface MarkdownOptions {
  /** Top heading. Default "CSTO Lens highlights". */
  heading?: string;
}

/** Live annotations grouped by page (pages in order of their first highlight), highlights in text order. */
export function exportMarkdown(annotations: readonly Annotation[], opts: MarkdownOptions = {}): string {
  const pages = new Map<string, Annotation[]>();
  const live = annotations.filter((a) => !a.deleted).sort((a, b) => (a.created < b.created ? -1 : a.created > b.created ? 1 : 0));
  for (const a of live) {
    const list = pages.get(a.target.source);
    if (list) list.push(a);
    else pages.set(a.target.source, [a]);
  }
  const out: string[] = [`# ${opts.heading ?? 'CSTO Lens highlights'}`, ''];
  for (const [url, list] of pages) {
    list.sort((a, b) => a.target.selector[1].start - b.target.selector[1].start);
    const title = list.find((a) => a.target.title.trim())?.target.title ?? url;
    const dates = list.map((a) => day(a.created)).sort();
    const first = dates[0]!;
    const last = dates[dates.length - 1]!;
    const href = linkUrl(url);
    const text = linkText(title) || linkText(url);
    out.push(href ? `## [${text}](${href})` : `## ${text}`, '', `Highlighted ${first === last ? first : `${first} – ${last}`}`, '');
    for (const a of list) {
      out.push(a.target.selector[0].exact ? blockquote(a.target.selector[0].exact) : '_(anchored by position only: its quote is read when the page is next opened)_', '');
      const note = noteOf(a);
      if (note) out.push(paragraph(note), '');
      const tags = tagsOf(a);
      const tags2 = tags.map(hashtag).filter((t) => t.length > 1);
      if (tags2.length) out.push(tags2.join(' '), '');
    }
  }
  return out.join('\n').replace(/\n+$/, '\n');
}
