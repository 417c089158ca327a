import { useEffect, useState } from 'react';
import type { PageContext } from '../kb/page-context';
import type { PageState } from '../model/page';
import { sendMessage } from '../protocol/to-background';
import { readPageText } from './read-page';

export type PageContextStatus = 'unavailable' | 'ask' | 'loading' | 'ready' | 'failed';

export interface PageContextView {
  status: PageContextStatus;
  context: PageContext | null;
  /** Where highlighting is off the popup asks before it reads the page: the reader's yes. */
  read: () => void;
}

/**
 * The popup's context of the active page. Where the page is highlighted, its content script's counts
 * are used; where highlighting is off, nothing is read until the reader says so.
 */
export function usePageContext(tabId: number | null, state: PageState | null, loaded: boolean): PageContextView {
  const [consent, setConsent] = useState(false);
  const [result, setResult] = useState<{ status: PageContextStatus; context: PageContext | null }>({ status: 'loading', context: null });
  const active = state?.active ?? false;
  const key = state ? `${state.scans}:${state.mentions}` : 'none';
  useEffect(() => {
    if (!loaded) return;
    if (tabId === null || state === null) {
      setResult({ status: 'unavailable', context: null });
      return;
    }
    if (!active && !consent) {
      setResult({ status: 'ask', context: null });
      return;
    }
    let alive = true;
    setResult((r) => ({ status: 'loading', context: r.context }));
    void (async () => {
      const page = await readPageText(tabId);
      if (!page) {
        if (alive) setResult({ status: 'unavailable', context: null });
        return;
      }
      const counts = active ? state.list.map((e) => [e.entityId, e.count] as [string, number]) : undefined;
      const context = await sendMessage('pageContext', { text: page.text, counts }).catch(() => null);
      if (alive) setResult(context ? { status: 'ready', context } : { status: 'failed', context: null });
    })();
    return () => {
      alive = false;
    };
  }, [tabId, loaded, active, consent, key]);
  return { ...result, read: () => setConsent(true) };
}
