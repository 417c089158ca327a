import { useState, type FormEvent } from 'react';
import { agoText, DEFAULT_SERVER_URL, type SyncStatus } from '../lib/sync/status';
import type { SyncActions } from '../lib/sync/use-sync-status';

export interface SyncSettingsViewProps {
  status: SyncStatus | null;
  actions: SyncActions;
  now?: number;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The options page's sync section: account, passphrase, status, actions. */
export function SyncSettingsView({ status, actions, now = Date.now() }: SyncSettingsViewProps) {
  const [serverUrl, setServerUrl] = useState(status?.serverUrl ?? DEFAULT_SERVER_URL);
  const [syncKeyInput, setSyncKeyInput] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [newKey, setNewKey] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const act = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const submit = (fn: () => Promise<void>) => (e: FormEvent) => {
    e.preventDefault();
    void act(fn);
  };

  return (
    <section aria-labelledby="sync-heading" data-testid="sync-settings">
      <h2 id="sync-heading">Sync (end-to-end encrypted)</h2>
      <p className="muted">
        Notes, quotes and page addresses are encrypted on this device with a key made from your passphrase; the server stores only
        ciphertext. The passphrase is never stored or sent: if you lose it, the synced copy cannot be read. The server still sees when
        each change was made and by which device id, whether it is a deletion, and its size class; this device is named "CSTO
        Lens" there.
      </p>
      {!status && <p className="muted">Loading…</p>}
      {status && !status.enabled && (
        <>
          <label style={{ display: 'block' }}>
            Server URL{' '}
            <input name="serverUrl" type="url" value={serverUrl} onChange={(e) => setServerUrl(e.target.value)} style={{ width: 280 }} />
          </label>
          <div className="row" style={{ justifyContent: 'flex-start', marginTop: 8 }}>
            <button type="button" disabled={busy} data-testid="sync-create" onClick={() => void act(async () => setNewKey(await actions.createAccount(serverUrl)))}>
              Create account
            </button>
            <span className="muted">or link this device to an account:</span>
          </div>
          <form className="row" style={{ justifyContent: 'flex-start', marginTop: 8 }} onSubmit={submit(() => actions.link(serverUrl, syncKeyInput))}>
            <input name="syncKey" placeholder="sync key from your other device" value={syncKeyInput} onChange={(e) => setSyncKeyInput(e.target.value)} style={{ width: 280 }} />
            <button type="submit" disabled={busy || !syncKeyInput.trim()} data-testid="sync-link">
              Link
            </button>
          </form>
        </>
      )}
      {newKey && status?.enabled && (
        <div role="note" style={{ border: '1px solid #c90', padding: 8, margin: '8px 0' }}>
          <p>
            <strong>Your sync key, shown once.</strong> Keep it somewhere safe and paste it on your other devices to link them. Anyone
            with it can read and overwrite the encrypted copy (not decrypt it).
          </p>
          <code data-testid="sync-key" style={{ wordBreak: 'break-all' }}>
            {newKey}
          </code>{' '}
          <button
            type="button"
            onClick={() =>
              void navigator.clipboard.writeText(newKey).then(
                () => setCopied(true),
                () => setError('could not copy: select the key and copy it by hand'),
              )
            }
          >
            {copied ? 'Copied' : 'Copy'}
          </button>{' '}
          <button type="button" onClick={() => setNewKey(null)}>
            Done
          </button>
        </div>
      )}
      {status?.enabled && !status.hasKey && (
        <form className="row" style={{ justifyContent: 'flex-start', marginTop: 8 }} onSubmit={submit(async () => {
          await actions.setPassphrase(passphrase);
          setPassphrase('');
        })}>
          <label>
            Passphrase (once per device){' '}
            <input name="passphrase" type="password" autoComplete="new-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
          </label>
          <button type="submit" disabled={busy || passphrase.length === 0} data-testid="sync-set-passphrase">
            Set passphrase
          </button>
        </form>
      )}
      {status?.enabled && !status.hasKey && status.choosingPassphrase && (
        <p className="muted" data-testid="sync-passphrase-hint">
          Choose a passphrase that is hard to guess (a few unusual words): a weak one is refused. The salt of its key is in the sync key,
          never on the server.
        </p>
      )}
      {status?.enabled && (
        <>
          <dl data-testid="sync-details" style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '2px 12px' }}>
            <dt>Server</dt>
            <dd>{status.serverUrl}</dd>
            <dt>Last sync</dt>
            <dd data-testid="sync-last">{status.lastSyncAt === null ? 'never' : `${new Date(status.lastSyncAt).toLocaleString()} (${agoText(now - status.lastSyncAt)})`}</dd>
            <dt>Pending changes</dt>
            <dd data-testid="sync-pending">{status.pending}</dd>
            <dt>Last error</dt>
            <dd data-testid="sync-error">{status.lastError ?? 'none'}</dd>
            <dt>Set aside</dt>
            <dd data-testid="sync-set-aside">
              {status.setAside === 0
                ? 'none'
                : `${status.setAside} change${status.setAside === 1 ? '' : 's'} that did not verify or were refused: ${status.setAsideReasons
                    .map((r) => `${r.reason} (${r.count})`)
                    .join('; ')}`}
            </dd>
            {status.nextRetryAt !== null && (
              <>
                <dt>Next retry</dt>
                <dd>{new Date(status.nextRetryAt).toLocaleTimeString()}</dd>
              </>
            )}
          </dl>
          <div className="row" style={{ justifyContent: 'flex-start' }}>
            <button type="button" disabled={busy || !status.hasKey} data-testid="sync-now" onClick={() => void act(actions.syncNow)}>
              {status.running ? 'Syncing…' : 'Sync now'}
            </button>
            <button
              type="button"
              disabled={busy}
              data-testid="sync-disconnect"
              onClick={() => {
                if (confirm('Disconnect this device from sync? Local annotations stay; the server copy stays too.')) void act(actions.disconnect);
              }}
            >
              Disconnect
            </button>
          </div>
        </>
      )}
      {error && (
        <p role="alert" data-testid="sync-action-error" style={{ color: '#a33' }}>
          {error}
        </p>
      )}
    </section>
  );
}
