// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  BLOCK_SEPARATOR,
  collectText,
  collectTextAsync,
  collectTextIn,
  type TextIndex,
} from '../../../lib/dom/collect';

function page(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body;
}

/** Every node's text sits at its recorded start. */
function expectConsistent(ix: TextIndex): void {
  expect(ix.nodes.length).toBe(ix.starts.length);
  ix.nodes.forEach((n, i) => {
    const s = ix.starts[i]!;
    expect(ix.text.slice(s, s + n.data.length)).toBe(n.data);
    if (i > 0) expect(s).toBeGreaterThanOrEqual(ix.starts[i - 1]! + ix.nodes[i - 1]!.data.length);
  });
}

afterEach(() => {
  document.body.innerHTML = '';
  document.head.innerHTML = '';
  vi.restoreAllMocks();
  delete (document as { designMode?: string }).designMode;
});

describe('collectText: excluded content', () => {
  it.each([
    ['script', '<script>var CSTO = 1;</script>'],
    ['style', '<style>.csto { color: red }</style>'],
    ['noscript', '<noscript>CSTO hidden</noscript>'],
    ['template', '<template><p>CSTO hidden</p></template>'],
    ['textarea', '<textarea>CSTO hidden</textarea>'],
    ['input', '<input value="CSTO hidden">'],
    ['select/option', '<select><option>CSTO hidden</option></select>'],
    ['iframe fallback', '<iframe>CSTO hidden</iframe>'],
    ['svg text', '<svg><text>CSTO hidden</text></svg>'],
    ['contenteditable', '<div contenteditable>CSTO hidden</div>'],
    ['contenteditable="true" ancestor', '<div contenteditable="true"><p><b>CSTO hidden</b></p></div>'],
    ['contenteditable plaintext-only', '<div contenteditable="plaintext-only">CSTO hidden</div>'],
    ['hidden attribute', '<div hidden>CSTO hidden</div>'],
    ['hidden="until-found"', '<div hidden="until-found">CSTO hidden</div>'],
    ['aria-hidden without a box (no layout here: zero size)', '<span aria-hidden="true">CSTO hidden</span>'],
    ['aria-hidden and display:none', '<span aria-hidden="true" style="display:none">CSTO hidden</span>'],
    ['inline display:none', '<span style="display:none">CSTO hidden</span>'],
    ['stylesheet display:none', '<style>.gone{display:none}</style><div class="gone"><p>CSTO hidden</p></div>'],
    ['visibility:hidden', '<span style="visibility:hidden">CSTO hidden</span>'],
    ['own UI', '<div data-csto-lens><p>CSTO hidden</p></div>'],
    ['own UI attribute with value', '<aside data-csto-lens="tooltip">CSTO hidden</aside>'],
  ])('skips %s', (_name, html) => {
    const ix = collectText(page(`<p>Before</p>${html}<p>After</p>`));
    expect(ix.text).not.toContain('CSTO');
    expect(ix.text).not.toContain('hidden');
    expect(ix.text).toBe(`Before${BLOCK_SEPARATOR}After`);
    expectConsistent(ix);
  });

  it.each([
    ['code', '<p>The <code>CSTO</code> flag</p>', 'The CSTO flag'],
    ['pre', '<pre>CSTO  summit</pre>', 'CSTO  summit'],
    ['contenteditable="false"', '<div contenteditable="false">CSTO kept</div>', 'CSTO kept'],
    ['aria-hidden="false"', '<span aria-hidden="false">CSTO kept</span>', 'CSTO kept'],
    ['visible child of visibility:hidden', '<div style="visibility:hidden">gone <span style="visibility:visible">CSTO kept</span></div>', 'CSTO kept'],
    ['button text', '<button>CSTO kept</button>', 'CSTO kept'],
  ])('keeps %s', (_name, html, expected) => {
    const ix = collectText(page(html));
    expect(ix.text).toBe(expected);
    expectConsistent(ix);
  });

  it('reads visible text under aria-hidden="true" (a headline strip on screen), but not a zero-size or undisplayed one', () => {
    const root = page('<p>Before</p><div aria-hidden="true" class="strip"><a>CSTO summit</a></div><div aria-hidden="true" class="empty"><a>CSTO copy</a></div><div aria-hidden="true" style="display:none">CSTO none</div>');
    const box = (w: number, h: number) => () => ({ width: w, height: h, top: 0, left: 0, right: w, bottom: h, x: 0, y: 0, toJSON: () => ({}) }) as DOMRect;
    root.querySelector<HTMLElement>('.strip')!.getBoundingClientRect = box(600, 40);
    root.querySelector<HTMLElement>('.empty')!.getBoundingClientRect = box(0, 0);
    const ix = collectText(root);
    expect(ix.text).toBe(`Before${BLOCK_SEPARATOR}CSTO summit`);
    expectConsistent(ix);
    // Without style checks nothing tells it is shown: aria-hidden text stays out.
    expect(collectText(root, { styles: false }).text).toBe('Before');
  });

  it('honours the skip option', () => {
    const ix = collectText(page('<p>Keep</p><nav class="menu"><a>CSTO</a></nav><p>Also</p>'), {
      skip: (el) => el.classList.contains('menu'),
    });
    expect(ix.text).toBe('Keep\nAlso');
  });

  it('reads nothing in designMode documents', () => {
    page('<p>CSTO</p>');
    (document as { designMode?: string }).designMode = 'on';
    expect(collectText(document.body).text).toBe('');
  });

  it('reads nothing when the root itself is inside excluded content', () => {
    page('<div contenteditable><p id="x">CSTO</p></div><div data-csto-lens><p id="y">CSTO</p></div>');
    expect(collectText(document.getElementById('x')!).text).toBe('');
    expect(collectText(document.getElementById('y')!).text).toBe('');
  });

  it('skips <head> when given the whole document', () => {
    document.head.innerHTML = '<title>CSTO title</title>';
    page('<p>Body text</p>');
    expect(collectText(document).text).toBe('Body text');
  });

  it('uses checkVisibility when present instead of getComputedStyle', () => {
    const proto = Element.prototype as unknown as { checkVisibility?: (o?: object) => boolean };
    proto.checkVisibility = function (this: Element, o?: { visibilityProperty?: boolean }) {
      if (this.classList.contains('none')) return false;
      if (o?.visibilityProperty && this.classList.contains('invisible')) return false;
      return true;
    };
    try {
      const spy = vi.spyOn(window, 'getComputedStyle');
      const ix = collectText(
        page('<p>One</p><div class="none"><p>CSTO</p></div><div class="invisible">CSTO<p>Two</p></div>'),
      );
      expect(ix.text).toBe('One\nTwo');
      // only for the element checkVisibility() rejected (to tell display:contents apart)
      expect(spy.mock.calls.map((c) => (c[0] as Element).className)).toEqual(['none']);
    } finally {
      delete proto.checkVisibility;
    }
  });

  it('keeps display:contents children when checkVisibility reports the boxless parent invisible', () => {
    const proto = Element.prototype as unknown as { checkVisibility?: (o?: object) => boolean };
    proto.checkVisibility = function (this: Element) {
      return getComputedStyle(this).display !== 'contents' && getComputedStyle(this).display !== 'none';
    };
    try {
      const ix = collectText(
        page('<div style="display:contents"><p>CSTO kept</p></div><div style="display:none"><p>gone</p></div>'),
      );
      expect(ix.text).toBe('CSTO kept');
    } finally {
      delete proto.checkVisibility;
    }
  });

  it('computes style at most once per element, never per text node', () => {
    const words = Array.from({ length: 50 }, (_, i) => `w${i}`).join(' <b>x</b> ');
    page(`<div><p>${words}</p><p>${words}</p></div>`);
    const spy = vi.spyOn(window, 'getComputedStyle');
    const ix = collectText(document.body);
    // every element under body, body itself and its ancestor <html>
    const elements = document.body.querySelectorAll('*').length + 2;
    expect(spy.mock.calls.length).toBeLessThanOrEqual(elements);
    expect(ix.nodes.length).toBeGreaterThan(elements);
  });

  it('skips style checks entirely with styles: false', () => {
    const spy = vi.spyOn(window, 'getComputedStyle');
    const ix = collectText(page('<p style="display:none">CSTO</p>'), { styles: false });
    expect(spy).not.toHaveBeenCalled();
    expect(ix.text).toBe('CSTO');
  });
});

