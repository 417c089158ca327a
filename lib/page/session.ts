import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Settings } from '../settings';
import { firstSettings } from './first-settings';
import { readSettings, watchSettings } from './settings-live';
import { sendMessage } from '../protocol/to-background';
import { offerContext } from '../page-ui/bridge';
import { startFeatures, type PageContext, type PageFeature } from './feature';
import { entityHighlights } from './feature-entities';
import { CHANGES_DEBOUNCE_MS } from './controller';
import { PREVIEW_CHARS } from './chunks';
import { startEarlyRead } from './early-read';
import { readerNotes } from './feature-notes';
import { pageUi } from './feature-ui';
import { routeMatching, type PageMatcher } from './page-matcher';
import type { HighlightGrouping } from '../dom/highlighter';

// One page's life in the content script: the settings and the in-page navigations the features
// follow, and the list of features (each with one init), all tied to the content-script
// context, so an extension reload or navigation leaves nothing behind.

export interface SessionOptions {
  /** Force wrapping (accessible mode) even where the CSS Custom Highlight API exists. */
  forceWrap?: boolean;
  /**
   * Where the page's text is matched. By default it is sent in chunks to the background, which
   * matches with a warm JIT while the page goes on (cheap where messages are cheap: Chromium).
   * With a PageMatcher, a big page's text is matched in the content script, on data the
   * background sends once (where a megabyte's message costs more than matching it: Firefox);
   * small texts still go to the background (routeMatching).
   */
  matcher?: PageMatcher;
  /**
   * How entity highlights are split into Highlight objects: by default parts of at most 1,024
   * ranges (Chromium); Firefox passes perStyle (lib/dom/paint-per-style.ts).
   */
  grouping?: HighlightGrouping;
  /** The note editor page's URL (sec-page: the reader's notes are edited in an extension frame). */
  editorUrl?: string;
}

export async function startPageSession(ctx: ContentScriptContext, options: SessionOptions = {}): Promise<void> {
  // The first scan is timed from here (reading the settings included); later ones from their own start.
  const startedAt = performance.now();
  // ru-match: the page's language decides Spanish, French and German aliases where a paragraph is too short to tell.
  const lang = document.documentElement.lang.trim().toLowerCase().split(/[-_]/)[0] || undefined;
  const inBackground = async (text: string) => (await sendMessage('matchText', lang ? { text, lang } : { text })).spans;
  const settingsListeners = new Set<(next: Settings) => void>();
  // The settings from storage, or from the reply to the early read's request for the first screen,
  // whichever comes first (a page's first message is answered about when storage is: Firefox,
  // 25-55 ms on a big page's load; the preview needs both); storage's answer, or a write seen
  // meanwhile, corrects them (lib/page/first-settings.ts).
  const known = firstSettings(readSettings(), (next) => {
    for (const fn of settingsListeners) fn(next);
  });
  const unwatch = watchSettings((next) => known.written(next));
  ctx.onInvalidated(unwatch);
  const askEarly = async (text: string) => {
    const r = await sendMessage('matchText', { text, withSettings: true, ...(lang ? { lang } : {}) });
    if (r.settings) known.fromReply(r.settings);
    return r.spans;
  };
  // A page big enough to be matched here starts loading its matcher while it is still read.
  const match = options.matcher ? routeMatching(options.matcher, inBackground) : inBackground;

  // The page is read while the settings are on their way, and its first screen's chunk sent to be
  // matched; the entity highlights follow that read if the settings let them (lib/page/early-read.ts).
  const early = document.body
    ? startEarlyRead(document.body, { prefixChars: PREVIEW_CHARS, lengthChars: options.matcher?.minChars, debounceMs: CHANGES_DEBOUNCE_MS, ask: askEarly })
    : undefined;
  ctx.onInvalidated(() => early?.cancel());
  await known.known.catch((err: unknown) => {
    early?.cancel();
    unwatch();
    throw err;
  });
  if (ctx.signal.aborted) return early?.cancel(); // invalidated while the settings were read
  const navigationListeners = new Set<() => void>();
  const listen = <F,>(set: Set<F>, fn: F, signal: AbortSignal) => {
    set.add(fn);
    signal.addEventListener('abort', () => set.delete(fn), { once: true });
  };

  offerContext(ctx); // the page UI's shadow root follows this context (lib/page-ui/mount.tsx)
  // Single-page sites change the URL without a load: read the new article.
  let lastUrl = location.href;
  ctx.addEventListener(window, 'wxt:locationchange', () => {
    if (location.href === lastUrl) return;
    lastUrl = location.href;
    for (const fn of navigationListeners) fn();
  });

  const hasHighlightApi = typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
  const page: PageContext = {
    document,
    settings: () => known.current()!, // known: set once `known` resolved
    onSettings: (fn, signal) => listen(settingsListeners, fn, signal),
    onNavigation: (fn, signal) => listen(navigationListeners, fn, signal),
    modeFor: (s) => (s.accessibleMode || options.forceWrap || !hasHighlightApi ? 'wrap' : 'highlight-api'),
    grouping: options.grouping,
    startedAt,
    editorUrl: options.editorUrl ?? '',
    controller: null,
    layer: null,
    ui: null,
  };

  /** The page's features, started in this order. */
  const features: PageFeature[] = [pageUi, readerNotes, entityHighlights(match, options.matcher, early)];
  try {
    await startFeatures(features, page, ctx.signal);
  } finally {
    early?.cancel(); // not followed (a feature failed, or none took it): stopped with its observer
  }
}
