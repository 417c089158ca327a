// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cssIdent, isDrawable, isLive, safely, setText, textElement, textOf } from '../../../lib/dom/guard';

afterEach(() => {
  document.body.innerHTML = '';
});

const hostile = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  '&lt;b&gt;entity&lt;/b&gt;',
];

describe('page text stays text', () => {
  it.each(hostile)('setText(%s) creates no elements', (s) => {
    const el = document.createElement('div');
    document.body.appendChild(el);
    setText(el, s);
    expect(el.children.length).toBe(0);
    expect(el.textContent).toBe(s);
  });

  it.each(hostile)('textElement(%s) creates no elements', (s) => {
    const el = textElement(document, 'span', s, { title: s, onclick: 'alert(1)', ONload: 'x' });
    expect(el.children.length).toBe(0);
    expect(el.textContent).toBe(s);
    expect(el.getAttribute('title')).toBe(s);
    expect(el.hasAttribute('onclick')).toBe(false);
    expect(el.hasAttribute('onload')).toBe(false);
  });

  it('textOf reads text, not markup', () => {
    document.body.innerHTML = '<p>a <b>b</b> &lt;i&gt;</p>';
    expect(textOf(document.querySelector('p'))).toBe('a b <i>');
    expect(textOf(null)).toBe('');
  });
});

describe('connectivity', () => {
  it('isLive follows the node being in the document', () => {
    const p = document.createElement('p');
    expect(isLive(p)).toBe(false);
    document.body.appendChild(p);
    expect(isLive(p)).toBe(true);
    expect(isLive(null)).toBe(false);
  });

  it('isDrawable rejects detached, collapsed and out-of-bounds ranges', () => {
    document.body.innerHTML = '<p>CSTO summit</p>';
    const t = document.querySelector('p')!.firstChild as Text;
    const r = document.createRange();
    r.setStart(t, 0);
    r.setEnd(t, 4);
    expect(isDrawable(r)).toBe(true);
    const sr = new StaticRange({ startContainer: t, startOffset: 0, endContainer: t, endOffset: 4 });
    expect(isDrawable(sr)).toBe(true);
    t.data = 'CS'; // a StaticRange does not follow the edit
    expect(isDrawable(sr)).toBe(false);
    document.body.innerHTML = '';
    expect(isDrawable(r)).toBe(false); // collapsed by the removal
    expect(isDrawable(null)).toBe(false);
    const detached = document.createElement('p');
    detached.textContent = 'x';
    const r2 = document.createRange();
    r2.selectNodeContents(detached);
    expect(isDrawable(r2)).toBe(false);
  });
});

describe('helpers', () => {
  it.each([
    ['person', 'person'],
    ['note-yellow', 'note-yellow'],
    ['Note Yellow', 'note-yellow'],
    ['a"b){}', 'a-b'],
    ['9lives', 'x9lives'],
    ['', 'x'],
    ['---', 'x'],
  ])('cssIdent(%j) = %j', (input, out) => {
    expect(cssIdent(input)).toBe(out);
  });

  it('safely returns the fallback on exceptions', () => {
    expect(safely(() => 1, 0)).toBe(1);
    expect(
      safely(() => {
        throw new Error('page broke it');
      }, 0),
    ).toBe(0);
  });
});
