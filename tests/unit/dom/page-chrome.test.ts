// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { collectText } from '../../../lib/dom/collect';
import { articleBodyFilter, readingArea } from '../../../lib/dom/page-chrome';

const fixture = (name: string) => readFileSync(join(process.cwd(), 'tests/fixtures/pages', name), 'utf8');
const load = (html: string) => {
  document.documentElement.innerHTML = html.replace(/^<!doctype html>/i, '');
};
const bodyText = () => collectText(document.body, { skip: articleBodyFilter(document), styles: false }).text;

afterEach(() => {
  document.documentElement.innerHTML = '<head></head><body></body>';
});

describe('article body only', () => {
  it('a seed page: headline and paragraphs stay; banner, navigation, byline, share bar, comments, side column, ads and footer go', () => {
    load(fixture('seed-000.html'));
    expect(readingArea(document)?.id).toBe('article');
    const text = bodyText();
    expect(text).toContain('CSTO Should Focus On Foreign Militants Identification');
    expect(text).toContain('The CSTO unites Armenia, Belarus');
    for (const chrome of ['Politics', 'Search news', 'Fly non-stop', 'Share', 'Comments (2)', 'steppe_wolf', 'Most read', 'Refinance', 'About us']) {
      expect(text, chrome).not.toContain(chrome);
    }
    // the byline is gone, the date line stays
    expect(text).toContain('26th May, 2020');
    expect(text.match(/Pakistan Point News/g)?.length ?? 0).toBe(1); // in the body's first sentence only
  });

  it('a headline above the article container is kept, the rest around it is not', () => {
    load(
      '<body><header role="banner"><a>CSTO News</a><nav><a>CSTO home</a></nav></header>' +
        '<div class="story-head"><h1>CSTO summit in Minsk</h1><p class="byline">By A. Writer</p></div>' +
        '<main><p>' + 'Leaders of the CSTO met. '.repeat(20) + '</p><aside>CSTO factbox</aside><footer>Tags: CSTO</footer></main>' +
        '<div class="related-stories"><a>Another CSTO story</a></div><footer>About</footer></body>',
    );
    const text = bodyText();
    expect(text.startsWith('CSTO summit in Minsk\nLeaders of the CSTO met.')).toBe(true);
    for (const chrome of ['CSTO News', 'CSTO home', 'A. Writer', 'factbox', 'Tags', 'Another CSTO story', 'About']) expect(text, chrome).not.toContain(chrome);
  });

  it('without a container, only the chrome itself goes; a wrapper named like chrome that holds the article stays', () => {
    load(
      '<body><nav>CSTO menu</nav><div class="layout has-sidebar"><h1>CSTO drills</h1><p>The CSTO held drills.</p>' +
        '<div class="share-bar">Share CSTO</div></div><div id="comments"><p>CSTO comment</p></div></body>',
    );
    expect(readingArea(document)).toBeNull();
    expect(bodyText()).toBe('CSTO drills\nThe CSTO held drills.');
  });

  it('a small <main> (a teaser) is not taken for the article', () => {
    load('<body><main><p>CSTO teaser</p></main><div>' + '<p>Long CSTO text.</p>'.repeat(30) + '</div></body>');
    expect(readingArea(document)).toBeNull();
    expect(bodyText()).toContain('Long CSTO text.');
  });
});
