import { Readability } from '@mozilla/readability';
import type { ArticleRead } from '../model/types';

// Reads a news page as an article: its text without the page's chrome (Mozilla's Readability, as
// Firefox's reader view does) and what the page says about itself. DOM only: it runs in the page
// (entrypoints/learn-reader.ts, injected only when the reader learns a page) or over a parsed document.

const meta = (doc: Document, ...names: string[]): string | null => {
  for (const n of names) {
    const el = doc.querySelector(`meta[property="${n}"], meta[name="${n}"], meta[itemprop="${n}"]`);
    const v = el?.getAttribute('content')?.trim();
    if (v) return v;
  }
  return null;
};

/** An ISO day (YYYY-MM-DD) from a date-time string, or null. */
export function isoDay(value: string | null | undefined): string | null {
  const m = value ? /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim()) : null;
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/** datePublished from the page's JSON-LD (NewsArticle and friends, also inside @graph). */
function jsonLdPublished(doc: Document): string | null {
  for (const s of doc.querySelectorAll('script[type="application/ld+json"]')) {
    let data: unknown;
    try {
      data = JSON.parse(s.textContent ?? '');
    } catch {
      continue;
    }
    const stack = [data];
    while (stack.length) {
      const x = stack.pop();
      if (Array.isArray(x)) stack.push(...x);
      else if (x && typeof x === 'object') {
        const o = x as Record<string, unknown>;
        if (typeof o.datePublished === 'string') return o.datePublished;
        if (o['@graph']) stack.push(o['@graph']);
      }
    }
  }
  return null;
}

function hostOf(location: string): string {
  try {
    return new URL(location).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

/** The article of `doc` (left untouched: Readability works on a clone), read at `location`. */
export function readArticle(doc: Document, location: string): ArticleRead {
  const parsed = new Readability(doc.cloneNode(true) as Document, { charThreshold: 200 }).parse();
  const text = (parsed?.textContent ?? '')
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
  const canonical = doc.querySelector('link[rel~="canonical"]')?.getAttribute('href') ?? meta(doc, 'og:url');
  const published =
    isoDay(meta(doc, 'article:published_time', 'datePublished', 'pubdate', 'publishdate', 'date')) ??
    isoDay(jsonLdPublished(doc)) ??
    isoDay(doc.querySelector('time[datetime]')?.getAttribute('datetime'));
  const lang = (doc.documentElement.getAttribute('lang') ?? parsed?.lang ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return {
    location,
    canonical: canonical?.trim() || null,
    title: (meta(doc, 'og:title') ?? parsed?.title ?? doc.title ?? '').trim(),
    outlet: (meta(doc, 'og:site_name') ?? parsed?.siteName ?? hostOf(location)).trim() || hostOf(location),
    published,
    lang,
    text,
  };
}
