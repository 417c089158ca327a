import { browser } from 'wxt/browser';
import type { ArticleRead } from '../model/types';

/** Runs in the page after entrypoints/learn-reader.ts: the article as read there. */
function callReader(): unknown {
  const read = (globalThis as unknown as { __cstoLensReadArticle?: () => unknown }).__cstoLensReadArticle;
  return read ? read() : null;
}

/** Reads the article of a tab's page (Readability in the page's isolated world), or says why not. */
export async function readTabArticle(tabId: number): Promise<{ ok: true; read: ArticleRead } | { ok: false; error: string }> {
  try {
    await browser.scripting.executeScript({ target: { tabId }, files: ['/learn-reader.js'] });
    const [res] = await browser.scripting.executeScript({ target: { tabId }, func: callReader });
    const read = res?.result as ArticleRead | null | undefined;
    if (!read || typeof read.text !== 'string') return { ok: false, error: 'This page could not be read.' };
    return { ok: true, read };
  } catch (err) {
    return { ok: false, error: `CSTO Lens cannot read this page (${(err as Error).message}).` };
  }
}
