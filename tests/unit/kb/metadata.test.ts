import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findDate, findOutlet, findTitle, readMetadata } from '../../../lib/kb/metadata';

const seedDir = join(__dirname, '../../../assets/seeds');
const manifest = JSON.parse(readFileSync(join(seedDir, 'manifest.json'), 'utf8')) as {
  documents: Record<string, { inferredYear?: number; outlet?: string }>;
};
const seed = (prefix: string) => {
  const file = readdirSync(seedDir).find((f) => f.startsWith(prefix))!;
  return { file, text: readFileSync(join(seedDir, file), 'utf8') };
};

describe('dates read from a dateline', () => {
  it.each([
    ['MOSCOW (Pakistan Point News / Sputnik - 26th May, 2020) Russian', { day: 26, month: 5, year: 2020 }],
    ['27 November 201920:45', { day: 27, month: 11, year: 2019 }],
    ['Bishkek, November 27, 2019', { day: 27, month: 11, year: 2019 }],
    ['MOSCOW, March 30. /TASS/. The', { day: 30, month: 3, year: null }],
    ['NUR-SULTAN, January 7 /TASS/', { day: 7, month: 1, year: null }],
  ])('%s', (head, expected) => {
    expect(findDate(head)).toMatchObject(expected);
  });

  it('finds nothing in a text without a date', () => {
    expect(findDate('The CSTO met in Moscow.')).toBeNull();
  });
});

describe('outlets', () => {
  it.each([
    ['MOSCOW, March 30. /TASS/. The', 'TASS'],
    ['MOSCOW, October 27. / TASS /. Russia', 'TASS'],
    ['MOSCOW (Pakistan Point News / Sputnik - 26th May, 2020)', 'Pakistan Point News / Sputnik'],
    ['A page with no outlet', null],
  ])('%s', (head, outlet) => expect(findOutlet(head)).toBe(outlet));
});

describe('titles', () => {
  it('skips capture leftovers such as "All news"', () => {
    expect(findTitle('All news\n\nBelarusian diplomat calls fighting terrorist recruitment CSTO’s priority task\n\nMore')).toBe(
      'Belarusian diplomat calls fighting terrorist recruitment CSTO’s priority task',
    );
  });
  it('prefers a line printed twice (page title and article title)', () => {
    expect(findTitle('Some long navigation text here\nThe real headline of it all\n26 May 2020\nThe real headline of it all\nBody.')).toBe(
      'The real headline of it all',
    );
  });
});

describe('the seeds', () => {
  it.each([
    ['000', { outlet: 'Pakistan Point News / Sputnik', date: '2020-05-26', datePrecision: 'day' }],
    ['001', { outlet: 'TASS', date: '2016-03-30', datePrecision: 'year-inferred' }],
    ['002', { outlet: 'TASS', date: '2021-10-27', datePrecision: 'year-inferred' }],
    ['003', { outlet: 'CSTO Parliamentary Assembly website', date: '2020-05-26', datePrecision: 'day' }],
    ['004', { outlet: 'Ministry of Foreign Affairs of Russia', date: '2019-11-27', datePrecision: 'day' }],
  ])('seed %s', (prefix, expected) => {
    const { file, text } = seed(prefix);
    expect(readMetadata(text, manifest.documents[file])).toMatchObject(expected);
  });

  it.each([
    ['001', 'Belarusian diplomat calls fighting terrorist recruitment CSTO’s priority task'],
    ['002', 'Russia uses full potential of SCO, CSTO to fight threats from Afghanistan — top diplomat'],
    ['003', 'Russia suggested exploring possible cooperation in the field of biological security within the CSTO'],
  ])('seed %s title', (prefix, title) => {
    const { file, text } = seed(prefix);
    expect(readMetadata(text, manifest.documents[file]).title).toBe(title);
  });

  it('never invents a year: without the manifest, an undated dateline stays without year', () => {
    const { text } = seed('001');
    expect(readMetadata(text)).toMatchObject({ date: '--03-30', datePrecision: 'day-no-year' });
  });

  it.each(Object.entries(manifest.documents).filter(([, m]) => m.inferredYear))(
    'the inferred year of %s agrees with the weekday the text prints',
    (file, m) => {
      const text = readFileSync(join(seedDir, file), 'utf8');
      const meta = readMetadata(text);
      const [month, day] = meta.date!.slice(2).split('-').map(Number);
      expect(meta.weekday).toBeDefined();
      expect(yearsWithWeekday(month!, day!, meta.weekday!, 2002, 2026)).toContain(m.inferredYear);
    },
  );
});

/** The test's oracle: years in [from, to] in which month/day falls on the weekday. */
function yearsWithWeekday(month: number, day: number, weekday: string, from: number, to: number): number[] {
  const want = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'].indexOf(weekday.toLowerCase());
  const years: number[] = [];
  for (let y = from; y <= to; y++) if (new Date(Date.UTC(y, month - 1, day)).getUTCDay() === want) years.push(y);
  return years;
}
