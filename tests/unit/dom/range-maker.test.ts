// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { collectText } from '../../../lib/dom/collect';
import { RangeMaker, rangeFromOffsets } from '../../../lib/dom/ranges';
import { observeMutations } from '../../../lib/dom/observe';

function index(html: string) {
  document.body.innerHTML = html;
  return collectText(document.body);
}

afterEach(() => {
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

describe('RangeMaker', () => {
  const html =
    '<h1>CSTO <i>news</i></h1><p>The Collective Security <b>Treaty</b> Organization ' +
    '<a href="#">met in <em>Dushanbe</em></a>.</p><ul><li>One</li><li>Two</li></ul>';

  it('makes the same ranges as rangeFromOffsets for every span', () => {
    const ix = index(html);
    const maker = new RangeMaker(ix);
    let made = 0;
    for (let s = 0; s < ix.text.length; s++) {
      for (let e = s + 1; e <= ix.text.length; e++) {
        const a = rangeFromOffsets(ix, s, e);
        const b = maker.make(s, e);
        expect(b === null, `${s}-${e}`).toBe(a === null);
        if (a && b) {
          expect(b.startContainer).toBe(a.startContainer);
          expect(b.startOffset).toBe(a.startOffset);
          expect(b.endContainer).toBe(a.endContainer);
          expect(b.endOffset).toBe(a.endOffset);
          expect(b.collapsed).toBe(false);
          made++;
        }
      }
    }
    expect(made).toBeGreaterThan(1000);
  });

  it('records the length of every node it reads', () => {
    const ix = index(html);
    expect(ix.lengths).toEqual(ix.nodes.map((n) => n.length));
  });

  it('checks each node once until reset(), not once per span', () => {
    const ix = index('<p>Russia, Belarus and Kazakhstan met Russia again.</p>');
    const node = ix.nodes[0]!;
    const reads = vi.spyOn(node, 'data', 'get');
    const maker = new RangeMaker(ix);
    for (const name of ['Russia', 'Belarus', 'Kazakhstan']) {
      const at = ix.text.indexOf(name);
      expect(maker.make(at, at + name.length)!.toString()).toBe(name);
    }
    expect(reads).toHaveBeenCalledTimes(1);
    maker.reset();
    expect(maker.make(0, 6)!.toString()).toBe('Russia');
    expect(reads).toHaveBeenCalledTimes(2);
  });

  it('is stale-safe: a node the page changed (same length too) or removed gives null after reset()', () => {
    const ix = index('<p>The CSTO met</p><p>in Moscow</p>');
    const maker = new RangeMaker(ix);
    expect(maker.make(4, 8)!.toString()).toBe('CSTO');
    ix.nodes[0]!.data = 'The OTSC met'; // same length, other text
    maker.reset();
    expect(maker.make(4, 8)).toBeNull();
    expect(rangeFromOffsets(ix, 4, 8)).toBeNull();
    const moscow = ix.text.indexOf('Moscow');
    expect(maker.make(moscow, moscow + 6)!.toString()).toBe('Moscow');
    ix.nodes[1]!.parentNode!.parentNode!.removeChild(ix.nodes[1]!.parentNode!);
    maker.reset();
    expect(maker.make(moscow, moscow + 6)).toBeNull();
  });

  it('with a mutation observer that saw no change since the read, reads no node again; after a change, checks again', async () => {
    const ix = index('<p>The CSTO met</p><p>in Moscow</p>');
    const watch = observeMutations(document.body, () => {}, () => {}, { debounceMs: 10_000 });
    const at = watch.changes;
    const reads = ix.nodes.map((n) => vi.spyOn(n, 'data', 'get'));
    const maker = new RangeMaker(ix, () => watch.changes === at);
    expect(maker.make(4, 8)!.toString()).toBe('CSTO');
    maker.reset();
    const moscow = ix.text.indexOf('Moscow');
    expect(maker.make(moscow, moscow + 6)!.toString()).toBe('Moscow');
    expect(reads.every((r) => r.mock.calls.length === 0)).toBe(true);
    // The page edits a node; its records reach the observer at the next microtask checkpoint.
    ix.nodes[0]!.data = 'The OTSC met';
    await Promise.resolve();
    expect(watch.changes).toBe(at + 1);
    maker.reset();
    expect(maker.make(4, 8)).toBeNull();
    expect(maker.make(moscow, moscow + 6)!.toString()).toBe('Moscow');
    watch.disconnect();
  });

  it('a node that grew or shrank is stale', () => {
    const ix = index('<p>The CSTO met</p>');
    ix.nodes[0]!.appendData(' today');
    expect(new RangeMaker(ix).make(4, 8)).toBeNull();
    expect(rangeFromOffsets(ix, 4, 8)).toBeNull();
  });

  it('null for spans outside the text or in separators only', () => {
    const ix = index('<p>Alpha</p><p>Beta</p>');
    const maker = new RangeMaker(ix);
    expect(maker.make(-1, 2)).toBeNull();
    expect(maker.make(3, 3)).toBeNull();
    expect(maker.make(0, ix.text.length + 1)).toBeNull();
    expect(maker.make(5, 6)).toBeNull(); // "\n"
    expect(new RangeMaker({ text: 'abc', nodes: [], starts: [] }).make(0, 2)).toBeNull();
  });

  it('rangeFromOffsets works on an index without lengths (made by hand)', () => {
    const ix = index('<p>The CSTO met</p>');
    const { lengths: _l, ...bare } = ix;
    expect(rangeFromOffsets(bare, 4, 8)!.toString()).toBe('CSTO');
    ix.nodes[0]!.data = 'Entirely different';
    expect(rangeFromOffsets(bare, 4, 8)).toBeNull();
  });
});
