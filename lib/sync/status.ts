// The sync status as the pages see it, and the popup's one-line summary of it. Plain data.

export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8787';

export interface SyncStatus {
  /** An account is linked on this device. */
  enabled: boolean;
  serverUrl: string;
  accountId: string | null;
  deviceId: string | null;
  /** The passphrase was entered on this device (its key is stored). */
  hasKey: boolean;
  /** The key opened the account's key-check record. */
  verified: boolean;
  /** Local changes waiting in the outbox. */
  pending: number;
  running: boolean;
  lastSyncAt: number | null;
  lastAttemptAt: number | null;
  lastError: string | null;
  /** When the next automatic retry runs after a failure. */
  nextRetryAt: number | null;
  /** The passphrase is being chosen (this device created the account, no key yet): it must be strong. */
  choosingPassphrase: boolean;
  /** Changes sync set aside (did not decrypt, parse or pass the record rules; or refused by the server). */
  setAside: number;
  /** The most frequent reasons, with counts. */
  setAsideReasons: { reason: string; count: number }[];
  /** Changes of a kind this version does not read (a newer version's): kept, not applied, not an error. */
  kept: number;
}

/** "3 changes set aside (did not decrypt)" or null. */
export function setAsideText(s: Pick<SyncStatus, 'setAside' | 'setAsideReasons'>): string | null {
  if (!s.setAside) return null;
  const top = s.setAsideReasons[0]?.reason;
  return `${s.setAside} change${s.setAside === 1 ? '' : 's'} set aside${top ? ` (${top}${s.setAsideReasons.length > 1 ? ', …' : ''})` : ''}`;
}

export function agoText(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 45) return 'just now';
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min ago`;
  const h = Math.round(min / 60);
  if (h < 36) return `${h} h ago`;
  const d = Math.round(h / 24);
  return `${d} day${d === 1 ? '' : 's'} ago`;
}

/** "Synced 2 min ago", "3 changes waiting", "Sync error: …", "Sync off"; "…; 2 changes set aside (…)". */
export function statusLine(s: SyncStatus | null, now: number): string {
  const line = mainLine(s, now);
  const aside = s?.enabled && s.hasKey && !s.lastError ? setAsideText(s) : null;
  return aside ? `${line}; ${aside}` : line;
}

function mainLine(s: SyncStatus | null, now: number): string {
  if (!s || !s.enabled) return 'Sync off';
  if (!s.hasKey) return s.lastError ? `Sync error: ${s.lastError}` : 'Sync paused: enter the passphrase in Options';
  if (s.lastError) return `Sync error: ${s.lastError}`;
  if (s.pending > 0) return `${s.pending} change${s.pending === 1 ? '' : 's'} waiting`;
  if (s.running) return 'Syncing…';
  if (s.lastSyncAt !== null) return `Synced ${agoText(now - s.lastSyncAt)}`;
  return 'Not synced yet';
}
