import { describe as group, expect, it } from 'vitest';
import { anchor, anchorMany, describe, maxErrors, type Selector } from '../../../lib/anchoring';
import { normalizeForAnchoring, toNormalized, toOriginal } from '../../../lib/anchoring/normalize';
import { substringDistance, textMatchScore } from '../../../lib/anchoring/score';

const TEXT = 'The CSTO unites Armenia, Belarus, Kazakhstan, Kyrgyzstan, Russia and Tajikistan. The CSTO was founded in 2002.';

group('describe', () => {
  it('returns a quote selector with 32 characters of context and a position selector', () => {
    const start = TEXT.indexOf('Kazakhstan');
    const [q, p] = describe(TEXT, start, start + 10);
    expect(q).toEqual({ type: 'TextQuoteSelector', exact: 'Kazakhstan', prefix: TEXT.slice(start - 32, start), suffix: TEXT.slice(start + 10, start + 42) });
    expect(p).toEqual({ type: 'TextPositionSelector', start, end: start + 10 });
  });

  it('shortens context at the ends of the text', () => {
    const [q] = describe(TEXT, 0, 3);
    expect(q.prefix).toBe('');
    const [q2] = describe(TEXT, TEXT.length - 5, TEXT.length);
    expect(q2.suffix).toBe('');
  });

  it('never cuts a surrogate pair at the edge of the context', () => {
    const t = '🙂'.repeat(20) + 'quote' + '🙂'.repeat(20);
    const [q] = describe(t, 40, 45);
    expect(q.prefix.length % 2).toBe(0);
    expect(q.suffix.length % 2).toBe(0);
  });

  it.each([
    [-1, 3],
    [3, 3],
    [5, 2],
    [0, TEXT.length + 1],
    [0.5, 3],
  ])('rejects the span [%s, %s)', (s, e) => {
    expect(() => describe(TEXT, s, e)).toThrow(RangeError);
  });
});

group('anchor: selector handling', () => {
  const sel = describe(TEXT, 4, 8); // the first "CSTO"

  it('accepts the selectors in any order', () => {
    expect(anchor(TEXT, [sel[1], sel[0]])).toEqual({ start: 4, end: 8, method: 'position', score: 1 });
  });

  it('takes a position alone when it is in bounds', () => {
    expect(anchor(TEXT, [sel[1]])?.method).toBe('position');
    expect(anchor('abc', [sel[1]])).toBeNull();
  });

  it('finds a quote alone, choosing among occurrences by context', () => {
    const second = TEXT.lastIndexOf('CSTO');
    const [q] = describe(TEXT, second, second + 4);
    expect(anchor(TEXT, [q])).toMatchObject({ start: second, end: second + 4, method: 'quote' });
  });

  it('rejects a position that no longer holds the quote', () => {
    const shifted = 'Breaking: ' + TEXT;
    expect(anchor(shifted, sel)).toMatchObject({ start: 14, end: 18, method: 'quote' });
  });

  it('chooses the occurrence nearest the stored position when contexts tie', () => {
    const t = 'x CSTO y. '.repeat(5);
    const [q] = describe(t, 22, 26);
    const p = { type: 'TextPositionSelector', start: 21, end: 25 } as const; // stale by one
    expect(anchor(t, [q, p])).toMatchObject({ start: 22, end: 26, method: 'quote' });
  });

  it.each<[string, Selector[]]>([
    ['no selectors', []],
    ['a blank quote', [{ type: 'TextQuoteSelector', exact: '  ', prefix: '', suffix: '' }]],
    ['an absent short quote', [{ type: 'TextQuoteSelector', exact: 'NATO', prefix: '', suffix: '' }]],
  ])('returns null for %s', (_n, selectors) => {
    expect(anchor(TEXT, selectors)).toBeNull();
  });

  it('ignores whitespace differences and invisible characters', () => {
    const start = TEXT.indexOf('Armenia');
    const sel2 = describe(TEXT, start, start + 'Armenia, Belarus'.length);
    const t = TEXT.replace('Armenia, Belarus', 'Arme\u00adnia,\n\u00a0  Belarus');
    const a = anchor(t, sel2);
    expect(a?.method).toBe('quote');
    expect(t.slice(a!.start, a!.end)).toBe('Arme\u00adnia,\n\u00a0  Belarus');
  });

  it('turns down fuzzy matches scoring below minScore', () => {
    const start = TEXT.indexOf('Armenia');
    const s = describe(TEXT, start, start + 'Armenia, Belarus, Kazakhstan'.length);
    const t = TEXT.replace('Belarus', 'Belarussia');
    expect(anchor(t, s)?.method).toBe('fuzzy');
    expect(anchor(t, s, { minScore: 0.99 })).toBeNull();
  });

  it('orphans a quote edited beyond a quarter of its length', () => {
    const start = TEXT.indexOf('Armenia');
    const s = describe(TEXT, start, start + 'Armenia, Belarus'.length);
    expect(anchor(TEXT.replace('Armenia, Belarus', 'Azerbaijan, Georgia'), s)).toBeNull();
  });
});

