import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openImport } from '../../../lib/annotations/import';
import type { ImportPreview } from '../../../lib/annotations/store-import';
import { itemsMatching, previewSummary } from '../../../lib/ui/import-flow';
import { EMPTY_FILTER } from '../../../lib/ui/notebook-filter';

const rows = () => {
  const f = openImport(readFileSync(join(__dirname, '../../fixtures/hypothesis/search.json'), 'utf8'));
  if (!f.ok) throw new Error('fixture');
  return f.items;
};

describe('import for one page, one tag or a search result', () => {
  it.each<[string, Partial<typeof EMPTY_FILTER>, string[]]>([
    ['no filter', {}, ['rows[0]', 'rows[1]', 'rows[2]', 'rows[3]']],
    ['one tag', { tag: 'учения' }, ['rows[1]', 'rows[2]', 'rows[3]']],
    ['one site', { site: 'www.reuters.com' }, ['rows[0]', 'rows[2]', 'rows[3]']],
    ['a search', { query: 'Pashinyan' }, ['rows[0]', 'rows[2]', 'rows[3]']],
  ])('%s: the matching items (and the refused ones, so the preview still says why)', (_n, f, paths) => {
    expect(itemsMatching(rows(), { ...EMPTY_FILTER, ...f }, Date.UTC(2025, 0, 1)).map((c) => c.path)).toEqual(paths);
  });
});

describe('previewSummary', () => {
  it('reads like "412 annotations: 405 new, 3 updated, 4 rejected"', () => {
    const p: ImportPreview = { token: 't', shape: 'Hypothesis search result', total: 412, added: 405, updated: 3, unchanged: 0, deletedSince: 0, rejectedCount: 4, rejected: [], notes: { 'stamp refused': 2 } };
    expect(previewSummary(p)).toEqual({
      headline: '412 annotations: 405 new, 3 updated, 4 rejected',
      details: ['2 annotations with a sync stamp this device cannot accept: stamped anew by this device.'],
    });
  });
});
