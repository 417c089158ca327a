// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isOwnUi, observeMutations, type MutationWatch } from '../../../lib/dom/observe';
import { Highlighter } from '../../../lib/dom/highlighter';
import { collectText } from '../../../lib/dom/collect';
import { rangeFromOffsets } from '../../../lib/dom/ranges';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let watch: MutationWatch | null = null;
function start(opts: Parameters<typeof observeMutations>[3] = {}, root: Node = document.body) {
  const added: Node[][] = [];
  const removed: Node[][] = [];
  const order: string[] = [];
  watch = observeMutations(
    root,
    (n) => {
      added.push(n);
      order.push('added');
    },
    (n) => {
      removed.push(n);
      order.push('removed');
    },
    { debounceMs: 20, ...opts },
  );
  return { added, removed, order, watch };
}

afterEach(() => {
  watch?.disconnect();
  watch = null;
  document.body.innerHTML = '';
  vi.useRealTimers();
});

describe('observeMutations', () => {
  it('coalesces nested additions to their topmost added ancestor', async () => {
    document.body.innerHTML = '<main id="m"></main>';
    const { added, removed } = start();
    const div = document.createElement('div');
    document.getElementById('m')!.appendChild(div);
    const p = document.createElement('p');
    div.appendChild(p);
    p.appendChild(document.createTextNode('CSTO summit'));
    const sibling = document.createElement('section');
    document.body.appendChild(sibling);
    await vi.waitFor(() => expect(added).toEqual([[div, sibling]])); // the first batch of a fresh jsdom can take a while
    expect(removed).toEqual([]);
  });

  it('counts batches of page changes in `changes`, not its own (ignoring) nor those of our UI', async () => {
    document.body.innerHTML = '<p id="p">CSTO</p><div data-csto-lens=""><span id="ui">card</span></div>';
    const watch = observeMutations(document.body, () => {}, () => {}, { debounceMs: 10_000 });
    expect(watch.changes).toBe(0);
    watch.ignoring(() => document.getElementById('p')!.appendChild(document.createTextNode(' summit')));
    document.getElementById('ui')!.textContent = 'another card';
    await Promise.resolve();
    expect(watch.changes).toBe(0);
    (document.getElementById('p')!.firstChild as Text).data = 'OTSC';
    await Promise.resolve();
    expect(watch.changes).toBe(1);
    watch.disconnect();
  });

  it('debounces a burst into one batch', async () => {
    const { added } = start({ debounceMs: 30 });
    for (let i = 0; i < 5; i++) {
      document.body.appendChild(document.createElement('p'));
      await sleep(5);
    }
    expect(added).toEqual([]);
    await sleep(80);
    expect(added.length).toBe(1);
    expect(added[0]!.length).toBe(5);
  });

  it('delivers at least every maxWaitMs under a steady stream', async () => {
    const { added } = start({ debounceMs: 40, maxWaitMs: 60 });
    for (let i = 0; i < 12; i++) {
      document.body.appendChild(document.createElement('p'));
      await sleep(15);
    }
    expect(added.length).toBeGreaterThanOrEqual(2);
    await sleep(80);
    expect(added.flat().length).toBe(12);
  });

  it('reports removed nodes before added ones', async () => {
    document.body.innerHTML = '<p id="a">old</p>';
    const { added, removed, order } = start();
    const old = document.getElementById('a')!;
    const fresh = document.createElement('p');
    old.replaceWith(fresh);
    await sleep(60);
    expect(removed).toEqual([[old]]);
    expect(added).toEqual([[fresh]]);
    expect(order).toEqual(['removed', 'added']);
  });

  it('reports a node added and removed within one batch to neither', async () => {
    const { added, removed } = start();
    const p = document.createElement('p');
    document.body.appendChild(p);
    p.remove();
    await sleep(60);
    expect(added).toEqual([]);
    expect(removed).toEqual([]);
  });

  it('drops added nodes whose ancestor was removed before delivery', async () => {
    document.body.innerHTML = '<div id="box"></div>';
    const { added, removed } = start();
    const box = document.getElementById('box')!;
    const p = document.createElement('p');
    box.appendChild(p);
    box.remove();
    await sleep(60);
    expect(added).toEqual([]);
    expect(removed).toEqual([[box]]);
  });

  it('handles text edits as remove + add of the text node', async () => {
    document.body.innerHTML = '<p>Old text</p>';
    const t = document.querySelector('p')!.firstChild as Text;
    const { added, removed } = start();
    t.data = 'CSTO text';
    t.appendData('!');
    await sleep(60);
    expect(removed).toEqual([[t]]);
    expect(added).toEqual([[t]]);
  });

  it.each([
    ['an own UI element being added', () => {
      const ui = document.createElement('div');
      ui.setAttribute('data-csto-lens', '');
      ui.innerHTML = '<p>tooltip</p>';
      document.body.appendChild(ui);
    }],
    ['changes inside own UI', () => {
      const ui = document.querySelector('[data-csto-lens]')!;
      ui.appendChild(document.createElement('span'));
      (ui.firstChild as Element).textContent = 'changed';
    }],
    ['text edits inside own UI', () => {
      ((document.querySelector('[data-csto-lens] b') as Element).firstChild as Text).data = 'x';
    }],
    ['own UI being removed', () => {
      document.querySelector('[data-csto-lens]')!.remove();
    }],
  ])('ignores %s', async (_name, mutate) => {
    document.body.innerHTML = '<aside data-csto-lens><p>panel <b>bold</b></p></aside>';
    const { added, removed } = start();
    mutate();
    await sleep(60);
    expect(added).toEqual([]);
    expect(removed).toEqual([]);
  });

  it('applies the ignore option', async () => {
    const { added } = start({ ignore: (n) => n.nodeType === 1 && (n as Element).classList.contains('ad') });
    const ad = document.createElement('div');
    ad.className = 'ad';
    document.body.appendChild(ad);
    await sleep(60);
    expect(added).toEqual([]);
  });

  it('drops the mutations of work done inside ignoring(), keeping earlier ones', async () => {
    document.body.innerHTML = '<p>The CSTO met in Minsk.</p>';
    const { added, removed } = start();
    const before = document.createElement('p');
    document.body.appendChild(before);
    const ix = collectText(document.body);
    const r = rangeFromOffsets(ix, ix.text.indexOf('CSTO'), ix.text.indexOf('CSTO') + 4)!;
    const h = new Highlighter({ mode: 'wrap', styles: false });
    watch!.ignoring(() => h.add([{ id: 'a', range: r, style: 'organization' }]));
    expect(document.querySelector('csto-lens-mark')).not.toBeNull();
    watch!.ignoring(() => h.clear());
    await sleep(60);
    expect(added).toEqual([[before]]);
    expect(removed).toEqual([]);
  });

  it('flush() delivers the pending batch at once', async () => {
    const { added } = start({ debounceMs: 10_000 });
    const p = document.createElement('p');
    document.body.appendChild(p);
    watch!.flush();
    expect(added).toEqual([[p]]);
  });

  it('stops when the signal aborts', async () => {
    const ac = new AbortController();
    const { added } = start({ signal: ac.signal });
    document.body.appendChild(document.createElement('p'));
    ac.abort();
    document.body.appendChild(document.createElement('p'));
    await sleep(60);
    expect(added).toEqual([]);
  });

  it('does not start with an already aborted signal', async () => {
    const { added } = start({ signal: AbortSignal.abort() });
    document.body.appendChild(document.createElement('p'));
    await sleep(60);
    expect(added).toEqual([]);
  });

  it('only reports nodes under its root', async () => {
    document.body.innerHTML = '<article id="a"></article><aside id="b"></aside>';
    const { added } = start({}, document.getElementById('a')!);
    document.getElementById('b')!.appendChild(document.createElement('p'));
    const inside = document.createElement('p');
    document.getElementById('a')!.appendChild(inside);
    await sleep(60);
    expect(added).toEqual([[inside]]);
  });
});

describe('isOwnUi', () => {
  it.each([
    ['<div data-csto-lens id="x"></div>', true],
    ['<div data-csto-lens><p><b id="x">t</b></p></div>', true],
    ['<div><p id="x">t</p></div>', false],
    ['<csto-lens-mark id="x">page text</csto-lens-mark>', false],
  ])('%s -> %s', (html, own) => {
    document.body.innerHTML = html;
    const el = document.getElementById('x')!;
    expect(isOwnUi(el)).toBe(own);
    if (el.firstChild) expect(isOwnUi(el.firstChild)).toBe(own);
  });
});
