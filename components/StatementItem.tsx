import type { CardSource } from '../lib/model/knowledge';
import { excerpt } from '../lib/ui/format';
import { SourceLine } from './SourceLine';

export interface StatementItemProps {
  statement: {
    id: string;
    text: string;
    kind: 'quote' | 'reported' | 'answer';
    speakerName: string | null;
    source: CardSource;
  };
  /** Relevance of a related statement (0 to 1.5), shown as words, never as a raw number. */
  score?: number;
  onOpenSource: (statementId: string, documentId: string) => void;
  /** The address of the statement in the source viewer. */
  sourceHref: (statementId: string, documentId: string) => string;
}

/** How close a related statement is, in words (scores from lib/kb/related.ts: BM25 share + shared entities). */
export function relevanceLabel(score: number): string {
  return score >= 0.9 ? 'closely related' : score >= 0.45 ? 'related' : 'loosely related';
}

const KIND_LABEL = { quote: 'said', reported: 'said (reported)', answer: 'answered' } as const;

/** One statement: who said what, when, in which document. */
export function StatementItem({ statement: s, score, onOpenSource, sourceHref }: StatementItemProps) {
  return (
    <li className="statement" data-statement-id={s.id} data-score={score}>
      <div className="statement-head">
        <strong className="speaker">{s.speakerName ?? 'Unattributed'}</strong> <span className="muted">{KIND_LABEL[s.kind]}</span>
        {score !== undefined && <span className="score">{relevanceLabel(score)}</span>}
      </div>
      <blockquote>{excerpt(s.text)}</blockquote>
      <SourceLine source={s.source} href={sourceHref(s.id, s.source.documentId)} onOpen={() => onOpenSource(s.id, s.source.documentId)} />
    </li>
  );
}
