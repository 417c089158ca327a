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

  async link(serverUrl: string, syncKey: string): Promise<SyncStatus> {
    await this.client.link(serverUrl, syncKey);
    return this.status();
  }

  async setPassphrase(passphrase: string): Promise<SyncStatus> {
    await this.client.setPassphrase(passphrase);
    this.scheduler.soon(0);
    return this.status();
  }

  async disconnect(): Promise<SyncStatus> {
    await this.client.disconnect();
    return this.status();
  }
}
