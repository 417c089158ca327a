// For extension pages (options, popup): the background's sync status, polled while the page is open,
// and the actions, each returning the fresh status. No DOM here, only React state and messages.

import { useCallback, useEffect, useState } from 'react';
import { sendSyncMessage } from './messages';
import type { SyncStatus } from './status';

export interface SyncActions {
  syncNow(): Promise<void>;
  createAccount(serverUrl: string): Promise<string>;
  link(serverUrl: string, syncKey: string): Promise<void>;
  setPassphrase(passphrase: string): Promise<void>;
  disconnect(): Promise<void>;
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
    createAccount: async (serverUrl) => {
      const r = await sendSyncMessage('syncCreateAccount', { serverUrl });
      setStatus(r.status);
      return r.syncKey;
    },
    link: async (serverUrl, syncKey) => setStatus(await sendSyncMessage('syncLink', { serverUrl, syncKey })),
    setPassphrase: async (passphrase) => {
      // A new account's passphrase must be strong; zxcvbn is large, so it loads only here.
      if ((await sendSyncMessage('syncStatus')).choosingPassphrase) {
        const { checkPassphrase } = await import('./passphrase-strength');
        const verdict = checkPassphrase(passphrase, ['csto', 'lens', 'sync']);
        if (!verdict.ok) throw new Error(verdict.message ?? 'this passphrase is too easy to guess');
      }
      setStatus(await sendSyncMessage('syncSetPassphrase', { passphrase }));
    },
    disconnect: async () => setStatus(await sendSyncMessage('syncDisconnect')),
  }));
  return { status, actions };
}
