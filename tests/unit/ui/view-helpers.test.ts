import { describe, expect, it } from 'vitest';
import { placeNear } from '../../../lib/page/note-frame';
import { excerpt, formatDate } from '../../../lib/ui/format';
import { segmentText } from '../../../lib/ui/segments';
import { parseViewerLocation, viewerPath } from '../../../lib/ui/viewer-url';

describe('formatDate', () => {
  it.each([
    ['2020-05-26', 'day', '26 May 2020'],
    ['2016-03-30', 'year-inferred', '30 March 2016 (year inferred)'],
    ['--03-30', 'day-no-year', '30 March (year not printed)'],
    [null, 'unknown', 'undated'],
  ] as const)('%s (%s) -> %s', (date, precision, out) => expect(formatDate(date, precision)).toBe(out));
});

describe('excerpt', () => {
  it('cuts on a word boundary with an ellipsis, and leaves short text alone', () => {
    expect(excerpt('short text')).toBe('short text');
    const cut = excerpt('word '.repeat(100), 30);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(31);
    expect(cut).not.toMatch(/wor…$/);
  });
});

describe('viewer links', () => {
  it.each([
    [{ documentId: 'd1' }],
    [{ documentId: 'd1', statementId: 'd1:st:10-20' }],
    [{ documentId: 'd 1', start: 5, end: 9 }],
  ])('round-trips %j', (target) => {
    const url = new URL(`https://x${viewerPath(target)}`);
    expect(parseViewerLocation(url.search, url.hash)).toEqual(target);
  });
  it('is null without a document', () => expect(parseViewerLocation('', '')).toBeNull());
});

describe('placeNear (the note frame)', () => {
  const viewport = { width: 1000, height: 800 };
  const panel = { width: 300, height: 200 };
  it.each([
    ['below when there is room', { top: 100, bottom: 120, left: 50, right: 150, width: 100, height: 20 }, 'below'],
    ['above near the bottom', { top: 700, bottom: 720, left: 50, right: 150, width: 100, height: 20 }, 'above'],
  ])('%s', (_label, anchor, where) => {
    const p = placeNear(anchor, panel, viewport);
    if (where === 'below') expect(p.top).toBeGreaterThanOrEqual(anchor.bottom);
    else expect(p.top + panel.height).toBeLessThanOrEqual(anchor.top);
  });
  it('stays inside the viewport horizontally', () => {
    const p = placeNear({ top: 100, bottom: 120, left: 900, right: 990, width: 90, height: 20 }, panel, viewport);
    expect(p.left + panel.width).toBeLessThanOrEqual(viewport.width);
  });
});

describe('segmentText', () => {
  it('splits at statements, mentions and paragraphs, keeping every character once', () => {
    const text = 'Lavrov said the CSTO met.\nZas agreed.';
    const paragraphs = segmentText(
      text,
      [{ id: 's1', start: 0, end: 25 }],
      [
        { start: 0, end: 6, entityId: 'person:lavrov', type: 'person' },
        { start: 16, end: 20, entityId: 'org:csto', type: 'organization' },
      ],
      null,
    );
    expect(paragraphs).toHaveLength(2);
    expect(paragraphs.flat().map((s) => s.text).join('')).toBe(text.replace('\n', ''));
    const first = paragraphs[0]!;
    expect(first[0]).toMatchObject({ text: 'Lavrov', statementId: 's1', statementStart: true, mention: { entityId: 'person:lavrov' } });
    expect(first.filter((s) => s.statementStart)).toHaveLength(1);
    expect(first.find((s) => s.text === 'CSTO')?.mention?.entityId).toBe('org:csto');
    expect(paragraphs[1]![0]!.statementId).toBeUndefined();
  });
});