describe('collectText: separators and offsets', () => {
  it.each([
    ['paragraphs', '<p>Alpha</p><p>Beta</p>', 'Alpha\nBeta'],
    ['br', '<div>Alpha<br>Beta</div>', 'Alpha\nBeta'],
    ['list items', '<ul><li>Alpha</li><li>Beta</li></ul>', 'Alpha\nBeta'],
    ['table cells', '<table><tr><td>Alpha</td><td>Beta</td></tr></table>', 'Alpha\nBeta'],
    ['headings', '<h2>Alpha</h2>Beta', 'Alpha\nBeta'],
    ['nested blocks give one separator', '<div><div><p>Alpha</p></div></div><div><p>Beta</p></div>', 'Alpha\nBeta'],
    ['inline elements merge', '<p>Col<b>lec</b><i>tive</i> <a href="#">Security</a></p>', 'Collective Security'],
    ['no leading or trailing separator', '<div><p>Alpha</p></div>', 'Alpha'],
    ['form field between words', '<p>Alpha<input>Beta</p>', 'Alpha\nBeta'],
  ])('%s', (_name, html, expected) => {
    const ix = collectText(page(html));
    expect(ix.text).toBe(expected);
    expectConsistent(ix);
  });

  it('maps separators to no node', () => {
    const ix = collectText(page('<p>Alpha</p><p>Beta</p>'));
    expect(ix.nodes.map((n) => n.data)).toEqual(['Alpha', 'Beta']);
    expect(ix.starts).toEqual([0, 6]);
  });

  it.each([
    ['indentation between blocks', '<div>\n  <p>Alpha beta</p>\n  <p>Gamma</p>\n</div>', 'Alpha beta\nGamma'],
    ['newlines between cells', '<table>\n<tr>\n<td>A</td>\n<td>B</td>\n</tr>\n</table>', 'A\nB'],
    ['space before a block', '<div><span>A</span> <p>B</p></div>', 'A\nB'],
    ['space between inline elements is kept', '<p><b>Alpha</b> <i>Beta</i></p>', 'Alpha Beta'],
    ['space at the end of an inline is kept', '<p><b>Alpha </b><i>Beta</i></p>', 'Alpha Beta'],
  ])('drops unrendered whitespace-only nodes: %s', (_name, html, expected) => {
    const ix = collectText(page(html));
    expect(ix.text).toBe(expected);
    expectConsistent(ix);
  });

  it('treats markup-looking text as text', () => {
    const p = document.createElement('p');
    p.textContent = '<script>alert(1)</script> met the CSTO <b>chief</b>';
    page('');
    document.body.appendChild(p);
    const ix = collectText(document.body);
    expect(ix.text).toBe('<script>alert(1)</script> met the CSTO <b>chief</b>');
    expect(document.querySelector('script')).toBeNull();
    expect(document.querySelector('b')).toBeNull();
  });
});

