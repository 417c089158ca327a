import { describe, expect, it } from 'vitest';
import type { MatchedSpan } from '../../../lib/match/spans';
import { forEachPacked, isPacked, packSpans, SpanPacker, unpackSpans } from '../../../lib/match/spans';

const spans: MatchedSpan[] = [
  { start: 4, end: 8, entityId: 'org:csto', type: 'organization' },
  { start: 12, end: 18, entityId: 'country:russia', type: 'country' },
  { start: 18, end: 22, entityId: 'org:csto', type: 'organization' },
  { start: 150_000, end: 150_039, entityId: 'org:csto', type: 'organization' },
];

describe('packed spans (the matchText reply)', () => {
  it('round-trips spans: gaps, lengths and an entity table with each id once', () => {
    const p = packSpans(spans);
    expect(p.entities).toEqual(['org:csto', 'country:russia']);
    expect(p.types).toEqual(['organization', 'country']);
    expect(p.data).toEqual([4, 4, 0, 4, 6, 1, 0, 4, 0, 149_978, 39, 0]);
    expect(p.data.length / 3).toBe(4);
    expect(unpackSpans(p)).toEqual(spans);
  });

  it('survives JSON (what the messaging does to it) and is much smaller than span objects', () => {
    const many: MatchedSpan[] = [];
    for (let i = 0; i < 2000; i++) many.push({ start: i * 50 + 3, end: i * 50 + 9, entityId: i % 3 ? 'country:kazakhstan' : 'org:csto', type: i % 3 ? 'country' : 'organization' });
    const p = JSON.parse(JSON.stringify(packSpans(many)));
    expect(unpackSpans(p)).toEqual(many);
    expect(JSON.stringify(p).length * 4).toBeLessThan(JSON.stringify(many).length);
  });

  it('forEachPacked shifts offsets and makes no objects', () => {
    const seen: [number, number, number][] = [];
    forEachPacked(packSpans(spans.slice(0, 2)), (s, e, k) => seen.push([s, e, k]), 100);
    expect(seen).toEqual([
      [104, 108, 0],
      [112, 118, 1],
    ]);
  });

  it('empty', () => {
    const p = new SpanPacker().finish();
    expect(p).toEqual({ data: [], entities: [], types: [] });
    expect(unpackSpans(p)).toEqual([]);
  });

  it('keeps spans given out of order (negative gaps)', () => {
    const shuffled = [spans[2]!, spans[0]!, spans[3]!, spans[1]!];
    expect(unpackSpans(packSpans(shuffled))).toEqual(shuffled);
  });

  it('isPacked tells the packed form from span objects', () => {
    expect(isPacked(packSpans(spans))).toBe(true);
    expect(isPacked(spans)).toBe(false);
    expect(isPacked([])).toBe(false);
  });
});
