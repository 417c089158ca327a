import { useEffect, useState, type FormEvent } from 'react';
import { agoText, DEFAULT_SERVER_URL, type SyncStatus } from '../lib/sync/status';
import type { SyncActions } from '../lib/sync/use-sync-status';

export interface SyncSettingsViewProps {
  status: SyncStatus | null;
  actions: SyncActions;
  now?: number;
  /** The sync key as a QR image (data URL). */
  makeQr?: (text: string) => Promise<string>;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The sync key with Copy and its QR code: what another device needs, with the passphrase, to link. */
function SyncKeyPanel({ syncKey, fresh, makeQr, onClose, onError }: { syncKey: string; fresh: boolean; makeQr?: (text: string) => Promise<string>; onClose: () => void; onError: (m: string) => void }) {
  const [copied, setCopied] = useState(false);
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setQr(null);
    if (makeQr) void makeQr(syncKey).then((url) => live && setQr(url), () => live && setQr(null));
    return () => {
      live = false;
    };
  }, [syncKey, makeQr]);
  return (
    <div role="group" aria-labelledby="sync-key-heading" data-testid="sync-key-panel" style={{ border: '1px solid #c90', padding: 8, margin: '8px 0' }}>
      <p id="sync-key-heading">
        <strong>{fresh ? 'Sync is on. To link another device:' : 'Link another device:'}</strong> open CSTO Lens Options there, paste this sync key
        (or scan the code) and type the same passphrase. The key names the server; anyone with it can fetch and overwrite the encrypted copy, but
        not read it without the passphrase. You can show it again here on any linked device.
      </p>
      <div style={{ display: 'flex', gap: 12, alignItems: 'flex-start' }}>
        {qr && <img src={qr} alt="QR code of the sync key" data-testid="sync-key-qr" width={168} height={168} style={{ background: '#fff' }} />}
        <div>
          <code data-testid="sync-key" style={{ wordBreak: 'break-all', display: 'block' }}>
            {syncKey}
          </code>
          <div className="row" style={{ justifyContent: 'flex-start', marginTop: 8 }}>
            <button
              type="button"
              data-testid="sync-key-copy"
              onClick={() =>
                void navigator.clipboard.writeText(syncKey).then(
                  () => setCopied(true),
                  () => onError('could not copy: select the key and copy it by hand'),
                )
              }
            >
              {copied ? 'Copied' : 'Copy sync key'}
            </button>
            <button type="button" data-testid="sync-key-hide" onClick={onClose}>
              {fresh ? 'Done' : 'Hide'}
            </button>
          </div>
        </div>
      </div>
    </div>
  );
}

/**
 * The options page's sync section. Off: "Turn on sync" (server prefilled, a passphrase) or "Link this
 * device" (the sync key from a linked device, the passphrase), each one step. On: the status, Sync now,
 * Show sync key (copy, QR), Disconnect.
 */
export function SyncSettingsView({ status, actions, now = Date.now(), makeQr }: SyncSettingsViewProps) {
  const [serverUrl, setServerUrl] = useState(status?.serverUrl ?? DEFAULT_SERVER_URL);
  const [syncKeyInput, setSyncKeyInput] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [joinPassphrase, setJoinPassphrase] = useState('');
  const [shownKey, setShownKey] = useState<{ key: string; fresh: boolean } | null>(null);
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
  const keyNamesServer = /^\s*v3\./i.test(syncKeyInput);

  return (
    <section aria-labelledby="sync-heading" data-testid="sync-settings">
      <h2 id="sync-heading">Sync (end-to-end encrypted)</h2>
      <p className="muted">
        Notes, quotes, page addresses and the pages you added to your knowledge base are encrypted on this device with a key made from your
        passphrase; the server stores only ciphertext. The passphrase is never stored or sent: if you lose it, the synced copy cannot be read.
        The server still sees when each change was made and by which device id, whether it is a deletion, and its size class; this device is
        named "CSTO Lens" there.
      </p>
      {!status && <p className="muted">Loading…</p>}
      {status && !status.enabled && (
        <>
          <form
            data-testid="sync-turn-on-form"
            aria-labelledby="sync-turn-on-heading"
            onSubmit={submit(async () => {
              const key = await actions.turnOn(serverUrl, passphrase);
              setPassphrase('');
              setShownKey({ key, fresh: true });
            })}
          >
            <h3 id="sync-turn-on-heading">First device</h3>
            <label style={{ display: 'block' }}>
              Passphrase{' '}
              <input name="passphrase" type="password" autoComplete="new-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
            </label>
            <p className="muted" data-testid="sync-passphrase-hint">
              A few unusual words: a passphrase that is easy to guess is refused. You type it once on each device.
            </p>
            <details>
              <summary>Server</summary>
              <label style={{ display: 'block' }}>
                Server URL <input name="serverUrl" type="url" value={serverUrl} onChange={(e) => setServerUrl(e.target.value)} style={{ width: 280 }} />
              </label>
            </details>
            <button type="submit" disabled={busy || passphrase.length === 0} data-testid="sync-turn-on">
              Turn on sync
            </button>
          </form>
          <form
            data-testid="sync-join-form"
            aria-labelledby="sync-join-heading"
            style={{ marginTop: 12 }}
            onSubmit={submit(async () => {
              await actions.join(syncKeyInput, joinPassphrase, keyNamesServer ? undefined : serverUrl);
              setJoinPassphrase('');
              setSyncKeyInput('');
            })}
          >
            <h3 id="sync-join-heading">Already syncing on another device?</h3>
            <label style={{ display: 'block' }}>
              Sync key{' '}
              <input name="syncKey" placeholder="from Options → Sync → Show sync key there" value={syncKeyInput} onChange={(e) => setSyncKeyInput(e.target.value)} style={{ width: 320 }} />
            </label>
            <label style={{ display: 'block', marginTop: 4 }}>
              Passphrase{' '}
              <input name="joinPassphrase" type="password" autoComplete="current-password" value={joinPassphrase} onChange={(e) => setJoinPassphrase(e.target.value)} />
            </label>
            {syncKeyInput.trim() && !keyNamesServer && <p className="muted">An older sync key: the server URL above (under Server) is used.</p>}
            <button type="submit" disabled={busy || !syncKeyInput.trim() || joinPassphrase.length === 0} data-testid="sync-join">
              Link this device
            </button>
          </form>
        </>
      )}
      {shownKey && status?.enabled && (
        <SyncKeyPanel syncKey={shownKey.key} fresh={shownKey.fresh} makeQr={makeQr} onClose={() => setShownKey(null)} onError={setError} />
      )}
      {status?.enabled && !status.hasKey && !busy && (
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
            {status.kept > 0 && (
              <>
                <dt>Kept for a newer version</dt>
                <dd data-testid="sync-kept">{status.kept} change{status.kept === 1 ? '' : 's'} of a kind this version does not read</dd>
              </>
            )}
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
              disabled={busy || !!shownKey}
              data-testid="sync-show-key"
              onClick={() =>
                void act(async () => {
                  const key = await actions.showKey();
                  if (key) setShownKey({ key, fresh: false });
                })
              }
            >
              Show sync key
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
