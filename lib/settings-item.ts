import { storage } from 'wxt/utils/storage';
import { DEFAULT_SETTINGS, SETTINGS_KEY, withDefaults, type Settings } from './settings';

// The settings as the extension's pages and background read and write them: a versioned item
// (@wxt-dev/storage), so later shapes migrate. The content script reads the same key without
// this library (lib/page/settings-live.ts): it never writes and needs no migration.
export const settingsItem = storage.defineItem<Settings>(`local:${SETTINGS_KEY}`, {
  fallback: DEFAULT_SETTINGS,
  version: 2,
  migrations: {
    2: (old: Partial<Settings>) => withDefaults(old),
  },
});