describe('collectTextIn', () => {
  it('reads several subtrees in document order with separators', () => {
    page('<p id="a">Alpha</p><p id="b">Beta</p><p id="c">Gamma</p>');
    const a = document.getElementById('a')!;
    const c = document.getElementById('c')!;
    const ix = collectTextIn([c, a]);
    expect(ix.text).toBe('Alpha\nGamma');
    expectConsistent(ix);
  });

  it('reads nested and repeated nodes once', () => {
    page('<div id="a"><p id="b">Alpha <span id="c">Beta</span></p></div>');
    const [a, b, c] = ['a', 'b', 'c'].map((id) => document.getElementById(id)!);
    const ix = collectTextIn([c!, a!, b!, a!]);
    expect(ix.text).toBe('Alpha Beta');
  });

  it('reads bare text nodes, except where the parent hides text', () => {
    page('<p id="v">x</p><p id="h" style="visibility:hidden">y</p><script id="s"></script>');
    const t1 = document.createTextNode('CSTO one');
    const t2 = document.createTextNode('CSTO two');
    const t3 = document.createTextNode('CSTO three');
    document.getElementById('v')!.appendChild(t1);
    document.getElementById('h')!.appendChild(t2);
    document.getElementById('s')!.appendChild(t3);
    const ix = collectTextIn([t1, t2, t3]);
    expect(ix.text).toBe('CSTO one');
    expect(ix.nodes).toEqual([t1]);
  });

  it('skips subtrees added inside excluded ancestors', () => {
    page('<div contenteditable><p id="e">x</p></div><div style="display:none"><p id="n">x</p></div><p id="ok">x</p>');
    const ix = collectTextIn(['e', 'n', 'ok'].map((id) => document.getElementById(id)!));
    expect(ix.text).toBe('x');
    expect(ix.nodes[0]!.parentElement!.id).toBe('ok');
  });
});

