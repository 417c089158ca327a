import type { CardSource } from '../lib/model/knowledge';
import { formatDate } from '../lib/ui/format';

export interface SourceLineProps {
  source: CardSource;
  onOpen: () => void;
  /** Where the link goes (the source viewer at the sentence): a real address, so it can be read, copied and opened by keyboard. */
  href: string;
  label?: string;
}

/** "TASS, 27 October 2021 — Russia uses full potential …" with a link to the exact sentence. */
export function SourceLine({ source, onOpen, href, label = 'source' }: SourceLineProps) {
  return (
    <span className="source">
      {source.outlet}, {formatDate(source.date, source.datePrecision)} —{' '}
      <a
        href={href}
        title={source.title}
        onClick={(e) => {
          // A plain click opens the viewer in a tab of its own (the extension's pages cannot be navigated to from a web page).
          if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
          e.preventDefault();
          onOpen();
        }}
      >
        {label}: {source.title}
      </a>
    </span>
  );
}
