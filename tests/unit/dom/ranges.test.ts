// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { collectText } from '../../../lib/dom/collect';
import { offsetsFromRange, rangeFromOffsets } from '../../../lib/dom/ranges';

function index(html: string) {
  document.body.innerHTML = html;
  return collectText(document.body);
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('rangeFromOffsets', () => {
  it.each([
    ['<b>', '<p>The Collective Security <b>Treaty</b> Organization met.</p>'],
    ['<i>', '<p>The <i>Collective Security</i> Treaty Organization met.</p>'],
    ['<a>', '<p>The Collective <a href="/csto">Security Treaty</a> Organization met.</p>'],
    ['nested', '<p>The <a href="#"><b>Collective</b> Security <i>Treaty</i></a> Organization met.</p>'],
    ['split inside a word', '<p>The Collec<span>tive</span> Security Treaty Organi<em>zation</em> met.</p>'],
  ])('spans across %s', (_name, html) => {
    const ix = index(html);
    const phrase = 'Collective Security Treaty Organization';
    const start = ix.text.indexOf(phrase);
    expect(start).toBeGreaterThanOrEqual(0);
    const r = rangeFromOffsets(ix, start, start + phrase.length)!;
    expect(r).not.toBeNull();
    expect(r.toString()).toBe(phrase);
    expect(r.startContainer.nodeType).toBe(Node.TEXT_NODE);
    expect(r.endContainer.nodeType).toBe(Node.TEXT_NODE);
    expect(r.startContainer).not.toBe(r.endContainer);
  });

  it('stays inside one text node when it can', () => {
    const ix = index('<p>The CSTO met</p>');
    const r = rangeFromOffsets(ix, 4, 8)!;
    expect(r.startContainer).toBe(r.endContainer);
    expect([r.startOffset, r.endOffset]).toEqual([4, 8]);
  });

  it('ends in the earlier node at a node boundary', () => {
    const ix = index('<p>CSTO<b>summit</b></p>');
    const r = rangeFromOffsets(ix, 0, 4)!;
    expect(r.endContainer).toBe(ix.nodes[0]);
    expect(r.endOffset).toBe(4);
    const r2 = rangeFromOffsets(ix, 4, 10)!;
    expect(r2.startContainer).toBe(ix.nodes[1]);
    expect(r2.startOffset).toBe(0);
  });

  it('moves boundaries out of block separators', () => {
    const ix = index('<p>Alpha</p><p>Beta</p>'); // "Alpha\nBeta"
    const r = rangeFromOffsets(ix, 5, 10)!; // "\nBeta"
    expect(r.toString()).toBe('Beta');
    expect(r.startContainer).toBe(ix.nodes[1]);
    const r2 = rangeFromOffsets(ix, 0, 6)!; // "Alpha\n"
    expect(r2.toString()).toBe('Alpha');
    const r3 = rangeFromOffsets(ix, 3, 8)!; // across blocks
    expect(r3.toString()).toBe('haBe');
  });

  it.each([
    ['empty span', 2, 2],
    ['reversed', 4, 2],
    ['negative', -1, 3],
    ['past the end', 0, 999],
    ['only a separator', 5, 6],
  ])('returns null for %s', (_name, s, e) => {
    const ix = index('<p>Alpha</p><p>Beta</p>');
    expect(rangeFromOffsets(ix, s, e)).toBeNull();
  });

  it('returns null for an empty index', () => {
    expect(rangeFromOffsets(index(''), 0, 0)).toBeNull();
    expect(rangeFromOffsets({ text: 'abc', nodes: [], starts: [] }, 0, 2)).toBeNull();
  });

  it('returns null when the page changed the text since collection', () => {
    const ix = index('<p>The CSTO met</p>');
    ix.nodes[0]!.data = 'Entirely different';
    expect(rangeFromOffsets(ix, 4, 8)).toBeNull();
  });

  it('returns null when the node was shortened since collection', () => {
    const ix = index('<p>The CSTO met</p>');
    ix.nodes[0]!.data = 'The';
    expect(rangeFromOffsets(ix, 4, 8)).toBeNull();
  });
});

describe('offsetsFromRange', () => {
  const html =
    '<h1>CSTO <i>news</i></h1><p>The Collective Security <b>Treaty</b> Organization ' +
    '<a href="#">met in <em>Dushanbe</em></a>.</p><ul><li>One</li><li>Two</li></ul>';

  it('round-trips every span whose ends are not in separators', () => {
    const ix = index(html);
    const inSep = (o: number) => ix.text[o] === '\n';
    let checked = 0;
    for (let s = 0; s < ix.text.length; s++) {
      if (inSep(s)) continue;
      for (let e = s + 1; e <= ix.text.length; e++) {
        if (inSep(e - 1)) continue;
        const r = rangeFromOffsets(ix, s, e)!;
        expect(r, `${s}-${e}`).not.toBeNull();
        expect(offsetsFromRange(ix, r)).toEqual({ start: s, end: e });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  type Pick = (t: Text[]) => [Text, number, Text, number];
  it.each<[string, Pick]>([
    ['inside one node', (t: Text[]) => [t[2]!, 4, t[2]!, 14]],
    ['across <b>', (t: Text[]) => [t[2]!, 4, t[3]!, 3]],
    ['across <b> and into the next text', (t: Text[]) => [t[2]!, 15, t[4]!, 5]],
    ['across blocks', (t: Text[]) => [t[1]!, 1, t[3]!, 6]],
    ['across <a><em>', (t: Text[]) => [t[4]!, 2, t[6]!, 4]],
  ])('rangeFromOffsets(offsetsFromRange(r)) equals r: %s', (_name, pick) => {
    const ix = index(html);
    const [sc, so, ec, eo] = pick(ix.nodes);
    const r = document.createRange();
    r.setStart(sc, so);
    r.setEnd(ec, eo);
    const o = offsetsFromRange(ix, r)!;
    const back = rangeFromOffsets(ix, o.start, o.end)!;
    expect(back.startContainer).toBe(r.startContainer);
    expect(back.startOffset).toBe(r.startOffset);
    expect(back.endContainer).toBe(r.endContainer);
    expect(back.endOffset).toBe(r.endOffset);
    expect(back.toString()).toBe(r.toString());
  });

  it('snaps element boundary points to the text inside', () => {
    const ix = index(html);
    const b = document.querySelector('b')!;
    const r = document.createRange();
    r.selectNodeContents(b);
    const o = offsetsFromRange(ix, r)!;
    expect(ix.text.slice(o.start, o.end)).toBe('Treaty');
    r.selectNode(document.querySelector('a')!);
    const o2 = offsetsFromRange(ix, r)!;
    expect(ix.text.slice(o2.start, o2.end)).toBe('met in Dushanbe');
    r.selectNode(document.querySelector('ul')!);
    const o3 = offsetsFromRange(ix, r)!;
    expect(ix.text.slice(o3.start, o3.end)).toBe('One\nTwo');
  });

  it('snaps points in unindexed text to neighbouring indexed text', () => {
    const ix = index('<p>Alpha <script>var x = 1;</script>Beta</p>');
    const script = document.querySelector('script')!.firstChild!;
    const r = document.createRange();
    r.setStart(script, 2);
    r.setEnd(ix.nodes[1]!, 2);
    const o = offsetsFromRange(ix, r)!;
    expect(ix.text.slice(o.start, o.end)).toBe('Be');
  });

  it('returns null for a range outside the indexed text', () => {
    const ix = index('<p id="a">Alpha</p>');
    const other = document.createElement('div');
    other.textContent = 'elsewhere';
    document.body.appendChild(other);
    const r = document.createRange();
    r.selectNodeContents(other);
    expect(offsetsFromRange(ix, r)).toBeNull();
  });
});

describe('offsetsFromRange: carets', () => {
  it('maps a collapsed range to a caret offset', () => {
    const ix = index('<p>Alpha</p><p>Beta</p>');
    const r = document.createRange();
    r.setStart(ix.nodes[1]!, 2);
    expect(offsetsFromRange(ix, r)).toEqual({ start: 8, end: 8 });
  });
});