describe('collectTextAsync', () => {
  it('matches collectText and yields between batches', async () => {
    const paras = Array.from({ length: 400 }, (_, i) => `<p>Para ${i} about <b>CSTO</b> and <i>Tajikistan</i>.</p>`);
    page(`<article>${paras.join('')}<script>x</script></article>`);
    const sync = collectText(document.body);
    let yields = 0;
    const ix = await collectTextAsync(document.body, {
      budgetMs: 0,
      yieldFn: async () => {
        yields++;
      },
    });
    expect(ix.text).toBe(sync.text);
    expect(ix.starts).toEqual(sync.starts);
    expect(ix.nodes).toEqual(sync.nodes);
    expect(yields).toBeGreaterThan(3);
  });

  it('hands over a prefix of the final index once, and yields with a timer while its promise is pending', async () => {
    page(Array.from({ length: 3000 }, (_, i) => `<p>Paragraph ${i} about the CSTO.</p>`).join(''));
    const sync = collectText(document.body, { styles: false });
    let prefix: TextIndex | null = null;
    let calls = 0;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let yieldsWhilePending = 0;
    let yieldsAfter = 0;
    let timers = 0;
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void) => {
      timers++;
      if (timers === 3) release(); // the reply arrives during the third timer yield
      queueMicrotask(fn);
      return 0;
    }) as unknown as typeof setTimeout);
    try {
      const ix = await collectTextAsync(document.body, {
        budgetMs: 0,
        styles: false,
        yieldFn: async () => {
          if (prefix && timers < 3) yieldsWhilePending++;
          else if (prefix) yieldsAfter++;
        },
        onPrefix: {
          chars: 5_000,
          callback: (p) => {
            calls++;
            prefix = p;
            return held;
          },
        },
      });
      expect(calls).toBe(1);
      const p = prefix as unknown as TextIndex;
      expect(p.text.length).toBeGreaterThanOrEqual(5_000);
      expect(ix.text.startsWith(p.text)).toBe(true);
      expect(ix.starts.slice(0, p.starts.length)).toEqual(p.starts);
      expect(ix.text).toBe(sync.text);
      expect(yieldsWhilePending).toBe(0); // timers only while the callback's promise was pending
      expect(timers).toBeGreaterThanOrEqual(3);
      expect(yieldsAfter).toBeGreaterThan(0); // then the usual yield again
    } finally {
      setTimeoutSpy.mockRestore();
    }
  });

  it('yields right after onPrefix, whatever the budget left: what the callback started goes on before the walk', async () => {
    page(Array.from({ length: 3000 }, (_, i) => `<p>paragraph ${i} of the page</p>`).join(''));
    const events: string[] = [];
    await collectTextAsync(document.body, {
      budgetMs: 1e9, // no slice ever ends on time
      styles: false,
      yieldFn: async () => void events.push('yield'),
      onPrefix: { chars: 5_000, callback: () => void events.push('prefix') },
    });
    expect(events).toEqual(['prefix', 'yield']);
  });

  it('onLength is told once, as soon as that much text is read, while the walk goes on (a page matcher starts loading)', async () => {
    page(Array.from({ length: 3000 }, (_, i) => `<p>paragraph ${i} of the page</p>`).join(''));
    const sync = collectText(document.body, { styles: false });
    const readWhenTold: number[] = [];
    let yields = 0;
    const ix = await collectTextAsync(document.body, {
      budgetMs: 0,
      styles: false,
      yieldFn: async () => void yields++,
      onLength: { chars: 20_000, callback: () => readWhenTold.push(yields) },
    });
    expect(ix.text).toBe(sync.text);
    expect(readWhenTold).toHaveLength(1);
    expect(readWhenTold[0]).toBeGreaterThan(0); // not at the start
    expect(readWhenTold[0]).toBeLessThan(yields); // nor at the end
    const small: number[] = [];
    await collectTextAsync(document.body, { styles: false, onLength: { chars: sync.text.length + 1, callback: () => small.push(1) } });
    expect(small).toEqual([]); // a page shorter than that never tells
  });

  it('stops when aborted', async () => {
    page(Array.from({ length: 2000 }, () => '<p>word</p>').join(''));
    const ac = new AbortController();
    const p = collectTextAsync(document.body, {
      budgetMs: 0,
      signal: ac.signal,
      styles: false,
      yieldFn: async () => ac.abort(new Error('stop')),
    });
    await expect(p).rejects.toThrow('stop');
  });

  it('survives the page removing content mid-collection', async () => {
    page(Array.from({ length: 3000 }, (_, i) => `<p>w${i}</p>`).join(''));
    let first = true;
    const ix = await collectTextAsync(document.body, {
      budgetMs: 0,
      styles: false,
      yieldFn: async () => {
        if (first) document.body.replaceChildren();
        first = false;
      },
    });
    expect(ix.nodes.length).toBeLessThan(3000);
    expect(ix.cut).toBe(true);
  });

  it('says the read was cut when the page removed the node the walk was at (the rest went unread), not when it removed what was read', async () => {
    const html = Array.from({ length: 3000 }, (_, i) => `<p data-i="${i}">w${i}</p>`).join('');
    const removeAtFirstYield = (from: number, to: number) => {
      let first = true;
      return async () => {
        if (first) for (const p of [...document.querySelectorAll('p')].slice(from, to)) p.remove();
        first = false;
      };
    };
    // 256 nodes a step, two a paragraph: the walk yields first at paragraph ~128.
    page(html);
    const cut = await collectTextAsync(document.body, { budgetMs: 0, styles: false, yieldFn: removeAtFirstYield(100, 300) });
    expect(cut.cut).toBe(true);
    expect(cut.nodes.length).toBeLessThan(200);

    page(html);
    const behind = await collectTextAsync(document.body, { budgetMs: 0, styles: false, yieldFn: removeAtFirstYield(0, 50) });
    expect(behind.cut).toBeUndefined();
    expect(behind.text.endsWith('w2999')).toBe(true);
  });

  it('collects a 200,000-word page in many slices (their length is the benchmarks\' job)', async () => {
    const para = Array.from({ length: 20 }, (_, i) => (i % 5 === 0 ? `<b>w${i}</b>` : `w${i}`)).join(' ');
    const html = Array.from({ length: 10_000 }, () => `<p>${para}</p>`).join('');
    page(`<article>${html}</article>`);
    const stamps: number[] = [performance.now()];
    const ix = await collectTextAsync(document.body, {
      styles: false,
      budgetMs: 8,
      yieldFn: async () => {
        stamps.push(performance.now());
        await new Promise((r) => setTimeout(r, 0));
        stamps.push(performance.now());
      },
    });
    stamps.push(performance.now());
    const slices: number[] = [];
    for (let i = 0; i + 1 < stamps.length; i += 2) slices.push(stamps[i + 1]! - stamps[i]!);
    expect(ix.text.split(/\s+/).length).toBeGreaterThanOrEqual(200_000);
    // It yields many times instead of reading the page in one task. (Wall-clock limits are measured
    // by `npm run bench`, not asserted here, where a busy machine would make them flaky.)
    expect(slices.length).toBeGreaterThan(10);
  }, 60_000);
});
