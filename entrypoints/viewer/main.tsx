import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { SourceDocumentView } from '../../components/SourceDocumentView';
import { LensDb } from '../../lib/db/database';
import { useSource } from '../../lib/ui/use-source';
import { parseViewerLocation } from '../../lib/ui/viewer-url';
import '../../components/theme.css';
import '../../components/viewer.css';

const db = new LensDb();

function Viewer() {
  const [target, setTarget] = useState(() => parseViewerLocation(location.search, location.hash));
  useEffect(() => {
    const onHash = () => setTarget(parseViewerLocation(location.search, location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const range = target?.start !== undefined && target.end !== undefined ? { start: target.start, end: target.end } : null;
  const view = useSource(db, target?.documentId ?? '', range);
  useEffect(() => {
    if (!view) return;
    const el = target?.statementId ? document.getElementById(`statement-${target.statementId}`) : document.querySelector('.target');
    el?.scrollIntoView({ block: 'center' });
  }, [view, target?.statementId]);
  if (!target) return <p style={{ padding: 16 }}>No document given.</p>;
  if (view === undefined) return <p style={{ padding: 16 }}>No document “{target.documentId}” in the knowledge base.</p>;
  if (view === null) return <p style={{ padding: 16 }}>Loading…</p>;
  return <SourceDocumentView {...view} targetStatementId={target.statementId ?? null} />;
}

createRoot(document.getElementById('root')!).render(<Viewer />);
