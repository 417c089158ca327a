import { storage } from 'wxt/utils/storage';
import { ENTITY_TYPES, type EntityType } from './model/types';

// The reader's display settings, shared by the content script, popup and options
// page through extension storage (versioned, so later shapes can migrate).

export interface Settings {
  /** Highlighting on or off everywhere. */
  enabled: boolean;
  /** Hostnames where highlighting is off. */
  disabledSites: string[];
  /** Entity types that are highlighted. */
  types: EntityType[];
  /** Wrap matches in elements screen readers see, instead of the CSS Custom Highlight API. */
  accessibleMode: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  enabled: true,
  disabledSites: [],
  types: [...ENTITY_TYPES],
  accessibleMode: false,
};

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

export function isActiveOn(settings: Settings, hostname: string): boolean {
  return settings.enabled && !settings.disabledSites.includes(hostname);
}

export function toggleSite(settings: Settings, hostname: string): Settings {
  const disabled = settings.disabledSites.includes(hostname);
  return {
    ...settings,
    disabledSites: disabled ? settings.disabledSites.filter((h) => h !== hostname) : [...settings.disabledSites, hostname],
  };
}
