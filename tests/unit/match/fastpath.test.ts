import { describe, expect, it } from 'vitest';
import { foldForMatching } from '../../../lib/match';
import { HBR } from '../../../lib/match/normalize';
import { alias, buildMatcher, found } from './helpers';
import { rng } from './synthetic';

// The normalizer's hot loop (plain units and whitespace inline, folds from a table, everything
// else through the general path) checked against a plain reference written from the spec, on
// random strings that mix every kind of unit it treats specially.

const WS = new Set([0x20, 0x7f, 0x85, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0x200b,
  0x2012, 0x2013, 0x2014, 0x2015, 0x2043, 0x2212, 0xfe58, 0xfe63, 0xff0d]);
const HYPHENS = new Set([0x2d, 0x2010, 0x2011]);
const DROPS = new Set([0xad, 0x200c, 0x200d, 0x2060, 0xfeff, 0x180e]);
const APOS = new Set([0x27, 0x60, 0xb4, 0x2bc, 0x2018, 0x2019, 0x201a, 0x201b, 0x2032, 0xff07]);
const QUOTES = new Set([0x22, 0xab, 0xbb, 0x201c, 0x201d, 0x201e, 0x201f, 0x2033, 0x301d, 0x301e, 0xff02]);
const isWs = (c: number) => c < 0x20 || (c >= 0x2000 && c <= 0x200a) || WS.has(c);
const isSpecial = (c: number) => isWs(c) || HYPHENS.has(c) || DROPS.has(c) || APOS.has(c) || QUOTES.has(c) || c === HBR;
const isSurrogate = (c: number) => c >= 0xd800 && c <= 0xdfff;
const ch = (c: number) => String.fromCharCode(c);
const isMark = (c: number) => !isSurrogate(c) && /\p{M}/u.test(ch(c));
const isLetter = (c: number) => !isSurrogate(c) && /\p{L}/u.test(ch(c));
const yo = (c: number) => (c === 0x451 ? 0x435 : c === 0x401 ? 0x415 : c);
function lower(c: number): number {
  if (isSurrogate(c)) return c;
  const l = ch(c).toLowerCase();
  return l.length === 1 ? l.charCodeAt(0) : c;
}

interface Ref {
  cased: number[];
  folded: number[];
  starts: number[];
  ends: number[];
}

function referenceNormalize(input: string): Ref {
  const r: Ref = { cased: [], folded: [], starts: [], ends: [] };
  const push = (c: number, s: number, e: number) => {
    r.cased.push(yo(c));
    r.folded.push(yo(lower(yo(c))));
    r.starts.push(s);
    r.ends.push(e);
  };
  const space = (s: number, e: number) => {
    if (r.cased.length > 0 && r.cased[r.cased.length - 1] === 0x20) r.ends[r.ends.length - 1] = e;
    else push(0x20, s, e);
  };
  const emit = (c: number, s: number, e: number) => {
    if (isWs(c) || HYPHENS.has(c)) space(s, e);
    else if (DROPS.has(c)) return;
    else if (APOS.has(c)) push(0x27, s, e);
    else if (QUOTES.has(c)) push(0x22, s, e);
    else if (c === HBR) push(0xfffd, s, e);
    else if (c < 0x300 || c > 0x36f) push(c, s, e);
  };
  const n = input.length;
  let i = 0;
  while (i < n) {
    const c = input.charCodeAt(i);
    if (isSpecial(c)) {
      if (HYPHENS.has(c) || c === 0xad) {
        // A line-break hyphenation: letter, hyphen, spaces or tabs, a line break, whitespace, letter.
        const prev = r.cased.length ? r.cased[r.cased.length - 1]! : -1;
        const m = /^[ \t]*[\n\r\u2028]/.exec(input.slice(i + 1));
        if (prev >= 0 && isLetter(prev) && m) {
          let j = i + 1 + m[0].length;
          while (j < n && isWs(input.charCodeAt(j))) j++;
          if (j < n && isLetter(input.charCodeAt(j))) {
            push(HBR, i, j);
            i = j;
            continue;
          }
        }
      }
      emit(c, i, i + 1);
      i++;
      continue;
    }
    let e = i + 1;
    if (c >= 0xd800 && c <= 0xdbff && e < n && input.charCodeAt(e) >= 0xdc00 && input.charCodeAt(e) <= 0xdfff) e++;
    while (e < n && isMark(input.charCodeAt(e))) e++;
    const chunk = input.slice(i, e);
    const stable = e === i + 1 && !isSurrogate(c) && chunk.normalize('NFKC') === chunk;
    if (stable) push(c, i, e);
    else for (const u of chunk.normalize('NFKC')) for (let k = 0; k < u.length; k++) emit(u.charCodeAt(k), i, e);
    i = e;
  }
  return r;
}

