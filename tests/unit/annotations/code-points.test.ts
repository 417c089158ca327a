import { describe, expect, it } from 'vitest';
import { anchorMany, codePointsToUtf16, describe as describeSpan, utf16ToCodePoints } from '../../../lib/anchoring';
import { toJsonLdItem } from '../../../lib/annotations/jsonld';
import { readImport, type ImportDraft } from '../../../lib/annotations/import';
import { createAnnotation, withQuote, type Annotation } from '../../../lib/annotations/model';
import { recordProblem } from '../../../lib/annotations/record-rules';
import { fakeClock } from './fixtures';

// Code points at the export / import edge, whatever the page text holds: random texts full of astral
// characters (emoji, math letters, CJK extension B), before and inside the quote, and repeated
// passages so that only the position tells two occurrences apart.

/** mulberry32: a small seeded PRNG, so a failure names its seed and replays. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['CSTO ', 'ОДКБ ', 'the ', 'Council ', '🇷🇺', '🛡️', '😀', '𝐀𝐁', '𝔘𝔫𝔦', '𠀋', 'é', ', ', '. ', '\n', 'Lavrov ', '👩‍👩‍👧 '];

function randomText(r: () => number): string {
  const words: string[] = [];
  const n = 5 + Math.floor(r() * 120);
  for (let i = 0; i < n; i++) words.push(PIECES[Math.floor(r() * PIECES.length)]!);
  const base = words.join('');
  // Repeat a passage: the same quote twice, told apart only by the position.
  return r() < 0.5 ? base + base : base;
}

/** A random span that does not cut a surrogate pair (a selection never does). */
function randomSpan(text: string, r: () => number): [number, number] | null {
  const cuts: number[] = [];
  for (let i = 0; i <= text.length; i++) {
    const c = text.charCodeAt(i - 1);
    if (!(c >= 0xd800 && c <= 0xdbff)) cuts.push(i);
  }
  for (let tries = 0; tries < 20; tries++) {
    const a = cuts[Math.floor(r() * cuts.length)]!;
    const b = cuts[Math.floor(r() * cuts.length)]!;
    const [s, e] = a < b ? [a, b] : [b, a];
    if (e > s && text.slice(s, e).trim()) return [s, e];
  }
  return null;
}

const URL = 'https://news.example/astral';

function made(text: string, s: number, e: number): Annotation {
  return createAnnotation({ source: URL, title: 'T', selector: describeSpan(text, s, e), codePoints: utf16ToCodePoints(text, s, e) }, fakeClock());
}

/** Export one note, import the file again, and make the stored record the import would write. */
function roundTrip(a: Annotation, foreign: boolean, edit: (item: Record<string, unknown>) => void = () => {}): Annotation {
  const item = JSON.parse(JSON.stringify(toJsonLdItem(a))) as Record<string, unknown>;
  if (foreign) {
    // As another W3C tool would write it: the W3C context only, no csto: terms, its own generator.
    item['@context'] = 'http://www.w3.org/ns/anno.jsonld';
    for (const k of Object.keys(item)) if (k.startsWith('csto:')) delete item[k];
    delete (item.target as Record<string, unknown>)['csto:title'];
    item.generator = { id: 'https://other.example/tool', type: 'Software' };
  }
  edit(item);
  const r = readImport(item, Date.UTC(2024, 5, 1));
  if (!r.ok) throw new Error(r.errors.join('; '));
  expect(r.read.rejected).toEqual([]);
  const d = r.read.drafts[0] as ImportDraft;
  return {
    ...a,
    id: d.id,
    target: { source: d.source, title: d.title, selector: d.selector, ...(d.codePoints ? { codePoints: d.codePoints } : {}), ...(d.byPosition ? { byPosition: d.byPosition } : {}) },
  };
}

const cpOf = (s: string) => [...s].length;

