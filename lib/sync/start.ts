// Wiring of sync into the background: the client over the real fetch, pushes ~2 s after outbox
// writes (a Dexie liveQuery on the outbox), pulls on a 5-minute alarm and on `syncNow`, and the
// message handlers. `startSync({ db, notes })` is the background's one call.

import { liveQuery } from 'dexie';
import { browser } from 'wxt/browser';
import type { AnnotationStore } from '../annotations/store';
import type { LensDb } from '../db/database';
import { SyncClient } from './client';
import { onSyncMessage } from './messages';
import { SyncScheduler } from './scheduler';
import { SyncService } from './service';

export const SYNC_ALARM = 'csto-lens-sync';
export const PULL_PERIOD_MINUTES = 5;
export const PUSH_DEBOUNCE_MS = 2_000;

/**
 * The name the server's device list shows. Neutral on purpose (no browser, no system): the server learns
 * nothing from it. A name the reader types may replace it in a later version; none is sent otherwise.
 */
export const NEUTRAL_DEVICE_NAME = 'CSTO Lens';

export function startSync({ db, notes }: { db: LensDb; notes: AnnotationStore }): SyncService {
  const client = new SyncClient({ db, notes, fetch: (url, init) => fetch(url, init), deviceName: NEUTRAL_DEVICE_NAME });
  const scheduler = new SyncScheduler({ run: () => client.sync() });
  const service = new SyncService(client, scheduler);

  // Every outbox write changes the newest queuedAt (or the count): push after a quiet moment.
  liveQuery(async () => {
    const newest = await db.outbox.orderBy('queuedAt').last();
    return `${await db.outbox.count()}:${newest?.queuedAt ?? 0}`;
  }).subscribe({
    next: (signature) => {
      if (!signature.startsWith('0:')) scheduler.soon(PUSH_DEBOUNCE_MS);
    },
    error: (err) => console.error('[csto-lens sync] outbox watch failed', err),
  });

  void browser.alarms.create(SYNC_ALARM, { periodInMinutes: PULL_PERIOD_MINUTES, delayInMinutes: 1 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void scheduler.tick();
  });

  onSyncMessage('syncStatus', () => service.status());
  onSyncMessage('syncNow', () => service.syncNow());
  onSyncMessage('syncCreateAccount', ({ data }) => service.createAccount(data.serverUrl));
  onSyncMessage('syncLink', ({ data }) => service.link(data.serverUrl, data.syncKey));
  onSyncMessage('syncSetPassphrase', ({ data }) => service.setPassphrase(data.passphrase));
  onSyncMessage('syncDisconnect', () => service.disconnect());
  return service;
}
