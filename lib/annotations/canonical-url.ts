import { getDomain } from 'tldts';

// The URL an annotation is filed under: the page's rel=canonical when it is a plausible
// address of the same site, else the page URL without tracking parameters and fragment.

/** Query parameters that only track the visit (compared case-insensitively). */
const TRACKING = new Set([
  'fbclid', 'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'ysclid', 'twclid', 'ttclid',
  'li_fat_id', 'igshid', 'mc_cid', 'mc_eid', '_ga', '_gl', '_hsenc', '_hsmi', 'hsctatracking', 'mkt_tok',
  'oly_anon_id', 'oly_enc_id', 'vero_id', 'vero_conv', 'rb_clickid', 's_cid', 'wt.mc_id', 'at_medium',
  'at_campaign', 'ncid', 'cmpid', 'ref', 'ref_src', 'ref_url', 'referrer', 'guccounter', 'guce_referrer',
  'guce_referrer_sig', 'fb_action_ids', 'fb_action_types', 'fb_source', 'fb_ref', 'spm', 'ito',
]);

function isTracking(name: string): boolean {
  const n = name.toLowerCase();
  return TRACKING.has(n) || n.startsWith('utm_') || n.startsWith('pk_') || n.startsWith('mtm_');
}

/**
 * Whether two http(s) URLs belong to the same site: the same registrable domain by the Public
 * Suffix List, private suffixes included (attacker.github.io and victim.github.io are two sites;
 * news.example.co.uk and www.example.co.uk one), or, for hosts without one (IP addresses,
 * localhost), the same host and port. Anything that is not an http(s) URL belongs to no site.
 */
export function sameSite(a: string, b: string): boolean {
  const ua = parseHttp(a);
  const ub = parseHttp(b);
  if (!ua || !ub) return false;
  const da = getDomain(ua.hostname.replace(/\.$/, ''), { allowPrivateDomains: true });
  const db = getDomain(ub.hostname.replace(/\.$/, ''), { allowPrivateDomains: true });
  if (da && db) return da === db;
  return !da && !db && ua.host.replace(/\.(?=:|$)/, '') === ub.host.replace(/\.(?=:|$)/, '');
}

function parseHttp(href: string, base?: string): URL | null {
  try {
    const u = new URL(href, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : null;
  } catch {
    return null;
  }
}

/** Lower-case host without a trailing dot, no default port, no fragment, no tracking parameters. */
function clean(u: URL): string {
  const out = new URL(u.href);
  out.hostname = out.hostname.toLowerCase().replace(/\.$/, '');
  out.hash = '';
  const keep = [...out.searchParams].filter(([k]) => !isTracking(k));
  if (keep.length !== [...out.searchParams].length) {
    out.search = '';
    for (const [k, v] of keep) out.searchParams.append(k, v);
  }
  if (out.search === '?') out.search = '';
  return out.href;
}

/**
 * The canonical URL of a page. canonicalHref (the page's <link rel=canonical> href) wins when
 * it is an absolute http(s) URL on the same site as the page (the same registrable domain by the
 * Public Suffix List: www., m., amp. and other subdomains, never a neighbour under a shared
 * suffix such as github.io or co.uk); otherwise the page URL, cleaned. A page URL that is not http(s)
 * comes back without its fragment.
 */
export function canonicalUrl(pageUrl: string, canonicalHref?: string | null): string {
  const page = parseHttp(pageUrl);
  if (!page) {
    try {
      const u = new URL(pageUrl);
      u.hash = '';
      return u.href;
    } catch {
      return pageUrl.trim();
    }
  }
  const href = canonicalHref?.trim();
  if (href && /^https?:\/\//i.test(href)) {
    const canon = parseHttp(href);
    if (canon && sameSite(canon.href, page.href)) return clean(canon);
  }
  return clean(page);
}