describe('code points ⇄ UTF-16 on the page text', () => {
  it.each([
    ['plain', 'The CSTO said', 4, 8, 4, 8],
    ['an emoji far before the quote (beyond any prefix)', `🇷🇺${'x'.repeat(80)} CSTO`, 83, 87, 81, 85],
    ['a math letter inside the quote', 'say 𝐀𝐁 now', 4, 8, 4, 6],
  ])('%s', (_n, text, s16, e16, sCp, eCp) => {
    expect(utf16ToCodePoints(text, s16, e16)).toEqual({ start: sCp, end: eCp });
    expect(codePointsToUtf16(text, sCp, eCp)).toEqual({ start: s16, end: e16 });
  });

  it('refuses a span beyond the text', () => {
    expect(codePointsToUtf16('ab😀', 2, 4)).toBeNull();
    expect(codePointsToUtf16('ab😀', 2, 3)).toEqual({ start: 2, end: 4 });
    expect(codePointsToUtf16('ab', -1, 1)).toBeNull();
  });

  it('are inverse on random texts with astral characters (500 seeds)', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const r = rng(seed);
      const text = randomText(r);
      const span = randomSpan(text, r);
      if (!span) continue;
      const [s, e] = span;
      const cp = utf16ToCodePoints(text, s, e);
      expect(cp, `seed ${seed}`).toEqual({ start: cpOf(text.slice(0, s)), end: cpOf(text.slice(0, e)) });
      expect(codePointsToUtf16(text, cp.start, cp.end), `seed ${seed}`).toEqual({ start: s, end: e });
    }
  });
});

describe('export → import → anchor, with astral characters before and inside the quote', () => {
  it('writes TextPositionSelector offsets in code points, counted on the whole page text', () => {
    const text = `😀😀😀 ${'a'.repeat(60)} 𝐀𝐁 the CSTO 🛡 said`;
    const s = text.indexOf('the CSTO 🛡');
    const a = made(text, s, s + 'the CSTO 🛡'.length);
    const [, pos] = toJsonLdItem(a).target.selector as [unknown, { start: number; end: number }];
    expect(pos).toMatchObject({ start: cpOf(text.slice(0, s)), end: cpOf(text.slice(0, s)) + cpOf('the CSTO 🛡') });
  });

  it.each([
    ['our own export', false],
    ['the same in another tool\'s form', true],
  ])('anchors a re-imported note on the same text (500 random pages): %s', (_n, foreign) => {
    for (let seed = 1; seed <= 500; seed++) {
      const r = rng(seed);
      const text = randomText(r);
      const span = randomSpan(text, r);
      if (!span) continue;
      const [s, e] = span;
      const back = roundTrip(made(text, s, e), foreign);
      const [at] = anchorMany(text, [back.target]);
      expect(at && [at.start, at.end], `seed ${seed}: ${JSON.stringify(text.slice(s, e))}`).toEqual([s, e]);
      expect(at!.method, `seed ${seed}`).toBe('position');
      // And exported again, the same code points.
      expect(toJsonLdItem(back).target.selector[1]).toEqual(toJsonLdItem(made(text, s, e)).target.selector[1]);
    }
  });

  it.each([
    ['our own export', false],
    ['another tool\'s', true],
  ])('anchors a re-imported position-only note on the same text, and reads its quote there (500 random pages): %s', (_n, foreign) => {
    for (let seed = 1; seed <= 500; seed++) {
      const r = rng(seed);
      const text = randomText(r);
      const span = randomSpan(text, r);
      if (!span) continue;
      const [s, e] = span;
      const back = roundTrip(made(text, s, e), foreign, (item) => {
        const t = item.target as { selector: { type: string }[] };
        t.selector = t.selector.filter((x) => x.type === 'TextPositionSelector');
      });
      expect(back.target.byPosition).toBe(true);
      expect(back.target.selector[0].exact).toBe('');
      const [at] = anchorMany(text, [back.target]);
      expect(at && [at.start, at.end], `seed ${seed}`).toEqual([s, e]);
      // The quote read on first anchoring is the text there; the record still verifies.
      const quoted = withQuote(back, describeSpan(text, at!.start, at!.end), utf16ToCodePoints(text, at!.start, at!.end), fakeClock());
      expect(quoted.target.selector[0].exact).toBe(text.slice(s, e));
      expect(recordProblem(quoted, Date.UTC(2024, 4, 2))).toBeNull();
      const [again] = anchorMany(text, [quoted.target]);
      expect(again && [again.start, again.end, again.method]).toEqual([s, e, 'position']);
    }
  });
});
