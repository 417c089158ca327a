import { describe, expect, it } from 'vitest';
import { limitText, splitForMatching, textForMatching } from '../../../lib/page/chunks';

// A small deterministic generator: words of varying length, spaces, sentence ends and block breaks.
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomText(seed: number, words: number, opts: { longWords?: boolean; blocks?: boolean } = {}): string {
  const r = rng(seed);
  const parts: string[] = [];
  for (let i = 0; i < words; i++) {
    const len = opts.longWords && r() < 0.05 ? 40 + Math.floor(r() * 80) : 1 + Math.floor(r() * 11);
    let w = '';
    for (let k = 0; k < len; k++) w += String.fromCharCode(97 + Math.floor(r() * 26));
    parts.push(w);
    const x = r();
    if (opts.blocks !== false && x < 0.04) parts.push('\n');
    else if (x < 0.12) parts.push('. ');
    else parts.push(' ');
  }
  return parts.join('');
}

/** The longest run of characters without a space or newline. */
const longestWord = (t: string) => Math.max(0, ...t.split(/[ \n]/).map((w) => w.length));

/** True when position `at` in text lies between two characters at least one of which is a space or '\n'. */
const atBreak = (text: string, at: number) => at === 0 || at === text.length || /[ \n]/.test(text[at - 1]!) || /[ \n]/.test(text[at]!);

describe('splitForMatching', () => {
  it('returns nothing for empty text and one chunk for short text', () => {
    expect(splitForMatching('', 10)).toEqual([]);
    expect(splitForMatching('CSTO met', 10)).toEqual([{ offset: 0, text: 'CSTO met' }]);
    expect(splitForMatching('0123456789', 10)).toEqual([{ offset: 0, text: '0123456789' }]);
  });

  it('prefers block boundaries, then sentence ends, then spaces', () => {
    expect(splitForMatching('aaaa bbbb\ncccc dddd', 12).map((c) => c.text)).toEqual(['aaaa bbbb\n', 'cccc dddd']);
    expect(splitForMatching('Aaaa bbbb. Cc dd', 14).map((c) => c.text)).toEqual(['Aaaa bbbb. ', 'Cc dd']);
    expect(splitForMatching('aaa bbb ccc ddd', 10).map((c) => c.text)).toEqual(['aaa bbb ', 'ccc ddd']);
  });

  it('cuts a single word longer than a chunk (and only then) inside the word', () => {
    const chunks = splitForMatching('x'.repeat(25), 10);
    expect(chunks.map((c) => c.text.length)).toEqual([10, 10, 5]);
  });

  it('never makes a chunk longer than the limit when a newline sits exactly at the limit', () => {
    // text[10] is '\n': the chunk may end before or after it, but must stay within 10 characters.
    const text = 'aaaa bbbbb\ncccc';
    for (const c of splitForMatching(text, 10)) expect(c.text.length).toBeLessThanOrEqual(10);
  });

  const cases = [
    ...[7, 20, 50, 64, 200].flatMap((max) => [1, 2, 3].map((seed) => ({ seed, max, longWords: false, blocks: true }))),
    ...[20, 50].flatMap((max) => [4, 5].map((seed) => ({ seed, max, longWords: true, blocks: true }))),
    ...[30, 50].flatMap((max) => [6, 7].map((seed) => ({ seed, max, longWords: false, blocks: false }))),
  ];

  it('with a first size, starts small and doubles up to the limit, covering the text', () => {
    const text = Array.from({ length: 400 }, (_, i) => `w${i}`).join(' ');
    const chunks = splitForMatching(text, 400, 25);
    expect(chunks.map((c) => c.text).join('')).toBe(text);
    const sizes = chunks.map((c) => c.text.length);
    expect(sizes[0]).toBeLessThanOrEqual(25);
    expect(sizes[1]).toBeLessThanOrEqual(50);
    expect(sizes[1]).toBeGreaterThan(25);
    expect(sizes[2]).toBeGreaterThan(50);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(400);
    expect(sizes.filter((n) => n > 200).length).toBeGreaterThan(0);
  });

  it.each(cases)('property: seed $seed, max $max, long words $longWords, blocks $blocks', ({ seed, max, longWords, blocks }) => {
    const text = randomText(seed, 400, { longWords, blocks });
    const chunks = splitForMatching(text, max);
    // Concatenation is the text, and the offsets are where each chunk sits.
    expect(chunks.map((c) => c.text).join('')).toBe(text);
    let at = 0;
    for (const c of chunks) {
      expect(c.offset).toBe(at);
      expect(c.text.length).toBeGreaterThan(0);
      at += c.text.length;
      // Within the limit, unless a single word is longer than the limit.
      if (c.text.length > max) expect(longestWord(c.text)).toBeGreaterThan(max);
      // Cut only at a newline or a space, unless inside a word longer than the limit.
      if (!atBreak(text, at)) {
        const wordStart = Math.max(text.lastIndexOf(' ', at - 1), text.lastIndexOf('\n', at - 1)) + 1;
        const rest = text.slice(wordStart).search(/[ \n]/);
        const wordEnd = rest < 0 ? text.length : wordStart + rest;
        expect(wordEnd - wordStart, `cut inside a short word at ${at}`).toBeGreaterThan(max);
      }
    }
    expect(at).toBe(text.length);
  });
});

describe('limitText', () => {
  it('keeps text within the limit whole', () => {
    expect(limitText('CSTO and Russia', 15)).toEqual({ text: 'CSTO and Russia', partial: false });
    expect(limitText('', 0)).toEqual({ text: '', partial: false });
  });

  it('cuts at a block boundary in the second half of the limit', () => {
    expect(limitText('aaaa bbbb\ncccc dddd', 12)).toEqual({ text: 'aaaa bbbb', partial: true });
  });

  it('without a block boundary, cuts at a space, never inside a word', () => {
    // "Collective Security Treaty Organization" cut inside would leave a prefix that is another name.
    const r = limitText('The Collective Security Treaty Organization met', 35);
    expect(r.partial).toBe(true);
    expect(r.text).toBe('The Collective Security Treaty');
    expect(limitText('x'.repeat(30), 10)).toEqual({ text: 'x'.repeat(10), partial: true });
  });

  it.each([
    [1, 50],
    [2, 100],
    [3, 333],
    [4, 1000],
  ])('property: seed %i, limit %i: a prefix of the text, within the limit, cut at a break', (seed, max) => {
    const text = randomText(seed, 500);
    const r = limitText(text, max);
    expect(r.partial).toBe(text.length > max);
    expect(text.startsWith(r.text)).toBe(true);
    expect(r.text.length).toBeLessThanOrEqual(max);
    expect(r.text.length).toBeGreaterThan(max / 2);
    expect(atBreak(text, r.text.length)).toBe(true);
  });
});

describe('textForMatching', () => {
  it.each([
    ['one node', 'CSTO met', [0], [8], 'CSTO met'],
    ['two blocks', 'Sergey\nLavrov', [0, 7], [6, 6], 'Sergey\ufffcLavrov'],
    ['a newline inside a node stays', 'Security\nTreaty', [0], [15], 'Security\nTreaty'],
    ['cut inside a node (a limited prefix)', 'ab\ncd', [0, 3], [2, 5], 'ab\ufffccd'],
    ['separators before the first and after the last node', '\nab\n', [1], [2], '\ufffcab\ufffc'],
  ])('%s', (_what, text, starts, lengths, out) => {
    expect(textForMatching(text, starts, lengths)).toBe(out);
    expect(textForMatching(text, starts, lengths)).toHaveLength(text.length);
  });
});
