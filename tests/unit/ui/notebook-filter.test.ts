import { describe, expect, it } from 'vitest';
import { describe as describeSelectors } from '../../../lib/anchoring';
import { createAnnotation, HybridClock, type Annotation } from '../../../lib/annotations';
import { applyFilter, EMPTY_FILTER, facets, groupByPage } from '../../../lib/ui/notebook-filter';

const clock = new HybridClock('d-test');
const text = 'The CSTO foreign ministers met in Moscow. Lavrov spoke about the Tajik-Afghan border and the anti-drug operation Channel.';
const make = (source: string, title: string, start: number, end: number, extra: Partial<{ note: string; tags: string[]; color: Annotation['color']; entityIds: string[] }>, created: string): Annotation => ({
  ...createAnnotation({ source, title, selector: describeSelectors(text, start, end), ...extra }, clock),
  created,
});

const a = make('https://tass.com/1', 'Ministers meet', 4, 28, { note: 'first meeting', tags: ['ministers'], color: 'yellow', entityIds: ['body:csto-cfm'] }, '2026-01-05T10:00:00Z');
const b = make('https://tass.com/2', 'Border', 42, 90, { note: 'border equipment', tags: ['border', 'tajikistan'], color: 'green', entityIds: ['person:sergey-lavrov'] }, '2026-02-10T10:00:00Z');
const c = make('https://news.example/x', 'Channel', 95, 120, { tags: ['drugs'], color: 'green', entityIds: ['operation:channel'] }, '2026-03-01T10:00:00Z');
const all = [a, b, c];

describe('notebook filter', () => {
  it.each([
    ['newest first without a query', {}, [c, b, a]],
    ['full text over notes', { query: 'equipment' }, [b]],
    ['full text over quotes, by prefix', { query: 'ministe' }, [a]],
    ['full text over tags', { query: 'tajikistan' }, [b]],
    ['full text over page titles', { query: 'Channel' }, [c]],
    ['by site', { site: 'tass.com' }, [b, a]],
    ['by tag', { tag: 'Border' }, [b]],
    ['by colour', { color: 'green' }, [c, b]],
    ['by entity', { entity: 'person:sergey-lavrov' }, [b]],
    ['by date range', { from: '2026-02-01', to: '2026-02-28' }, [b]],
    ['combined', { color: 'green', site: 'tass.com' }, [b]],
  ])('%s', (_label, patch, expected) => {
    expect(applyFilter(all, { ...EMPTY_FILTER, ...patch }).map((x) => x.id)).toEqual(expected.map((x) => x.id));
  });

  it('offers the facets present in the notebook', () => {
    expect(facets(all)).toEqual({
      sites: ['news.example', 'tass.com'],
      tags: ['border', 'drugs', 'ministers', 'tajikistan'],
      entities: ['body:csto-cfm', 'operation:channel', 'person:sergey-lavrov'],
    });
  });

  it('groups by page in list order', () => {
    expect(groupByPage([c, b, a]).map((g) => [g.source, g.items.length])).toEqual([
      ['https://news.example/x', 1],
      ['https://tass.com/2', 1],
      ['https://tass.com/1', 1],
    ]);
  });
});
