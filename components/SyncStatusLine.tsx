import { useEffect, useState } from 'react';
import { statusLine, type SyncStatus } from '../lib/sync/status';
import { useSyncStatus } from '../lib/sync/use-sync-status';

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

/** The popup's line, kept fresh from the background. */
export function SyncStatusLine() {
  const { status } = useSyncStatus(2_000);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(t);
  }, []);
  return <SyncStatusLineView status={status} now={now} />;
}
