// @vitest-environment jsdom
// Re-anchoring on saved pages and edited copies of them (tests/fixtures/anchoring/edits.ts).
// Each row: an annotation described on the original page, and where it must land on the
// edited page: by position, by the exact quote, by a fuzzy match (offsets of the edited
// quote) or nowhere (orphan).
import { afterAll, describe as group, expect, it } from 'vitest';
import { anchor, anchorMany, describe, type AnchorMethod, type AnchorOptions } from '../../../lib/anchoring';
import { locate, pageText } from './page-text';

type Expected = AnchorMethod | 'orphan';

interface Row {
  page: 'seed-000' | 'seed-003' | 'seed-004';
  /** 'original' for the unedited page, else the edit's name. */
  edit: string;
  quote: string;
  /** Text around the annotated occurrence on the original page, when the quote repeats. */
  within?: string;
  expected: Expected;
  /** Where it must land on the edited page (default: the quote); whitespace-insensitive. */
  found?: string;
  foundWithin?: string;
}

// seed-000: Lavrov on foreign militants (Pakistan Point News)
const Q1 = 'should focus on counterterrorism cooperation, namely, on foreign militants identification';
const Q2 = 'The tense military and political situation in Afghanistan remains a key topic for discussion.';
const Q3 = 'the drug trafficking income was used for sponsoring terrorist activities';
const Q4 = 'Russia currently holds the rotating chairmanship of the alliance';
const Q5 = 'Collective Security Treaty Organization (CSTO)';
// seed-003: biological security (CSTO Parliamentary Assembly)
const A1 = 'the coronavirus infection is a serious test for the entire system of international relations';
const A2 = 'It is clear that there is a demand for the CSTO potential to respond to such threats';
const A3 = 'Cooperation of the Collective Security Treaty Organisation with the CIS and the Shanghai Cooperation Organisation (SCO)';
const A4 = 'the threats to the security of CSTO Member States increase in several dimensions';
const A5 = 'CSTO CFM meeting';
const A5_IN = 'at the end of the CSTO CFM meeting, “it should';
// seed-004: Lavrov's remarks in Bishkek (MFA)
const B1 = 'We focused on the ways to strengthen the CSTO potential in many spheres.';
const B2 = 'Has President of Ukraine Vladimir Zelensky requested a separate meeting with President Putin';
const B3 = 'The CSTO has been working for a long time to protect the member states from terrorism, drugs and other threats';
const B4 = 'It is our common mission to prevent the penetration of the outer perimeter of the CSTO member states.';
const B5 = 'the CSTO';
const B5_IN = 'to strengthen the CSTO potential';

