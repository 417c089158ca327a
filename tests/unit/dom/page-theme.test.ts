// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { pageBackground, pageTheme, parseCssColor, watchPageTheme } from '../../../lib/dom/page-theme';

afterEach(() => {
  document.documentElement.removeAttribute('style');
  document.documentElement.className = '';
  document.body.removeAttribute('style');
  document.body.innerHTML = '';
  document.head.innerHTML = '';
});

describe('parseCssColor', () => {
  it('reads the computed forms browsers give', () => {
    expect(parseCssColor('rgb(18, 18, 18)')).toEqual([18, 18, 18, 1]);
    expect(parseCssColor('rgba(0, 0, 0, 0)')).toEqual([0, 0, 0, 0]);
    expect(parseCssColor('rgb(10 20 30 / 50%)')).toEqual([10, 20, 30, 0.5]);
    expect(parseCssColor('transparent')).toEqual([0, 0, 0, 0]);
    expect(parseCssColor('oklch(0.2 0 0)')).toBeNull();
  });
});

describe('pageTheme', () => {
  it('is dark on a dark body whatever the system says', () => {
    document.body.style.backgroundColor = 'rgb(17, 17, 17)';
    expect(pageTheme(document)).toBe('dark');
  });

  it('is light on a light page, and light on a page that paints nothing', () => {
    expect(pageTheme(document)).toBe('light');
    document.body.style.backgroundColor = '#fafafa';
    expect(pageTheme(document)).toBe('light');
  });

  it('reads the article container first (a dark reading area on a light body)', () => {
    document.body.style.backgroundColor = '#ffffff';
    document.body.innerHTML = '<nav>menu</nav><main style="background:#1b1b1b"><p>text</p></main>';
    expect(pageBackground(document)).toEqual([27, 27, 27]);
    expect(pageTheme(document)).toBe('dark');
  });

  it('skips transparent layers up to the root', () => {
    document.documentElement.style.backgroundColor = 'rgb(20, 24, 28)';
    document.body.innerHTML = '<article><p>text</p></article>';
    expect(pageTheme(document)).toBe('dark');
  });

  it('follows color-scheme: dark when nothing paints a background', () => {
    document.documentElement.style.colorScheme = 'dark';
    expect(pageTheme(document)).toBe('dark');
  });
});

describe('watchPageTheme', () => {
  it('reports a switch made by a class on the root, once, and stops with its signal', async () => {
    const style = document.createElement('style');
    style.textContent = 'html.dark body{background:#101010}';
    document.head.append(style);
    const seen: string[] = [];
    const abort = new AbortController();
    expect(watchPageTheme(document, (t) => seen.push(t), abort.signal)).toBe('light');
    document.documentElement.className = 'dark';
    document.documentElement.setAttribute('data-x', '1'); // a second attribute change in the same frame
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toEqual(['dark']);
    document.documentElement.className = '';
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toEqual(['dark', 'light']);
    abort.abort();
    document.documentElement.className = 'dark';
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toEqual(['dark', 'light']);
  });
});
