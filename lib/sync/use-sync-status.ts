// For extension pages (options, popup): the background's sync status, polled while the page is open,
// and the actions, each returning the fresh status. No DOM here, only React state and messages.

import { useCallback, useEffect, useState } from 'react';
import { sendSyncMessage } from './messages';
import type { SyncStatus } from './status';

export interface SyncActions {
  syncNow(): Promise<void>;
  /** First device: account + passphrase in one step (a weak passphrase is refused first); returns the sync key. */
  turnOn(serverUrl: string, passphrase: string): Promise<string>;
  /** Next device: sync key (it names the server) + passphrase in one step. */
  join(syncKey: string, passphrase: string, serverUrl?: string): Promise<void>;
  /** The linked account's sync key, to link another device. */
  showKey(): Promise<string | null>;
  createAccount(serverUrl: string): Promise<string>;
  link(serverUrl: string, syncKey: string): Promise<void>;
  setPassphrase(passphrase: string): Promise<void>;
  disconnect(): Promise<void>;
}

/** A new account's passphrase must be strong; zxcvbn is large, so it loads only here. */
async function assertStrong(passphrase: string): Promise<void> {
  const { checkPassphrase } = await import('./passphrase-strength');
  const verdict = checkPassphrase(passphrase, ['csto', 'lens', 'sync']);
  if (!verdict.ok) throw new Error(verdict.message ?? 'this passphrase is too easy to guess');
}

export function useSyncStatus(pollMs = 1_500): { status: SyncStatus | null; actions: SyncActions } {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const refresh = useCallback(async () => {
    try {
      setStatus(await sendSyncMessage('syncStatus'));
    } catch {
      /* background not ready yet: keep the last status */
    }
  }, []);
  useEffect(() => {
    void refresh();
    const t = setInterval(() => void refresh(), pollMs);
    return () => clearInterval(t);
  }, [refresh, pollMs]);
  const [actions] = useState<SyncActions>(() => ({
    syncNow: async () => setStatus(await sendSyncMessage('syncNow')),
    turnOn: async (serverUrl, passphrase) => {
      await assertStrong(passphrase);
      const r = await sendSyncMessage('syncTurnOn', { serverUrl, passphrase });
      setStatus(r.status);
      return r.syncKey;
    },
    join: async (syncKey, passphrase, serverUrl) => setStatus(await sendSyncMessage('syncJoin', { syncKey, passphrase, ...(serverUrl ? { serverUrl } : {}) })),
    showKey: async () => (await sendSyncMessage('syncShowKey')).syncKey,
    createAccount: async (serverUrl) => {
      const r = await sendSyncMessage('syncCreateAccount', { serverUrl });
      setStatus(r.status);
      return r.syncKey;
    },
    link: async (serverUrl, syncKey) => setStatus(await sendSyncMessage('syncLink', { serverUrl, syncKey })),
    setPassphrase: async (passphrase) => {
      // A new account's passphrase must be strong; zxcvbn is large, so it loads only here.
      if ((await sendSyncMessage('syncStatus')).choosingPassphrase) await assertStrong(passphrase);
      setStatus(await sendSyncMessage('syncSetPassphrase', { passphrase }));
    },
    disconnect: async () => setStatus(await sendSyncMessage('syncDisconnect')),
  }));
  return { status, actions };
}
