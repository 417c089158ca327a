import { describe, expect, it } from 'vitest';
import { canonicalUrl, sameSite } from '../../../lib/annotations/canonical-url';

describe('canonicalUrl', () => {
  it.each<[string, string, string | null | undefined, string]>([
    ['no canonical: fragment dropped', 'https://tass.com/world/1234#comments', undefined, 'https://tass.com/world/1234'],
    ['utm_* and click ids dropped, other parameters kept in order', 'https://tass.com/a?id=7&utm_source=tw&fbclid=X&page=2&gclid=Y&yclid=Z', null, 'https://tass.com/a?id=7&page=2'],
    ['mailing and social ids dropped', 'https://x.org/p?mc_cid=1&mc_eid=2&igshid=3&ref=feed&_ga=4', null, 'https://x.org/p'],
    ['tracking names compared case-insensitively', 'https://x.org/p?UTM_Campaign=a&FBCLID=b&q=csto', null, 'https://x.org/p?q=csto'],
    ['host lower-cased, default port and trailing dot dropped', 'HTTPS://News.Example.COM.:443/Path?x=1', null, 'https://news.example.com/Path?x=1'],
    ['http default port dropped, other ports kept', 'http://example.com:80/a', null, 'http://example.com/a'],
    ['non-default port kept', 'http://example.com:8080/a', null, 'http://example.com:8080/a'],
    ['same-site canonical preferred', 'https://m.tass.com/world/1234?utm_medium=app', 'https://tass.com/world/1234', 'https://tass.com/world/1234'],
    ['canonical cleaned too', 'https://tass.com/a', 'https://www.tass.com/a?utm_source=x#top', 'https://www.tass.com/a'],
    ['canonical on another site ignored', 'https://copycat.example/news/1?utm_source=x', 'https://tass.com/world/1234', 'https://copycat.example/news/1'],
    ['relative canonical ignored', 'https://tass.com/a?fbclid=1', '/world/1234', 'https://tass.com/a'],
    ['non-http canonical ignored', 'https://tass.com/a', 'javascript:alert(1)', 'https://tass.com/a'],
    ['empty canonical ignored', 'https://tass.com/a#x', '   ', 'https://tass.com/a'],
    ['country second-level domains are one site', 'https://news.bbc.co.uk/2/hi/1.stm', 'https://www.bbc.co.uk/news/1', 'https://www.bbc.co.uk/news/1'],
    ['co.uk sites differ by their own label', 'https://news.bbc.co.uk/1', 'https://evil.co.uk/1', 'https://news.bbc.co.uk/1'],
    ['empty query removed', 'https://x.org/p?utm_source=a', null, 'https://x.org/p'],
    ['non-http page: only the fragment dropped', 'file:///home/me/page.html#p3', null, 'file:///home/me/page.html'],
    ['unparsable page URL returned trimmed', ' not a url ', null, 'not a url'],
    // Public Suffix List (private suffixes too): neighbours under a shared suffix are other sites.
    ['github.io: another user\'s pages ignored', 'https://attacker.github.io/post', 'https://victim.github.io/notes', 'https://attacker.github.io/post'],
    ['dyndns.org: another name ignored', 'http://attacker.dyndns.org:8080/a', 'http://victim.dyndns.org:8080/a', 'http://attacker.dyndns.org:8080/a'],
    ['herokuapp.com: another app ignored', 'https://evil.herokuapp.com/a', 'https://bank.herokuapp.com/a', 'https://evil.herokuapp.com/a'],
    ['github.io: the same user\'s pages accepted', 'https://victim.github.io/a?utm_source=x', 'https://victim.github.io/b', 'https://victim.github.io/b'],
    ['co.uk: subdomains of one site accepted', 'https://news.example.co.uk/1', 'https://www.example.co.uk/news/1', 'https://www.example.co.uk/news/1'],
    ['com.au: another site ignored', 'https://news.example.com.au/1', 'https://other.com.au/1', 'https://news.example.com.au/1'],
    ['IP address: another port ignored', 'http://127.0.0.1:8080/a', 'http://127.0.0.1:9090/a', 'http://127.0.0.1:8080/a'],
    ['IP address: same host and port accepted', 'http://127.0.0.1:8080/a', 'http://127.0.0.1:8080/story.html', 'http://127.0.0.1:8080/story.html'],
    ['localhost vs an IP ignored', 'http://localhost:8080/a', 'http://127.0.0.1:8080/a', 'http://localhost:8080/a'],
  ])('%s', (_name, page, canonical, want) => {
    expect(canonicalUrl(page, canonical)).toBe(want);
  });
});

describe('sameSite', () => {
  it.each<[string, string, string, boolean]>([
    ['subdomains of one registrable domain', 'https://news.example.co.uk/a', 'https://www.example.co.uk/b', true],
    ['http and https of one site', 'http://tass.com/a', 'https://m.tass.com/b', true],
    ['two github.io users', 'https://attacker.github.io/', 'https://victim.github.io/', false],
    ['two blogspot.com blogs', 'https://a.blogspot.com/', 'https://b.blogspot.com/', false],
    ['a suffix and a site under it', 'https://github.io/', 'https://victim.github.io/', false],
    ['two sites under co.uk', 'https://bbc.co.uk/', 'https://evil.co.uk/', false],
    ['trailing dot and case', 'https://WWW.Tass.COM./a', 'https://tass.com/b', true],
    ['IP address, same port', 'http://127.0.0.1:41234/a', 'http://127.0.0.1:41234/b', true],
    ['IP address, other port', 'http://127.0.0.1:41234/a', 'http://127.0.0.1:41235/b', false],
    ['an IP and a name', 'http://127.0.0.1/a', 'http://localhost/a', false],
    ['non-http URL', 'chrome-extension://abc/page.html', 'https://tass.com/', false],
    ['data URL', 'data:text/html,x', 'data:text/html,x', false],
    ['not a URL', 'tass.com', 'tass.com', false],
  ])('%s', (_name, a, b, want) => {
    expect(sameSite(a, b)).toBe(want);
    expect(sameSite(b, a)).toBe(want);
  });
});
