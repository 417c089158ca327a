import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { isActiveOn, settingsItem, type Settings } from '../settings';
import { onMessage, sendMessage, type PageState } from '../protocol/messages';
import { PageController } from './controller';
import { PageUiHost } from './ui-host';
import { AnnotationsLayer } from './annotations-layer';
import { routeMatching, type PageMatcher } from './page-matcher';

// One page's life in the content script: follow the settings, run a controller
// while highlighting is on, re-scan on in-page navigation, answer the popup.
// Everything is tied to the content-script context, so an extension reload or
// navigation leaves nothing behind.

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
}

export async function startPageSession(ctx: ContentScriptContext, options: SessionOptions = {}): Promise<void> {
  // The first scan is timed from here (reading the settings included); later ones from their own start.
  let startedAt: number | undefined = performance.now();
  const doc = document;
  let settings: Settings = await settingsItem.getValue();
  let current: { controller: PageController; abort: AbortController } | null = null;
  let lastUrl = location.href;

  const hasHighlightApi = typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
  const modeFor = (s: Settings) => (s.accessibleMode || options.forceWrap || !hasHighlightApi ? 'wrap' : 'highlight-api');

  // The reader's own highlights: always on (the site and type settings are about entities).
  const layer = new AnnotationsLayer({ document: doc, signal: ctx.signal, mode: hasHighlightApi && !options.forceWrap ? 'highlight-api' : 'wrap' });
  void layer.start().catch(() => {});

  const uiHost = new PageUiHost(() => current?.controller ?? null, () => layer, ctx.signal);
  uiHost.watchSelection(doc);
  uiHost.watchNotes(doc);

  // ru-match: the page's language decides Spanish, French and German aliases where a paragraph is too short to tell.
  const lang = doc.documentElement.lang.trim().toLowerCase().split(/[-_]/)[0] || undefined;
  const inBackground = async (text: string) => (await sendMessage('matchText', lang ? { text, lang } : { text })).spans;
  const match = options.matcher ? routeMatching(options.matcher, inBackground) : inBackground;

  const stop = () => {
    current?.abort.abort();
    current = null;
  };

  const start = () => {
    stop();
    const firstStart = startedAt;
    startedAt = undefined; // only the first start is timed from the content script's start
    if (!isActiveOn(settings, location.hostname)) {
      void sendMessage('reportPage', { entities: 0, mentions: 0, partial: false }).catch(() => {});
      return;
    }
    const abort = new AbortController();
    ctx.onInvalidated(() => abort.abort());
    const controller = new PageController(
      {
        match,
        report: (r) => void sendMessage('reportPage', r).catch(() => {}),
      },
      {
        document: doc,
        signal: abort.signal,
        types: new Set(settings.types),
        mode: modeFor(settings),
        onEntityHit: (hit) => uiHost.onHit(hit),
        startedAt: firstStart,
      },
    );
    current = { controller, abort };
    controller.start().catch((err: unknown) => {
      if (!abort.signal.aborted) console.debug('[CSTO Lens] page scan failed', err);
    });
  };

  const unwatch = settingsItem.watch((next) => {
    settings = next;
    start();
  });
  ctx.onInvalidated(() => {
    unwatch();
    stop();
  });

  // Single-page sites change the URL without a load: read the new article.
  ctx.addEventListener(window, 'wxt:locationchange', () => {
    if (location.href === lastUrl) return;
    lastUrl = location.href;
    if (current) void current.controller.rescan().catch(() => {});
    void layer.reload().catch(() => {});
  });

  const removeState = onMessage('pageState', (): PageState => {
    const active = current !== null;
    if (!current) {
      return { entities: 0, mentions: 0, partial: false, active, scans: 0, timing: { started: 0, drawn: null }, mode: modeFor(settings), list: [] };
    }
    return current.controller.state(active);
  });
  const removeNotes = onMessage('pageAnnotations', () => layer.state());
  const removeHighlightSel = onMessage('highlightSelection', async ({ data }) => (await layer.createFromSelection(data.color ?? 'yellow')) !== null);
  const removeRevealNote = onMessage('revealAnnotation', ({ data }) => layer.reveal(data.id));
  const removeMentions = onMessage('pageMentions', () => current?.controller.mentions() ?? []);
  const removeReveal = onMessage('revealEntity', ({ data }) =>
    data.openCard ? uiHost.openAt(data.entityId, data.index) : Boolean(current?.controller.reveal(data.entityId, data.index)),
  );
  ctx.onInvalidated(() => {
    removeState();
    removeNotes();
    removeHighlightSel();
    removeRevealNote();
    removeMentions();
    removeReveal();
  });

  start();
}
