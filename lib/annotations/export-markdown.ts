// Markdown export for Obsidian / Logseq: one section per page (`## [title](url)`), its date,
// then each highlight as a blockquote followed by its note and #tags.

import { noteOf, tagsOf, type Annotation } from './model';

/** Escapes the characters that would end or break link text. */
function linkText(s: string): string {
  return s.replace(/[\\[\]]/g, (c) => `\\${c}`).replace(/\s+/g, ' ').trim();
}

/** A link destination without spaces or unbalanced parentheses. */
function linkUrl(url: string): string {
  return url.replace(/[\s()<>]/g, (c) => encodeURIComponent(c));
}

/** `#tag` usable in Obsidian and Logseq: no spaces or punctuation that would end the tag. */
export function hashtag(tag: string): string {
  return '#' + tag.trim().replace(/\s+/g, '-').replace(/[#,;:.!?()[\]{}"'`<>]/g, '');
}

function blockquote(text: string): string {
  return text
    .trim()
    .split(/\r\n|\r|\n/)
    .map((line) => (line.trim() ? `> ${line.trim()}` : '>'))
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
    out.push(`## [${linkText(title) || url}](${linkUrl(url)})`, '', `Highlighted ${first === last ? first : `${first} – ${last}`}`, '');
    for (const a of list) {
      out.push(blockquote(a.target.selector[0].exact), '');
      const note = noteOf(a);
      if (note) out.push(note, '');
      const tags = tagsOf(a);
      if (tags.length) out.push(tags.map(hashtag).join(' '), '');
    }
  }
  return out.join('\n').replace(/\n+$/, '\n');
}
