import { useEffect, useState } from 'react';
import { statusLine, type SyncStatus } from '../lib/sync/status';

/** One line: "Synced 2 min ago", "3 changes waiting", "Sync error: …", "Sync off". */
export function SyncStatusLineView({ status, now }: { status: SyncStatus | null; now: number }) {
  const text = statusLine(status, now);
  const error = text.startsWith('Sync error');
  return (
    <p className="muted" data-testid="sync-status-line" role="status" style={error ? { color: '#a33' } : undefined} title={text}>
      {text}
    </p>
  );
}

/** The popup's line; its "… ago" kept current (the status comes from the page: useSyncStatus). */
export function SyncStatusLine({ status }: { status: SyncStatus | null }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(t);
  }, []);
  return <SyncStatusLineView status={status} now={now} />;
}
