import { isActiveOn, type Settings } from '../settings';
import type { PageState } from '../model/page';
import { sendMessage } from '../protocol/to-background';
import { onTabMessage } from '../protocol/to-tab';
import { PageController, type PageDeps } from './controller';
import type { EarlyRead } from './early-read';
import { until, type PageFeature } from './feature';

// Entity highlights: a controller while highlighting is on for this site, started again after
// every settings change, reading the page again after an in-page navigation; answers the popup.
// The first controller follows the read the session began (`early`) if it reads the whole page.

export function entityHighlights(match: PageDeps['match'], pageMatcher?: PageDeps['pageMatcher'], early?: EarlyRead): PageFeature {
  return {
    name: 'entity highlights',
    init(page, signal) {
      let current: { controller: PageController; abort: AbortController } | null = null;
      let firstStart: number | undefined = page.startedAt;
      let begun = early; // for the first start only
      try {
        const stop = () => {
          current?.abort.abort();
          current = null;
          page.controller = null;
        };
        const start = (settings: Settings) => {
          stop();
          const startedAt = firstStart;
          firstStart = undefined; // only the first start is timed from the content script's start
          const read = begun;
          begun = undefined;
          // Article body only: a read that leaves the page's chrome out, not the one begun.
          if (read && (settings.articleBodyOnly || !isActiveOn(settings, location.hostname))) read.cancel();
          if (!isActiveOn(settings, location.hostname)) {
            void sendMessage('reportPage', { entities: 0, mentions: 0, partial: false }).catch(() => {});
            return;
          }
          const abort = new AbortController();
          const controller = new PageController(
            { match, pageMatcher, report: (r) => void sendMessage('reportPage', r).catch(() => {}) },
            {
              document: page.document,
              signal: abort.signal,
              types: new Set(settings.types),
              firstMentionOnly: settings.firstMentionOnly,
              articleBodyOnly: settings.articleBodyOnly,
              mode: page.modeFor(settings),
              grouping: page.grouping,
              onEntityHit: (hit) => page.ui?.onHit(hit),
              onMarkKey: (mark) => page.ui?.openFromMark(mark),
              startedAt,
              ...(read && !settings.articleBodyOnly ? { early: read } : {}),
            },
          );
          current = { controller, abort };
          page.controller = controller;
          controller.start().catch((err: unknown) => {
            if (!abort.signal.aborted) console.debug('[CSTO Lens] page scan failed', err);
          });
        };
        // One listener for the life of the page (not one more per settings change).
        signal.addEventListener('abort', () => (stop(), begun?.cancel()), { once: true });
        page.onSettings(start, signal);
        page.onNavigation(() => void current?.controller.rescan().catch(() => {}), signal);

        until(
          signal,
          onTabMessage('pageState', (): PageState => {
            if (!current) {
              return { entities: 0, mentions: 0, partial: false, active: false, scans: 0, timing: { started: 0, drawn: null }, mode: page.modeFor(page.settings()), list: [] };
            }
            return current.controller.state(true);
          }),
        );
        until(signal, onTabMessage('pageMentions', () => current?.controller.mentions() ?? []));
        until(
          signal,
          onTabMessage('revealEntity', ({ data }) =>
            data.openCard ? Boolean(page.ui?.openAt(data.entityId, data.index)) : Boolean(current?.controller.reveal(data.entityId, data.index)),
          ),
        );
        until(signal, onTabMessage('stepHighlight', ({ data }) => Boolean(page.ui?.step(data.delta))));
        start(page.settings());
      } catch (err) {
        begun?.cancel(); // not started: the read begun for it stops with its observer
        throw err;
      }
    },
  };
}
