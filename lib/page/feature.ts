// A page feature of the content script, as refined-github has them: one init(signal) each, and
// one list that starts them (lib/page/session.ts). Everything a feature starts ends with the
// signal (the content script's context: extension reload, navigation away).

import type { Settings } from '../settings';
import type { AnnotationsLayer } from './annotations-layer';
import type { HighlightGrouping } from '../dom/highlighter';
import type { PageController } from './controller';
import type { PageUiHost } from './ui-host';

export type DrawingMode = 'highlight-api' | 'wrap';

/** What the features of one page share. */
export interface PageContext {
  readonly document: Document;
  /** The settings now. */
  settings(): Settings;
  /** Calls fn after every settings change, until signal aborts. */
  onSettings(fn: (next: Settings) => void, signal: AbortSignal): void;
  /** Calls fn after an in-page navigation (the URL changed without a load). */
  onNavigation(fn: () => void, signal: AbortSignal): void;
  /** How highlights are drawn under these settings (accessible mode, or no Highlight API: wrap). */
  modeFor(settings: Settings): DrawingMode;
  /** How entity highlights are split into Highlight objects (the browser's costs decide). */
  readonly grouping: HighlightGrouping | undefined;
  /** When the content script started (performance.now()): the first scan is timed from here. */
  readonly startedAt: number;
  /** The features' parts, for the others (each set by its feature's init). */
  controller: PageController | null;
  layer: AnnotationsLayer | null;
  ui: PageUiHost | null;
  /** The extension's note editor page (sec-page: notes live in an extension-origin frame). */
  editorUrl: string;
}

export interface PageFeature {
  readonly name: string;
  init(page: PageContext, signal: AbortSignal): void | Promise<void>;
}

/** Starts every feature; one that fails is logged and does not stop the others. */
export async function startFeatures(features: readonly PageFeature[], page: PageContext, signal: AbortSignal): Promise<void> {
  await Promise.all(
    features.map(async (f) => {
      try {
        await f.init(page, signal);
      } catch (err) {
        if (!signal.aborted) console.debug(`[CSTO Lens] ${f.name} failed`, err);
      }
    }),
  );
}

/** Removes a message handler (the remover onMessage returned) when signal aborts. */
export function until(signal: AbortSignal, remove: () => void): void {
  if (signal.aborted) remove();
  else signal.addEventListener('abort', remove, { once: true });
}
