import type { ViewerTarget } from '../model/page';

/** The source viewer's path for a target: /viewer.html?doc=ID[&start=&end=][#statement-ID]. */
export function viewerPath(t: ViewerTarget): string {
  const q = new URLSearchParams({ doc: t.documentId });
  if (t.start !== undefined && t.end !== undefined) {
    q.set('start', String(t.start));
    q.set('end', String(t.end));
  }
  return `/viewer.html?${q.toString()}${t.statementId ? `#statement-${encodeURIComponent(t.statementId)}` : ''}`;
}

export function parseViewerLocation(search: string, hash: string): ViewerTarget | null {
  const q = new URLSearchParams(search);
  const documentId = q.get('doc');
  if (!documentId) return null;
  const start = Number(q.get('start'));
  const end = Number(q.get('end'));
  const m = /^#statement-(.+)$/.exec(hash);
  return {
    documentId,
    ...(q.has('start') && q.has('end') && Number.isFinite(start) && Number.isFinite(end) ? { start, end } : {}),
    ...(m ? { statementId: decodeURIComponent(m[1]!) } : {}),
  };
}