const POOL = [
  'a', 'Z', 'q', 'CSTO', 'é', 'Å', 'ß', 'ÿ', 'İ', 'ı', 'Σ', 'ς', 'ǅ', 'ж', 'Ж', 'ё', 'Ё', 'ОДКБ', 'ї', '\u0483',
  '0', '7', '.', ',', '(', '!', ' ', '  ', '\t', '\n', '\r\n', '\u2028', '\u00a0', '\u202f', '\u3000', '\u200b',
  '\u00ad', '\u200d', '\u2060', '\ufeff', '-', '\u2010', '\u2011', '–', '—', '-\n', '-  \n ', '\u00ad\n', "'", '’', '`', 'ʼ',
  '"', '«', '»', '“', '„', '\u0301', '\u0302', '\u0308', '\u0327', '\u20dd', 'ﬁ', 'ﬀ', 'ﬃ', 'Ｃ', 'ｓ', '０', '½', '²', '㍿', 'Ⅻ',
  '\u212b', '\u1e9e', 'ᾀ', '🙂', '👩‍👩‍👧', '🇷🇺', '\ud835\udc00', '\ud835\udc1a', '\ud800', '\udc00', '\ue000', '\ufffd', '中', '한',
];

function randomText(r: () => number, parts: number): string {
  let s = '';
  for (let k = 0; k < parts; k++) s += POOL[Math.floor(r() * POOL.length)];
  return s;
}

function actual(input: string): Ref {
  const t = foldForMatching(input);
  expect(t.folded.length).toBe(t.length);
  return { cased: Array.from(t.cased), folded: Array.from(t.folded), starts: Array.from(t.starts), ends: Array.from(t.ends) };
}

describe('foldForMatching equals the reference normalization', () => {
  it('on random mixed strings', () => {
    const r = rng(2024);
    for (let k = 0; k < 3000; k++) {
      const s = randomText(r, 1 + Math.floor(r() * 24));
      expect(actual(s), JSON.stringify(s)).toEqual(referenceNormalize(s));
    }
  });

  it('on random code units of the whole BMP', () => {
    const r = rng(7);
    for (let k = 0; k < 1000; k++) {
      let s = '';
      const len = Math.floor(r() * 16);
      for (let j = 0; j < len; j++) s += r() < 0.5 ? ch(Math.floor(r() * 0x10000)) : POOL[Math.floor(r() * POOL.length)];
      expect(actual(s), JSON.stringify(s)).toEqual(referenceNormalize(s));
    }
  });

  it('on a long text that grows the streams (NFKC expansions)', () => {
    const s = '㍿ﬃ CSTO '.repeat(2000) + randomText(rng(3), 5000);
    expect(actual(s)).toEqual(referenceNormalize(s));
  });
});

describe('scanning with the fast paths', () => {
  const m = buildMatcher([
    alias('CSTO', 'org:csto', { cs: true }),
    alias('Collective Security Treaty Organization', 'org:csto'),
    alias('Лавров*', 'person:lavrov'),
    alias('Ереван', 'place:yerevan'),
    alias('Երևան', 'place:yerevan'), // Armenian: above the root's direct table
    alias('ＣＳＴＯ ｆｏｒｕｍ', 'event:forum'), // full-width: NFKC'd to "CSTO forum"
    alias('«Канал»', 'operation:channel'), // starts with a quote
    alias('集体安全条约组织', 'org:csto'),
  ]);

  it.each([
    ['Armenian alias', 'Մայրաքաղաք Երևան է', [['Երևան', 'place:yerevan']]],
    ['CJK alias (between punctuation)', '报道：集体安全条约组织。', [['集体安全条约组织', 'org:csto']]],
    ['full-width alias read as ASCII', 'the CSTO forum met', [['CSTO forum', 'event:forum']]],
    ['alias starting with a quote', 'операция «Канал» идёт', [['«Канал»', 'operation:channel']]],
    ['ё and a stress mark inside a starred word', 'Лавро́ва и Лавровём', [['Лавро́ва', 'person:lavrov'], ['Лавровём', 'person:lavrov']]],
    ['hyphenation at a line break', 'the Collective Se-\ncurity Treaty Organi-\n  zation', [['Collective Se-\ncurity Treaty Organi-\n  zation', 'org:csto']]],
  ])('%s', (_name, text, want) => {
    expect(found(m, text)).toEqual(want);
  });

  it('gives the same spans whether its reused streams are fresh, bigger or smaller', () => {
    const small = 'CSTO и Ереван; ﬁ Лаврову';
    const big = `${'word '.repeat(50_000)}CSTO ${small}`;
    const fresh = (text: string) => buildMatcher([alias('CSTO', 'org:csto', { cs: true }), alias('Ереван', 'place:yerevan'), alias('Лавров*', 'person:lavrov')]).scan(text);
    const reused = buildMatcher([alias('CSTO', 'org:csto', { cs: true }), alias('Ереван', 'place:yerevan'), alias('Лавров*', 'person:lavrov')]);
    for (const text of [small, big, small, big, '', small]) expect(reused.scan(text)).toEqual(fresh(text));
  });
});
