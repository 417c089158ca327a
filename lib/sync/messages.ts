// Messages between the extension pages and the background's sync service: a messenger of its own
// (names prefixed `sync`), beside the main protocol map.

import { defineExtensionMessaging } from '@webext-core/messaging';
import type { SyncStatus } from './status';

export interface SyncProtocolMap {
  syncStatus(): SyncStatus;
  /** Runs a sync now (pull, then push) and returns the status after it; errors are in `lastError`. */
  syncNow(): SyncStatus;
  /** Creates an account; `syncKey` is shown once, for linking the other devices. */
  syncCreateAccount(data: { serverUrl: string }): { syncKey: string; status: SyncStatus };
  syncLink(data: { serverUrl: string; syncKey: string }): SyncStatus;
  /** One step on the first device: creates the account and sets its passphrase; returns the sync key. */
  syncTurnOn(data: { serverUrl: string; passphrase: string }): { syncKey: string; status: SyncStatus };
  /**
   * One step on the next device: links with the sync key (a v3 key names its server; `serverUrl` is
   * for older keys) and sets the passphrase. A wrong passphrase throws and leaves sync off.
   */
  syncJoin(data: { syncKey: string; passphrase: string; serverUrl?: string }): SyncStatus;
  /** The linked account's sync key, to link one more device from this one (extension pages only). */
  syncShowKey(): { syncKey: string | null };
  /** The notebook (or another page) became visible: pull soon. */
  syncFocus(): void;
  /** Throws "wrong passphrase: …" when it does not open the account's data (nothing is stored then). */
  syncSetPassphrase(data: { passphrase: string }): SyncStatus;
  syncDisconnect(): SyncStatus;
}

export const syncMessaging = defineExtensionMessaging<SyncProtocolMap>();
export const { sendMessage: sendSyncMessage, onMessage: onSyncMessage } = syncMessaging;
