import { browser } from 'wxt/browser';
import { SETTINGS_KEY, withDefaults, type Settings } from '../settings';

// The content script's view of the reader's settings: read once, then followed as they change.
// It reads the key lib/settings-item.ts writes, straight from `browser.storage.local`: a content
// script never writes the settings, so it needs neither the item's migrations (withDefaults fills
// what an older shape lacks) nor the storage library (7.7 KB of the content script's budget).

type Stored = Partial<Settings> | null | undefined;

export async function readSettings(): Promise<Settings> {
  const got = await browser.storage.local.get(SETTINGS_KEY);
  return withDefaults(got[SETTINGS_KEY] as Stored);
}

/** Calls `fn` with the settings each time they are written; returns the unsubscribe. */
export function watchSettings(fn: (next: Settings) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local' || !(SETTINGS_KEY in changes)) return;
    fn(withDefaults(changes[SETTINGS_KEY]!.newValue as Stored));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
