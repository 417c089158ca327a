import type { CardSource } from '../lib/kb/card';
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
  /** Relevance score shown for related statements. */
  score?: number;
  onOpenSource: (statementId: string, documentId: string) => void;
}

const KIND_LABEL = { quote: 'said', reported: 'said (reported)', answer: 'answered' } as const;

/** One statement: who said what, when, in which document. */
export function StatementItem({ statement: s, score, onOpenSource }: StatementItemProps) {
  return (
    <li className="statement" data-statement-id={s.id}>
      <div className="statement-head">
        <strong className="speaker">{s.speakerName ?? 'Unattributed'}</strong> <span className="muted">{KIND_LABEL[s.kind]}</span>
        {score !== undefined && <span className="score" title="relevance">{score.toFixed(2)}</span>}
      </div>
      <blockquote>{excerpt(s.text)}</blockquote>
      <SourceLine source={s.source} onOpen={() => onOpenSource(s.id, s.source.documentId)} />
    </li>
  );
}
