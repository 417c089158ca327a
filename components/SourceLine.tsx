import type { CardSource } from '../lib/model/knowledge';
import { formatDate } from '../lib/ui/format';

export interface SourceLineProps {
  source: CardSource;
  onOpen: () => void;
  label?: string;
}

/** "TASS, 27 October 2021 — Russia uses full potential …" with a link to the exact sentence. */
export function SourceLine({ source, onOpen, label = 'source' }: SourceLineProps) {
  return (
    <span className="source">
      {source.outlet}, {formatDate(source.date, source.datePrecision)} —{' '}
      <a
        href="#"
        title={source.title}
        onClick={(e) => {
          e.preventDefault();
          onOpen();
        }}
      >
        {label}: {source.title}
      </a>
    </span>
  );
}
