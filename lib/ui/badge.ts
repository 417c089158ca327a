import type { PageReport } from '../model/page';

/** The toolbar badge for a page: the number of distinct entities, "+" when the page was matched only in part. */
export function badgeText(report: PageReport): string {
  if (report.entities === 0) return report.partial ? '…' : '';
  const n = report.entities > 999 ? '999' : String(report.entities);
  return report.partial ? `${n}+` : n;
}
