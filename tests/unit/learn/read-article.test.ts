// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isoDay, readArticle } from '../../../lib/learn/read-article';

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');
const fixture = (name: string) => parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'pages', name), 'utf8'));

describe('readArticle', () => {
  it('reads the article of a news page without its chrome, and what the page says about itself', () => {
    const doc = fixture('learn.html');
    const a = readArticle(doc, 'https://steppe.example/world/learn.html?utm_source=x');
    expect(a).toMatchObject({ canonical: '/learn.html', outlet: 'Steppe Wire', published: '2025-11-14', lang: 'en' });
    expect(a.title).toMatch(/^CSTO secretary general warns/);
    expect(a.text).toMatch(/watching the concentration of armed groups/);
    for (const chrome of ['Advertisement', 'Refinance your mortgage', 'Most read', 'Good that someone is watching', 'Privacy']) expect(a.text).not.toContain(chrome);
    expect(doc.querySelector('nav')).not.toBeNull(); // the page itself is left as it was
  });

  it.each([
    ['meta article:published_time', '<meta property="article:published_time" content="2024-05-02T10:00:00Z">', '2024-05-02'],
    ['JSON-LD datePublished in @graph', '<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","datePublished":"2023-01-09"}]}</script>', '2023-01-09'],
    ['the first <time datetime>', '', '2022-12-31'],
  ])('the published date from %s', (_what, head, day) => {
    const body = `<article><h1>A headline about the CSTO</h1><time datetime="2022-12-31T08:00">yesterday</time>${'<p>The CSTO met in Moscow and discussed the border with Afghanistan at length. </p>'.repeat(8)}</article>`;
    expect(readArticle(parse(`<html lang="ru-RU"><head>${head}</head><body>${body}</body></html>`), 'https://x.example/a').published).toBe(day);
  });

  it('the outlet is the host when the page names none; the language its primary subtag', () => {
    const a = readArticle(parse(`<html lang="ru-RU"><body><article>${'<p>ОДКБ провела учения в Таджикистане. </p>'.repeat(10)}</article></body></html>`), 'https://www.kabar.example/news/1');
    expect([a.outlet, a.lang]).toEqual(['kabar.example', 'ru']);
  });

  it('isoDay', () => {
    expect([isoDay('2025-11-14T09:30:00+05:00'), isoDay('14 Nov 2025'), isoDay(null)]).toEqual(['2025-11-14', null, null]);
  });
});
