// Wiring of sync into the background: the client over the real fetch, pushes ~2 s after outbox
// writes (a Dexie liveQuery on the outbox), learned pages queued when the learned set changes, pulls
// when the server's change notices say so (notices.ts), when a tab, window or the notebook gets focus
// (focus-pull.ts), on a 5-minute alarm (the fallback) and on `syncNow`; and the message handlers.
// `startSync({ db, notes, learned, extensionBase })` is the background's one call.

import { liveQuery } from 'dexie';
import { browser } from 'wxt/browser';
import type { AnnotationStore } from '../annotations/store';
import type { LensDb } from '../db/database';
import { LEARNED_KEY } from '../db/meta';
import { SyncClient } from './client';
import { FocusPulls } from './focus-pull';
import type { LearnedPort } from './learned-sync';
import { onSyncMessage } from './messages';
import { ChangeNotices } from './notices';
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

export interface StartSyncOptions {
  db: LensDb;
  notes: AnnotationStore;
  /** Stores pulled learned pages and rebuilds with them (LearnService). */
  learned?: LearnedPort;
  /** The extension's base URL: account and key messages are answered only for its own pages. */
  extensionBase?: string;
}

export function startSync({ db, notes, learned, extensionBase }: StartSyncOptions): SyncService {
  const fetcher = (url: string, init: RequestInit) => fetch(url, init);
  const client = new SyncClient({ db, notes, learned, fetch: fetcher, deviceName: NEUTRAL_DEVICE_NAME });
  const scheduler = new SyncScheduler({ run: () => client.sync() });
  const service = new SyncService(client, scheduler);
  const pullSoon = () => scheduler.soon(0);

  const notices = new ChangeNotices({
    fetch: fetcher,
    target: async () => {
      const config = await client.state.config();
      if (!config || !(await client.state.key(config.accountId))) return null;
      return { serverUrl: config.serverUrl, token: config.token, deviceId: (await notes.clock()).device };
    },
    onNotice: pullSoon,
    log: (m) => console.info(`[csto-lens sync] ${m}`),
  });
  service.onAccountChange = () => notices.restart();
  notices.restart();

  const focus = new FocusPulls(() => {
    notices.ensure();
    void client.status().then((s) => {
      if (s.enabled && s.hasKey) pullSoon();
    });
  });
  browser.tabs.onActivated.addListener(() => focus.poke());
  browser.windows?.onFocusChanged.addListener((windowId) => {
    if (windowId !== browser.windows.WINDOW_ID_NONE) focus.poke();
  });

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
  // A learned page added, updated or removed (any writer): stamp it and queue it (learned-sync.ts).
  if (learned) {
    liveQuery(async () => (await db.meta.get(LEARNED_KEY))?.value ?? '').subscribe({
      next: () => void client.learned.scan().catch((err: unknown) => console.error('[csto-lens sync] learned scan failed', err)),
      error: (err) => console.error('[csto-lens sync] learned watch failed', err),
    });
  }

  void browser.alarms.create(SYNC_ALARM, { periodInMinutes: PULL_PERIOD_MINUTES, delayInMinutes: 1 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name !== SYNC_ALARM) return;
    notices.ensure();
    void scheduler.tick();
  });

  /** Account and key messages come only from the extension's own pages, never a content script. */
  const own = (sender: { url?: string }) => {
    if (extensionBase && !sender.url?.startsWith(extensionBase)) throw new Error('only the extension’s own pages may do this');
  };
  onSyncMessage('syncStatus', () => service.status());
  onSyncMessage('syncNow', () => service.syncNow());
  onSyncMessage('syncFocus', () => void focus.poke());
  onSyncMessage('syncCreateAccount', ({ data, sender }) => (own(sender), service.createAccount(data.serverUrl)));
  onSyncMessage('syncLink', ({ data, sender }) => (own(sender), service.link(data.serverUrl, data.syncKey)));
  onSyncMessage('syncTurnOn', ({ data, sender }) => (own(sender), service.turnOn(data.serverUrl, data.passphrase)));
  onSyncMessage('syncJoin', ({ data, sender }) => (own(sender), service.join(data.syncKey, data.passphrase, data.serverUrl ?? null)));
  onSyncMessage('syncShowKey', ({ sender }) => (own(sender), service.showKey()));
  onSyncMessage('syncSetPassphrase', ({ data, sender }) => (own(sender), service.setPassphrase(data.passphrase)));
  onSyncMessage('syncDisconnect', ({ sender }) => (own(sender), service.disconnect()));
  return service;
}
