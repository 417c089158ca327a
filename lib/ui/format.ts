import type { DatePrecision } from '../model/types';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A document date for people: "26 May 2020", "30 March 2016 (year inferred)", "30 March (year not printed)". */
export function formatDate(date: string | null, precision: DatePrecision = 'day'): string {
  if (!date) return 'undated';
  const m = /^(?:(\d{4})-|--)(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  const day = `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? m[2]}`;
  if (m[1] === undefined) return `${day} (year not printed)`;
  return precision === 'year-inferred' ? `${day} ${m[1]} (year inferred)` : `${day} ${m[1]}`;
}

/** A statement's text cut for a list, on a word boundary. */
export function excerpt(text: string, max = 240): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.lastIndexOf(' ', max);
  return `${t.slice(0, cut > max * 0.6 ? cut : max)}…`;
}
