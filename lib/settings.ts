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
  /** Draw only the first mention of each entity on a page (the counts, the card and the popup still
   *  know every mention). */
  firstMentionOnly: boolean;
  /** Leave the page's chrome (navigation, banner, footer, side columns, bylines, comments) unread. */
  articleBodyOnly: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  enabled: true,
  disabledSites: [],
  types: [...ENTITY_TYPES],
  accessibleMode: false,
  // Density (issue 14.5) is the reader's choice, off at first: a reader who installs a highlighter
  // for CSTO news expects to see every mention, headline strips included (14.10), and can thin them.
  firstMentionOnly: false,
  articleBodyOnly: false,
};

/** Settings with every field: a stored value from an older version lacks the newer ones. */
export function withDefaults(stored: Partial<Settings> | null | undefined): Settings {
  return { ...DEFAULT_SETTINGS, ...(stored ?? {}) };
}

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 2,
  migrations: {
    2: (old: Partial<Settings>) => withDefaults(old),
  },
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
