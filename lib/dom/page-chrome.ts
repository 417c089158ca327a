// "Article body only" (issue 14.5): which parts of a page are its chrome (navigation, banner, footer,
// side columns, bylines, share bars, comments, advertisements) rather than the article. A cheap
// heuristic run by the collector on each element (lib/dom/collect.ts `skip`), not Readability: the
// content script stays small, and the page's own landmarks say most of it.
// Content-script code: DOM only, no dependencies.

/** Landmark roles that are never the article. */
const CHROME_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search', 'menu', 'menubar', 'toolbar']);

/** A class or id that names chrome: byline, share-bar, related_links, ad, comments, ... */
const CHROME_NAME =
  /^(?:.*[-_])?(?:byline|bylines|dateline|author|authors|breadcrumbs?|share|sharing|social|newsletter|related|sidebar|comments?|disqus|cookies?|promo|ad|ads|advert|advertisement|sponsored)(?:[-_].*)?$/i;

/** Where the reader's article sits: a single <article>, else <main>, if it holds a fair part of the text. */
export function readingArea(doc: Document): Element | null {
  const body = doc.body;
  if (!body) return null;
  const total = body.textContent?.length ?? 0;
  const articles = doc.getElementsByTagName('article');
  const candidates = [articles.length === 1 ? articles[0]! : null, doc.querySelector('main'), doc.querySelector('[role="main"]')];
  for (const el of candidates) {
    if (el && (el.textContent?.length ?? 0) >= total * 0.25) return el;
  }
  return null;
}

function namesChrome(el: Element): boolean {
  if (el.id && CHROME_NAME.test(el.id)) return true;
  const cls = el.classList;
  for (let i = 0; i < cls.length; i++) if (CHROME_NAME.test(cls[i]!)) return true;
  const rel = el.getAttribute('rel');
  return (rel !== null && /\bauthor\b/i.test(rel)) || el.getAttribute('itemprop') === 'author';
}

/**
 * A `skip` for the collector: true for an element of the page's chrome. Outside the reading area
 * (when there is one) everything is chrome but the article's headline (its first <h1>, which may sit
 * above the area) and the way down to it. Inside: nav, aside, footer, a header outside any article,
 * the chrome landmark roles, and elements named as chrome (byline, share, comments, ad, ...) that
 * do not hold the article itself.
 */
export function articleBodyFilter(doc: Document): (el: Element) => boolean {
  const area = readingArea(doc);
  const headline = area?.querySelector('h1') ?? doc.querySelector('h1');
  /** Elements on the way from the body to the area and to the headline: entered, never skipped. */
  const path = new Set<Element>();
  for (const end of [area, headline]) for (let el = end?.parentElement ?? null; el; el = el.parentElement) path.add(el);
  return (el) => {
    if (path.has(el)) return false;
    if (area && !area.contains(el) && !(headline && headline.contains(el))) return true;
    if (el === area || el === headline) return false;
    const tag = el.localName;
    if (tag === 'nav' || tag === 'aside' || tag === 'footer') return true;
    if (tag === 'header' && !el.closest('article, main, [role="main"]')) return true;
    const role = el.getAttribute('role');
    if (role && CHROME_ROLES.has(role.trim().toLowerCase())) return true;
    if (!namesChrome(el)) return false;
    // A wrapper named "has-sidebar" or "article-with-comments" may hold the article: keep it.
    return !(headline && el.contains(headline)) && !el.querySelector('article, main, [role="main"]');
  };
}
