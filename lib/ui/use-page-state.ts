import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import type { PageAnnotations, PageState } from '../model/page';
import { sendToTab } from '../protocol/to-tab';

export interface ActivePage {
  /** False until the tab and its content script have answered. */
  loaded: boolean;
  tabId: number | null;
  hostname: string | null;
  state: PageState | null;
  notes: PageAnnotations | null;
  reveal: (entityId: string) => void;
}

/**
 * The tab the popup was opened for, `?tab=ID` (the popup opened as a page for a tab, as the browser tests
 * do), or else the active tab; and what its content script shows (null where no content script runs).
 */
export function useActivePage(refreshKey: unknown): ActivePage {
  const [page, setPage] = useState<Omit<ActivePage, 'reveal'>>({ loaded: false, tabId: null, hostname: null, state: null, notes: null });
  useEffect(() => {
    let alive = true;
    void (async () => {
      const asked = Number(new URLSearchParams(location.search).get('tab'));
      const tab = Number.isInteger(asked) && asked > 0 ? await browser.tabs.get(asked).catch(() => undefined) : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
      const tabId = tab?.id ?? null;
      let hostname: string | null = null;
      try {
        hostname = tab?.url ? new URL(tab.url).hostname || null : null;
      } catch {
        hostname = null;
      }
      const state = tabId === null ? null : await sendToTab('pageState', undefined, tabId).catch(() => null);
      const notes = tabId === null ? null : await sendToTab('pageAnnotations', undefined, tabId).catch(() => null);
      if (alive) setPage({ loaded: true, tabId, hostname, state, notes });
    })();
    return () => {
      alive = false;
    };
  }, [refreshKey]);
  return {
    ...page,
    reveal: (entityId) => {
      if (page.tabId === null) return;
      // Scroll the page to the first mention and open its card there; the popup closes as the page takes focus.
      void sendToTab('revealEntity', { entityId, openCard: true }, page.tabId)
        .catch(() => false)
        .then(() => window.close());
    },
  };
}
