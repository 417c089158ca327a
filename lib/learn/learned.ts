import { canonicalUrl } from '../annotations/canonical-url';
import type { ArticleRead, LearnedDocument } from '../model/types';

// Turning a page the reader chose into a learned document, and learned documents into sources for
// the knowledge-base build. Pure: the background stores them (lib/kb/learned-store.ts).

/** Pages over this many characters of article text are refused (a book, an archive, a feed). */
export const MAX_LEARNED_CHARS = 300_000;
/** Fewer characters than this is not an article (a front page, a paywall, an error page). */
export const MIN_LEARNED_CHARS = 300;
/** The languages whose statements the extractor reads. */
export const LEARNED_LANGUAGES = ['en', 'ru'] as const;

/** Two FNV-1a passes (64 bits) as 16 hex digits: enough to tell documents apart, not a security hash. */
export function textHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

const cyrillicShare = (text: string) => {
  const sample = text.slice(0, 5000);
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  return letters ? (sample.match(/\p{Script=Cyrillic}/gu)?.length ?? 0) / letters : 0;
};

/** The article's language: what the page states, else what its letters say (Cyrillic → ru, Latin → en). */
export function articleLanguage(read: Pick<ArticleRead, 'lang' | 'text'>): string {
  if (read.lang) return read.lang;
  return cyrillicShare(read.text) > 0.5 ? 'ru' : 'en';
}

/** Why a read article cannot be learned, in words for the reader; null when it can. */
export function learnProblem(read: ArticleRead): string | null {
  if (!/^https?:/i.test(read.location)) return 'Only web pages (http or https) can be added to the knowledge base.';
  if (read.text.length < MIN_LEARNED_CHARS) return 'This page has no article text to learn from (it may be a front page, a paywall or a list).';
  if (read.text.length > MAX_LEARNED_CHARS)
    return `This page is too large to learn from: ${Math.round(read.text.length / 1000)}k characters of text, more than ${MAX_LEARNED_CHARS / 1000}k.`;
  const lang = articleLanguage(read);
  if (!(LEARNED_LANGUAGES as readonly string[]).includes(lang)) return `This page is in a language CSTO Lens does not read yet (${lang}): English and Russian pages can be added.`;
  return null;
}

/** The addresses an article is known under: the page's own and its canonical one (within its site). */
export function articleUrls(read: Pick<ArticleRead, 'location' | 'canonical'>): { url: string; urls: string[] } {
  const url = canonicalUrl(read.location, read.canonical);
  return { url, urls: [...new Set([url, canonicalUrl(read.location)])] };
}

/** The site of an address without the prefixes its AMP, mobile and print copies add. */
function siteOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^(www|m|amp|mobile|print)\./, '');
  } catch {
    return '';
  }
}

/** Site and title: the same article under another address of its site, even where its text differs a little. */
export function titleKey(read: Pick<ArticleRead, 'location' | 'title'>): string {
  const title = read.title
    .toLowerCase()
    .replace(/\s*[|–—-]\s*[^|–—-]{2,40}$/, '') // " | Outlet" or " - Outlet" after the headline
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return title.split(' ').length >= 3 ? `${siteOf(read.location)}|${title}` : '';
}

/** A learned document for a read article; `existing` is the one it updates (same address or same text). */
export function learnedDocument(read: ArticleRead, now: Date, existing?: LearnedDocument): LearnedDocument {
  const { url, urls } = articleUrls(read);
  const stamp = now.toISOString();
  return {
    id: existing?.id ?? `l-${textHash(url)}`,
    url: existing?.url ?? url,
    urls: [...new Set([...(existing?.urls ?? []), ...urls])],
    title: read.title || existing?.title || url,
    outlet: read.outlet,
    date: read.published ?? existing?.date ?? null,
    lang: articleLanguage(read),
    text: read.text,
    textHash: textHash(read.text),
    titleKey: titleKey(read) || existing?.titleKey || '',
    addedAt: existing?.addedAt ?? stamp,
    updatedAt: stamp,
  };
}

/** The file name a learned document has among the build's sources (its document id is this less ".txt"). */
export const learnedFile = (doc: Pick<LearnedDocument, 'id'>) => `${doc.id}.txt`;

/** Learned documents as build sources: a seed text and a manifest entry with the page's own metadata. */
export function learnedSources(docs: readonly LearnedDocument[]) {
  return {
    seeds: docs.map((d) => ({ file: learnedFile(d), text: d.text })),
    entries: Object.fromEntries(docs.map((d) => [learnedFile(d), { title: d.title, outlet: d.outlet, url: d.url, lang: d.lang, ...(d.date ? { date: d.date } : {}) }])),
  };
}

/** One learned document's part of the set's key: changes with its text or its metadata. */
export function learnedDigest(d: Pick<LearnedDocument, 'id' | 'textHash' | 'title' | 'outlet' | 'date' | 'url'>): string {
  return textHash([d.id, d.textHash, d.title, d.outlet, d.date ?? '', d.url].join('\u0001'));
}

const xorHex = (a: string, b: string) =>
  [0, 8].map((i) => ((parseInt(a.slice(i, i + 8), 16) ^ parseInt(b.slice(i, i + 8), 16)) >>> 0).toString(16).padStart(8, '0')).join('');

/**
 * The key of the learned set, for the build key: '' for none, else the count and the XOR of every
 * document's digest, so adding, updating or removing one updates it without reading the others.
 */
export function nextLearnedKey(key: string, removed: string | null, added: string | null): string {
  const [countText = '0', digest = '0'.repeat(16)] = key ? key.split(':') : [];
  let count = Number(countText);
  let acc = digest;
  if (removed) {
    acc = xorHex(acc, removed);
    count--;
  }
  if (added) {
    acc = xorHex(acc, added);
    count++;
  }
  return count > 0 ? `${count}:${acc}` : '';
}

/** The key of a whole learned set (what nextLearnedKey arrives at, one document at a time). */
export function learnedKey(docs: readonly Pick<LearnedDocument, 'id' | 'textHash' | 'title' | 'outlet' | 'date' | 'url'>[]): string {
  return docs.reduce((key, d) => nextLearnedKey(key, null, learnedDigest(d)), '');
}