group('anchorMany', () => {
  it('accepts selector arrays and {selector} targets and keeps their order', () => {
    const a = describe(TEXT, 4, 8);
    const b = describe(TEXT, TEXT.indexOf('2002'), TEXT.indexOf('2002') + 4);
    const out = anchorMany('Update. ' + TEXT, [{ selector: b }, a, []]);
    expect(out.map((x) => x?.start ?? null)).toEqual([b[1].start + 8, 12, null]);
  });
});

group('maxErrors', () => {
  it.each([
    [3, 0],
    [4, 1],
    [100, 25],
    [1024, 256],
    [5000, 256],
  ])('allows %i characters %i errors', (len, k) => {
    expect(maxErrors(len)).toBe(k);
  });
});

group('normalize', () => {
  it('collapses whitespace runs, drops invisible characters and maps back', () => {
    const raw = '  a\u00ad b\n\n\tc\u200b';
    const nt = normalizeForAnchoring(raw);
    expect(nt.text).toBe(' a b c');
    expect(Array.from(nt.map)).toEqual([0, 2, 4, 5, 6, 9, 11]);
    expect(toOriginal(nt, 1, 6)).toEqual({ start: 2, end: 10 });
    expect(toNormalized(nt, 6)).toBe(4);
  });

  it('handles texts longer than one conversion chunk', () => {
    const raw = 'word  '.repeat(5000);
    expect(normalizeForAnchoring(raw).text).toBe('word '.repeat(5000));
  });
});

group('context similarity', () => {
  it.each([
    ['abc', 'abc', 0],
    ['xxabcxx', 'abc', 0],
    ['abd', 'abc', 1],
    ['', 'abc', 3],
    ['a c', 'abc', 1],
  ])('distance of %j in %j', (text, pattern, d) => {
    expect(substringDistance(text, pattern)).toBe(d);
  });

  it('scores an absent context as fully matching', () => {
    expect(textMatchScore('anything', '')).toBe(1);
    expect(textMatchScore('', 'abc')).toBe(0);
  });
});

group('a target with a position only (imported with a TextPositionSelector alone)', () => {
  const noQuote = { type: 'TextQuoteSelector', exact: '', prefix: '', suffix: '' } as const;
  const at = (start: number, end: number) => ({ type: 'TextPositionSelector', start, end }) as const;

  it('anchors at its position, verified against nothing, and the empty quote is not searched', () => {
    const start = TEXT.indexOf('Belarus');
    expect(anchor(TEXT, [noQuote, at(start, start + 7)])).toEqual({ start, end: start + 7, method: 'position', score: 1 });
    // Edited page: still the same offsets (nothing to check them against).
    const edited = 'NEWS: ' + TEXT;
    expect(anchor(edited, [noQuote, at(start, start + 7)])).toMatchObject({ start, end: start + 7 });
  });

  it('is an orphan when the position is beyond the page text (code points beyond it: the stored position is tried)', () => {
    expect(anchor(TEXT, [noQuote, at(TEXT.length - 2, TEXT.length + 5)])).toBeNull();
    expect(anchorMany(TEXT, [{ selector: [noQuote, at(0, 1)], codePoints: { start: TEXT.length, end: TEXT.length + 3 } }])).toEqual([{ start: 0, end: 1, method: 'position', score: 1 }]);
  });

  it('takes its position from code points counted on the page text (astral characters before it)', () => {
    const text = '🇷🇺 𝐀𝐁 ' + TEXT;
    const start = text.indexOf('Belarus');
    // Four astral characters before: code point 7 + … is UTF-16 unit start.
    const cp = [...text.slice(0, start)].length;
    expect(start - cp).toBe(4);
    const [hit] = anchorMany(text, [{ selector: [noQuote, at(cp, cp + 7)], codePoints: { start: cp, end: cp + 7 } }]);
    expect(hit && text.slice(hit.start, hit.end)).toBe('Belarus');
  });

  it('with a quote, code points beat a stale UTF-16 position among repeated quotes', () => {
    const text = `😀😀😀😀 CSTO and CSTO`;
    const second = text.lastIndexOf('CSTO');
    const [q] = describe(text, second, second + 4);
    const cp = [...text.slice(0, second)].length;
    // The UTF-16 hint points 4 units early (as an estimate from the prefix would); code points are exact.
    const [hit] = anchorMany(text, [{ selector: [q, at(second - 4, second)], codePoints: { start: cp, end: cp + 4 } }]);
    expect(hit).toMatchObject({ start: second, end: second + 4, method: 'position' });
  });
});
