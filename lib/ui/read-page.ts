import { browser } from 'wxt/browser';

/** The most text the popup reads from a page for its context view. */
export const PAGE_TEXT_LIMIT = 200_000;

/**
 * Runs in the page (scripting.executeScript): the article's text, or the body's. Self-contained: it is
 * serialised into the page, so it may use nothing from this module.
 */
export function articleText(limit: number): { text: string; title: string } {
  const root = document.querySelector('article, main, [role="main"]') ?? document.body;
  const text = ((root as HTMLElement | null)?.innerText ?? '').slice(0, limit);
  return { text, title: document.title };
}

/** The text of a tab's page, read on the reader's behalf (the popup asks first where highlighting is off). */
export async function readPageText(tabId: number): Promise<{ text: string; title: string } | null> {
  try {
    const [res] = await browser.scripting.executeScript({ target: { tabId }, func: articleText, args: [PAGE_TEXT_LIMIT] });
    const value = res?.result as { text: string; title: string } | undefined;
    return value && typeof value.text === 'string' ? value : null;
  } catch {
    return null; // a page the extension may not read (the browser's own pages, the web store)
  }
}