const ROWS: Row[] = [
  // unedited pages: every stored position still holds its quote
  ...[Q1, Q2, Q3, Q4, Q5].map((quote): Row => ({ page: 'seed-000', edit: 'original', quote, expected: 'position' })),
  ...[A1, A2, A3, A4].map((quote): Row => ({ page: 'seed-003', edit: 'original', quote, expected: 'position' })),
  { page: 'seed-003', edit: 'original', quote: A5, within: A5_IN, expected: 'position' },
  ...[B1, B2, B3, B4].map((quote): Row => ({ page: 'seed-004', edit: 'original', quote, expected: 'position' })),
  { page: 'seed-004', edit: 'original', quote: B5, within: B5_IN, expected: 'position' },

  // seed-000
  ...[Q1, Q2, Q3, Q4, Q5].map((quote): Row => ({ page: 'seed-000', edit: 'lead-inserted', quote, expected: 'quote' })),
  { page: 'seed-000', edit: 'words-inside', quote: Q5, expected: 'position' },
  { page: 'seed-000', edit: 'words-inside', quote: Q1, expected: 'fuzzy', found: 'should focus primarily on counterterrorism cooperation, namely, on foreign militants identification' },
  { page: 'seed-000', edit: 'words-inside', quote: Q2, expected: 'quote' },
  { page: 'seed-000', edit: 'words-inside', quote: Q3, expected: 'fuzzy', found: 'the drug trafficking was used for sponsoring terrorist activities' },
  { page: 'seed-000', edit: 'words-inside', quote: Q4, expected: 'quote' },
  { page: 'seed-000', edit: 'words-near', quote: Q1, expected: 'position' },
  { page: 'seed-000', edit: 'words-near', quote: Q2, expected: 'quote' },
  { page: 'seed-000', edit: 'words-near', quote: Q3, expected: 'quote' },
  { page: 'seed-000', edit: 'words-near', quote: Q4, expected: 'quote' },
  { page: 'seed-000', edit: 'whitespace-markup', quote: Q5, expected: 'quote' },
  { page: 'seed-000', edit: 'whitespace-markup', quote: Q1, expected: 'quote' },
  { page: 'seed-000', edit: 'whitespace-markup', quote: Q2, expected: 'quote' },
  { page: 'seed-000', edit: 'whitespace-markup', quote: Q4, expected: 'quote' },
  ...[Q1, Q2, Q3, Q4].map((quote): Row => ({ page: 'seed-000', edit: 'reordered', quote, expected: 'quote' })),
  { page: 'seed-000', edit: 'repeated', quote: Q4, expected: 'quote', found: Q4, foundWithin: `${Q4}, which was established` },
  { page: 'seed-000', edit: 'repeated', quote: Q1, expected: 'quote' },
  { page: 'seed-000', edit: 'removed', quote: Q2, expected: 'orphan' },
  { page: 'seed-000', edit: 'removed', quote: Q1, expected: 'position' },
  { page: 'seed-000', edit: 'removed', quote: Q3, expected: 'quote' },

  // seed-003
  { page: 'seed-003', edit: 'spelling', quote: A1, expected: 'position' },
  { page: 'seed-003', edit: 'spelling', quote: A2, expected: 'fuzzy', found: 'It is clear that there is a growing demand for the CSTO potential to respond to such threats' },
  { page: 'seed-003', edit: 'spelling', quote: A3, expected: 'fuzzy', found: A3.replace(/Organisation/g, 'Organization') },
  { page: 'seed-003', edit: 'spelling', quote: A4, expected: 'quote' },
  { page: 'seed-003', edit: 'spelling', quote: A5, within: A5_IN, expected: 'quote', foundWithin: A5_IN },
  ...[A1, A2, A3, A4].map((quote): Row => ({ page: 'seed-003', edit: 'reordered', quote, expected: 'quote' })),
  { page: 'seed-003', edit: 'reordered', quote: A5, within: A5_IN, expected: 'quote', foundWithin: A5_IN },
  {
    page: 'seed-003', edit: 'repeated-and-edited', quote: A4, expected: 'fuzzy',
    found: 'the threats to the security of CSTO Member States are increasing in several dimensions',
  },
  { page: 'seed-003', edit: 'repeated-and-edited', quote: A1, expected: 'quote' },
  { page: 'seed-003', edit: 'removed', quote: A4, expected: 'orphan' },
  // the annotated occurrence is gone; the same words elsewhere on the page are taken
  { page: 'seed-003', edit: 'removed', quote: A5, within: A5_IN, expected: 'quote', foundWithin: 'CSTO CFM meeting on May 26' },
  { page: 'seed-003', edit: 'removed', quote: A2, expected: 'position' },

  // seed-004
  ...[B1, B2, B3, B4].map((quote): Row => ({ page: 'seed-004', edit: 'lead-inserted', quote, expected: 'quote' })),
  { page: 'seed-004', edit: 'lead-inserted', quote: B5, within: B5_IN, expected: 'quote', foundWithin: B5_IN },
  { page: 'seed-004', edit: 'words-inside', quote: B1, expected: 'position' },
  { page: 'seed-004', edit: 'words-inside', quote: B5, within: B5_IN, expected: 'position' },
  {
    page: 'seed-004', edit: 'words-inside', quote: B3, expected: 'fuzzy',
    found: 'The CSTO has been working for a long time to protect the member states from terrorism, extremism, drugs and other threats',
  },
  {
    page: 'seed-004', edit: 'words-inside', quote: B4, expected: 'fuzzy',
    found: 'It is our common mission to stop the penetration of the outer perimeter of the CSTO member states.',
  },
  { page: 'seed-004', edit: 'whitespace', quote: B1, expected: 'position' },
  { page: 'seed-004', edit: 'whitespace', quote: B2, expected: 'quote' },
  { page: 'seed-004', edit: 'whitespace', quote: B3, expected: 'position' },
  { page: 'seed-004', edit: 'whitespace', quote: B4, expected: 'quote' },
  { page: 'seed-004', edit: 'removed', quote: B4, expected: 'orphan' },
  { page: 'seed-004', edit: 'removed', quote: B1, expected: 'position' },
  { page: 'seed-004', edit: 'removed', quote: B5, within: B5_IN, expected: 'position' },
];

const edited = (r: Row) => pageText(r.edit === 'original' ? r.page : `${r.page}.${r.edit}`);

function selectorsOf(r: Row) {
  const original = pageText(r.page);
  const { start, end } = locate(original, r.quote, r.within);
  return describe(original, start, end);
}

const tally = { rows: 0, anchored: 0, orphans: 0, byMethod: { position: 0, quote: 0, fuzzy: 0 } as Record<AnchorMethod, number> };

group('re-anchoring on edited pages', () => {
  it.each(ROWS.map((r) => [`${r.page} ${r.edit}: ${r.quote.slice(0, 40)}… → ${r.expected}`, r] as const))('%s', (_name, r) => {
    const text = edited(r);
    const got = anchor(text, selectorsOf(r));
    tally.rows++;
    if (r.expected === 'orphan') {
      expect(got).toBeNull();
      tally.orphans++;
      return;
    }
    const want = locate(text, r.found ?? r.quote, r.foundWithin ?? (r.found ? undefined : r.within));
    expect(got).not.toBeNull();
    expect({ method: got!.method, start: got!.start, end: got!.end }).toEqual({ method: r.expected, ...want });
    expect(got!.score).toBeGreaterThan(0);
    expect(got!.score).toBeLessThanOrEqual(1);
    tally.anchored++;
    tally.byMethod[got!.method]++;
  });

  const OPTIONS: [string, AnchorOptions][] = [
    ['full scan', { fuzzyScan: 'full' }],
    ['seeded scan', { fuzzyScan: 'seeded' }],
  ];
  it.each(OPTIONS)('anchorMany with %s agrees with anchor() row by row', (_n, opts) => {
    const pages = new Map<string, Row[]>();
    for (const r of ROWS) pages.set(`${r.page}.${r.edit}`, [...(pages.get(`${r.page}.${r.edit}`) ?? []), r]);
    for (const rows of pages.values()) {
      const text = edited(rows[0]!);
      const many = anchorMany(text, rows.map(selectorsOf), opts);
      expect(many).toEqual(rows.map((r) => anchor(text, selectorsOf(r))));
    }
  });
});

afterAll(() => {
  const { rows, anchored, orphans, byMethod } = tally;
  if (rows === ROWS.length) {
    console.info(
      `re-anchoring: ${anchored} of ${rows - orphans} annotations anchored at the expected place ` +
        `(${byMethod.position} position, ${byMethod.quote} quote, ${byMethod.fuzzy} fuzzy); ${orphans} orphaned as expected`,
    );
  }
});
