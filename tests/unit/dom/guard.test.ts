// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cssIdent, isDrawable } from '../../../lib/dom/guard';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('connectivity', () => {
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

});
