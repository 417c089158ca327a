import type { KbStats } from '../lib/model/knowledge';

/** One line on the knowledge base's state. */
export function KbStatus({ stats }: { stats: KbStats | null }) {
  if (!stats) return <p className="muted">Knowledge base loading…</p>;
  if (stats.entities === 0) return <p className="muted">The knowledge base is being built…</p>;
  return (
    <p className="muted" data-testid="kb-status">
      Knowledge base: {stats.documents} documents, {stats.entities} entities, {stats.statements} statements, {stats.facts} facts
    </p>
  );
}
