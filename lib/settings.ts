import { ENTITY_TYPES, type EntityType } from './model/types';

// The reader's display settings, shared by the content script, popup and options
// page through extension storage: the stored item (versioned, so later shapes can migrate) is
// lib/settings-item.ts; the content script only reads it (lib/page/settings-live.ts).

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
  /** Learning from pages without asking (issue 17): never (the default), on the sites in `learnSites`,
   *  or on every page where CSTO entities are found. Optional: settings stored before it read as 'never'. */
  learnMode?: LearnMode;
  /** Hostnames to learn from in 'sites' mode (a site covers its subdomains). */
  learnSites?: string[];
}

export const LEARN_MODES = ['never', 'sites', 'entities'] as const;
export type LearnMode = (typeof LEARN_MODES)[number];

export const DEFAULT_SETTINGS: Settings = {
  enabled: true,
  disabledSites: [],
  types: [...ENTITY_TYPES],
  accessibleMode: false,
  // Density (issue 14.5) is the reader's choice, off at first: a reader who installs a highlighter
  // for CSTO news expects to see every mention, headline strips included (14.10), and can thin them.
  firstMentionOnly: false,
  articleBodyOnly: false,
  learnMode: 'never',
  learnSites: [],
};

/** Settings with every field: a stored value from an older version lacks the newer ones. */
export function withDefaults(stored: Partial<Settings> | null | undefined): Settings {
  return { ...DEFAULT_SETTINGS, ...(stored ?? {}) };
}

/** The key of the settings in `browser.storage.local`. */
export const SETTINGS_KEY = 'settings';

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

/** A site as the learn list keeps it: the hostname, lower case, without "www.". */
export const learnSiteOf = (hostname: string): string => hostname.toLowerCase().replace(/^www\./, '');

/** Whether `hostname` is one of the sites the reader chose to learn from (or a subdomain of one). */
export function isLearnSite(settings: Settings, hostname: string): boolean {
  const host = learnSiteOf(hostname);
  return (settings.learnSites ?? []).some((site) => host === site || host.endsWith(`.${site}`));
}

/** Adds the site to the learn list, or takes it off. */
export function toggleLearnSite(settings: Settings, hostname: string): Settings {
  const site = learnSiteOf(hostname);
  const sites = settings.learnSites ?? [];
  return { ...settings, learnSites: sites.includes(site) ? sites.filter((s) => s !== site) : [...sites, site] };
}
