// The background's sync service: a client, its scheduler, and the status both report together.

import type { SyncClient } from './client';
import type { SyncScheduler } from './scheduler';
import type { SyncStatus } from './status';

export class SyncService {
  constructor(
    readonly client: SyncClient,
    readonly scheduler: SyncScheduler,
  ) {}

  async status(): Promise<SyncStatus> {
    return { ...(await this.client.status()), nextRetryAt: this.scheduler.nextRetryAt };
  }

  async syncNow(): Promise<SyncStatus> {
    await this.scheduler.runNow();
    return this.status();
  }

  async createAccount(serverUrl: string): Promise<{ syncKey: string; status: SyncStatus }> {
    const { syncKey } = await this.client.createAccount(serverUrl);
    return { syncKey, status: await this.status() };
  }

  /** First device, one step: account and passphrase. A passphrase the server cannot check yet is kept unverified. */
  async turnOn(serverUrl: string, passphrase: string): Promise<{ syncKey: string; status: SyncStatus }> {
    const { syncKey } = await this.client.createAccount(serverUrl);
    try {
      await this.client.setPassphrase(passphrase);
    } catch (err) {
      await this.client.disconnect(); // nothing half-made stays: the reader tries again from the start
      throw err;
    }
    this.changed();
    return { syncKey, status: await this.status() };
  }

  /** Next device, one step: link with the sync key, then the passphrase; a wrong one leaves sync off. */
  async join(syncKey: string, passphrase: string, serverUrl: string | null = null): Promise<SyncStatus> {
    await this.client.link(serverUrl, syncKey);
    try {
      await this.client.setPassphrase(passphrase);
    } catch (err) {
      await this.client.disconnect();
      throw err;
    }
    this.changed();
    return this.status();
  }

  async showKey(): Promise<{ syncKey: string | null }> {
    return { syncKey: await this.client.syncKey() };
  }

  /** The account or key changed: sync at once, and listen to the new account's notices. */
  private changed(): void {
    this.scheduler.soon(0);
    this.onAccountChange?.();
  }

  /** Set by the wiring (start.ts): restarts the change notices. */
  onAccountChange?: () => void;

  async link(serverUrl: string, syncKey: string): Promise<SyncStatus> {
    await this.client.link(serverUrl, syncKey);
    return this.status();
  }

  async setPassphrase(passphrase: string): Promise<SyncStatus> {
    await this.client.setPassphrase(passphrase);
    this.changed();
    return this.status();
  }

  async disconnect(): Promise<SyncStatus> {
    await this.client.disconnect();
    this.onAccountChange?.();
    return this.status();
  }
}
