import type { DatePrecision } from '../model/types';

// Reads a captured news text's own metadata: headline, outlet, dateline.
// Pure: no I/O. What the text does not print comes from the seed manifest,
// and an inferred year is marked as inferred, never passed off as printed.

export interface ManifestEntry {
  title?: string;
  outlet?: string;
  /** A date the document's own metadata states (learned pages): it wins over one read from the text. */
  date?: string;
  /** The original page of a learned document. */
  url?: string;
  /** A learned page's language, as read ('en', 'ru'). */
  lang?: string;
  inferredYear?: number;
  yearReason?: string;
}

export interface DocumentMetadata {
  title: string;
  outlet: string;
  date: string | null;
  datePrecision: DatePrecision;
  dateNote?: string;
  /** A weekday the dateline or lead names ("on Wednesday"), when any. */
  weekday?: string;
}

const MONTHS = [
  'january', 'february', 'march', 'april', 'may', 'june',
  'july', 'august', 'september', 'october', 'november', 'december',
];
const MONTH = '(January|February|March|April|May|June|July|August|September|October|November|December)';

/** Lines that capture tools leave around an article and that are never its headline. */
const BOILERPLATE = /^(all news|news|home|menu|share|print|\W*•.*|[a-z]{2}-[A-Z]{2}\d?(\s+[a-z]{2}-[A-Z]{2}\d?)*)$/i;

const pad = (n: number) => String(n).padStart(2, '0');

function monthIndex(name: string): number {
  return MONTHS.indexOf(name.toLowerCase()) + 1;
}

interface FoundDate {
  year: number | null;
  month: number;
  day: number;
  index: number;
}

/** The first date in the text's head: "26th May, 2020", "27 November 2019", "November 27, 2019", "March 30." */
export function findDate(head: string): FoundDate | null {
  const patterns: { re: RegExp; parse: (m: RegExpExecArray) => Omit<FoundDate, 'index'> }[] = [
    {
      re: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH},?\\s+((?:19|20)\\d{2})`, 'g'),
      parse: (m) => ({ day: +m[1]!, month: monthIndex(m[2]!), year: +m[3]! }),
    },
    {
      re: new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+((?:19|20)\\d{2})`, 'g'),
      parse: (m) => ({ day: +m[2]!, month: monthIndex(m[1]!), year: +m[3]! }),
    },
    {
      // A dateline without a year: "MOSCOW, March 30. /TASS/."
      re: new RegExp(`\\b[A-Z]{3,}(?:[ -][A-Z]{3,})*,\\s+${MONTH}\\s+(\\d{1,2})\\b(?!(?:st|nd|rd|th)?,?\\s+(?:19|20)\\d{2})`, 'g'),
      parse: (m) => ({ day: +m[2]!, month: monthIndex(m[1]!), year: null }),
    },
  ];
  let best: FoundDate | null = null;
  for (const { re, parse } of patterns) {
    const m = re.exec(head);
    if (m && (!best || m.index < best.index)) best = { ...parse(m), index: m.index };
  }
  return best;
}

export function findOutlet(head: string): string | null {
  const slashed = /\/\s*(TASS|RIA Novosti|Interfax|Sputnik|BelTA|Kazinform|AKIpress|Armenpress)\s*\//.exec(head);
  if (slashed) return slashed[1]!;
  const parenthesised = /\(([A-Z][\w .&]+(?:\s*\/\s*[A-Z][\w .&]+)*)\s+-\s+\d/.exec(head);
  if (parenthesised) return parenthesised[1]!.replace(/\s+/g, ' ').trim();
  return null;
}

/** The headline: a line printed twice near the top (page title + article title), else the first substantial line. */
export function findTitle(text: string): string {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter((l) => l.length > 0);
  const seen = new Set<string>();
  for (const line of lines.slice(0, 40)) {
    if (line.length >= 20 && seen.has(line)) return line;
    seen.add(line);
  }
  const candidate = lines.find((l) => !BOILERPLATE.test(l) && !/^\d{1,2}\s+\w+\s+\d{4}/.test(l) && l.length >= 20);
  return candidate ?? lines[0] ?? '';
}

export function findWeekday(head: string): string | undefined {
  const m = /\bon (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/.exec(head);
  return m?.[1];
}

export function readMetadata(text: string, manifest: ManifestEntry = {}): DocumentMetadata {
  const head = text.slice(0, 2500);
  const title = manifest.title ?? findTitle(text);
  // A learned page's own metadata (og:site_name, its date) is what it says about itself: it wins.
  const outlet = (manifest.url ? manifest.outlet : undefined) ?? findOutlet(head) ?? manifest.outlet ?? 'unknown outlet';
  const weekday = findWeekday(head);
  if (manifest.date && /^\d{4}-\d{2}-\d{2}$/.test(manifest.date)) return { title, outlet, date: manifest.date, datePrecision: 'day', weekday };
  const found = findDate(head);
  if (!found) return { title, outlet, date: null, datePrecision: 'unknown', weekday };
  const md = `${pad(found.month)}-${pad(found.day)}`;
  if (found.year !== null) return { title, outlet, date: `${found.year}-${md}`, datePrecision: 'day', weekday };
  if (manifest.inferredYear) {
    return {
      title,
      outlet,
      date: `${manifest.inferredYear}-${md}`,
      datePrecision: 'year-inferred',
      dateNote: manifest.yearReason ?? 'year inferred',
      weekday,
    };
  }
  return { title, outlet, date: `--${md}`, datePrecision: 'day-no-year', dateNote: 'the text prints no year', weekday };
}
