import type { EntityType } from '../model/types';

// Cuts a document's text into runs that share the same marks (statement, mention,
// target range), so the viewer can render it as text nodes: never as HTML.

export interface MarkRange {
  start: number;
  end: number;
}

export interface Segment {
  text: string;
  start: number;
  statementId?: string;
  /** True on the first segment of a statement (where its speaker label goes). */
  statementStart?: boolean;
  mention?: { entityId: string; type: EntityType };
  target?: boolean;
}

export function segmentText(
  text: string,
  statements: (MarkRange & { id: string })[],
  mentions: (MarkRange & { entityId: string; type: EntityType })[],
  target: MarkRange | null,
): Segment[][] {
  const cuts = new Set<number>([0, text.length]);
  for (const r of [...statements, ...mentions, ...(target ? [target] : [])]) {
    cuts.add(Math.max(0, Math.min(text.length, r.start)));
    cuts.add(Math.max(0, Math.min(text.length, r.end)));
  }
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    cuts.add(i);
    cuts.add(i + 1);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const paragraphs: Segment[][] = [[]];
  const started = new Set<string>();
  for (let k = 0; k + 1 < points.length; k++) {
    const start = points[k]!;
    const end = points[k + 1]!;
    const piece = text.slice(start, end);
    if (piece === '\n') {
      if (paragraphs[paragraphs.length - 1]!.length) paragraphs.push([]);
      continue;
    }
    const st = statements.find((s) => start >= s.start && end <= s.end);
    const m = mentions.find((x) => start >= x.start && end <= x.end);
    const seg: Segment = { text: piece, start };
    if (st) {
      seg.statementId = st.id;
      if (!started.has(st.id)) {
        started.add(st.id);
        seg.statementStart = true;
      }
    }
    if (m) seg.mention = { entityId: m.entityId, type: m.type };
    if (target && start >= target.start && end <= target.end) seg.target = true;
    paragraphs[paragraphs.length - 1]!.push(seg);
  }
  return paragraphs.filter((p) => p.length > 0);
}
