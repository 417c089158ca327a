// The article of a web page and its metadata, read through DOM APIs only, so the extension can run it
// on a live document and the CLI on a parsed one (linkedom). The page is cloned: Readability edits
// what it reads. Not exported from lib/nlp/index.ts: the background worker never loads Readability.
import { Readability } from '@mozilla/readability';
import type { DatePrecision } from '../model/types';

export interface ArticleData {
  title: string;
  /** The article's text: one paragraph per block, blank lines between; the headline first. */
  text: string;
  outlet: string;
  canonicalUrl: string | null;
  date: string | null;
  datePrecision: DatePrecision;
  lang: string | null;
}

const BLOCKS = 'h1, h2, h3, h4, h5, h6, p, li, blockquote, pre, dt, dd, figcaption, td';

function meta(doc: Document, ...keys: string[]): string | null {
  for (const k of keys) {
    const el = doc.querySelector(`meta[property="${k}"], meta[name="${k}"], meta[itemprop="${k}"]`);
    const v = el?.getAttribute('content')?.trim();
    if (v) return v;
  }
  return null;
}

/** Every JSON-LD object of the page, @graph flattened. */
function jsonLd(doc: Document): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      out.push(x as Record<string, unknown>);
      if ('@graph' in x) walk((x as { '@graph': unknown })['@graph']);
    }
  };
  for (const s of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      walk(JSON.parse(s.textContent ?? ''));
    } catch {
      // a broken JSON-LD block is ignored, the rest of the page still counts
    }
  }
  return out;
}

/** "2024-05-23T10:00:00+03:00" -> "2024-05-23" (the date as printed, no time-zone shift). */
export function isoDay(s: string | null | undefined): string | null {
  if (!s) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s.trim());
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : new Date(t).toISOString().slice(0, 10);
}

function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}

/** The text of an element, one paragraph per block element. */
export function blockText(root: Element): string {
  const blocks = Array.from(root.querySelectorAll(BLOCKS)).filter((el) => !el.querySelector(BLOCKS));
  const parts = (blocks.length ? blocks : [root]).map((el) => (el.textContent ?? '').replace(/[ \t\r\n\u00a0]+/g, ' ').trim()).filter(Boolean);
  return parts.join('\n\n');
}

export function readArticle(doc: Document, url: string | null = null): ArticleData {
  const ld = jsonLd(doc);
  const ldArticle = ld.find((x) => typeof x['datePublished'] === 'string' || /Article|Posting/.test(String(x['@type'] ?? '')));
  const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? meta(doc, 'og:url') ?? url;
  const published =
    meta(doc, 'article:published_time', 'og:article:published_time', 'datePublished', 'pubdate', 'publishdate', 'date', 'DC.date.issued', 'dc.date', 'sailthru.date') ??
    (typeof ldArticle?.['datePublished'] === 'string' ? (ldArticle['datePublished'] as string) : null) ??
    doc.querySelector('time[datetime]')?.getAttribute('datetime') ??
    null;
  const publisher = ldArticle?.['publisher'] as { name?: unknown } | undefined;
  const lang = doc.documentElement?.getAttribute('lang') || meta(doc, 'og:locale', 'language') || null;

  const clone = doc.cloneNode(true) as Document;
  const parsed = new Readability<Node>(clone, { serializer: (n) => n }).parse();
  const title = (meta(doc, 'og:title') ?? parsed?.title ?? doc.title ?? '').trim();
  let body = parsed?.content ? blockText(parsed.content as Element) : '';
  if (!body) body = doc.body ? blockText(doc.body) : '';
  // the headline first, as in the captured seed texts, unless the article already opens with it
  const text = title && !body.startsWith(title) ? `${title}\n\n${body}` : body;
  const date = isoDay(published ?? parsed?.publishedTime ?? null);
  const outlet = meta(doc, 'og:site_name') ?? parsed?.siteName ?? (typeof publisher?.name === 'string' ? publisher.name : null) ?? hostOf(canonical ?? url) ?? 'unknown outlet';
  return {
    title,
    text,
    outlet,
    canonicalUrl: canonical ? new URL(canonical, url ?? 'http://localhost/').toString() : null,
    date,
    datePrecision: date ? 'day' : 'unknown',
    lang: lang ? lang.slice(0, 2).toLowerCase() : parsed?.lang ? parsed.lang.slice(0, 2).toLowerCase() : null,
  };
}
