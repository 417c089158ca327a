import { createRoot, type Root } from 'react-dom/client';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { OWN_UI_ATTR } from '../dom/collect';
import { readableFontSize } from '../dom/page-font';
import { pageTheme, watchPageTheme } from '../dom/page-theme';
import { contextOf, hostOf, registerUi } from './bridge';
import { App } from './App';
import { PageUiController } from './controller';
import { focusables } from './focus';
import { Store } from './store';

// Mounts the page UI with WXT's createShadowRootUi: a shadow root whose host resets every
// inherited style (`:host { all: initial }`), removed when the content script's context is
// invalidated (extension reload or update, navigation away). The host is marked as the
// extension's own (the collector and the mutation observer skip it). Only public knowledge
// is shown in it; the reader's notes live in the note editor's frame.

/** The events a page could forge at our UI: only the reader's own (isTrusted) reach its handlers (sec-page). */
const GUARDED = ['click', 'dblclick', 'auxclick', 'pointerdown', 'pointerup', 'mousedown', 'mouseup', 'keydown', 'keyup', 'keypress', 'input', 'change', 'submit'];

export async function mountPageUi(css: string): Promise<PageUiController> {
  const ctx = contextOf();
  if (!ctx) throw new Error('CSTO Lens: the page UI was loaded before the content script offered its context');
  const doc = document;
  const abort = new AbortController();
  let ui: PageUiController | null = null;
  const shadowUi = await createShadowRootUi<{ root: Root; container: HTMLElement }>(ctx, {
    name: 'csto-lens-ui',
    position: 'inline',
    anchor: 'html',
    append: 'last',
    css,
    onMount(body, shadow, host) {
      host.setAttribute(OWN_UI_ATTR, '');
      // Registered before React's, at the shadow root above its container.
      for (const type of GUARDED) {
        shadow.addEventListener(
          type,
          (e) => {
            if (e.isTrusted) return;
            e.stopImmediatePropagation();
            e.preventDefault();
          },
          { capture: true },
        );
      }
      // createShadowRootUi wraps the UI in <html><body> of its own: they take no room on the page
      // (every panel is fixed). Set here, not in page-ui.css, which the note editor's page shares.
      for (const el of [body, body.parentElement]) if (el) el.style.cssText = 'margin:0;padding:0;display:block;width:0;height:0;overflow:visible';
      const container = doc.createElement('div');
      container.className = 'root';
      container.dataset.theme = pageTheme(doc);
      container.style.setProperty('--csto-font-size', `${readableFontSize(doc)}px`);
      body.append(container);
      const root = createRoot(container);
      return { root, container };
    },
    onRemove(mounted) {
      abort.abort();
      mounted?.root.unmount();
    },
  });
  shadowUi.mount();
  const { root, container } = shadowUi.mounted!;
  ui = new PageUiController(new Store(), hostOf, () => shadowUi.remove());
  root.render(<App ui={ui} />);
  const controller = ui;
  const host = shadowUi.shadowHost;

  /** The first control of a shown panel ('card', 'toolbar', 'related'). */
  const firstIn = (panel: string) => {
    const el = shadowUi.shadow.querySelector(`[data-panel="${panel}"]`);
    return el ? focusables(el)[0] : undefined;
  };
  // Esc anywhere closes (and gives the focus back to the highlight). Tab from the highlight a card
  // was opened from, or from a selection with its toolbar, goes into the card or toolbar first:
  // they come right after it in the tab order.
  doc.addEventListener(
    'keydown',
    (e) => {
      if (!e.isTrusted) return;
      const s = controller.store.get();
      if (e.key === 'Escape') {
        if (s.card || s.related || s.selection) {
          controller.closeCard({ returnFocus: true });
          controller.hideSelection();
        }
        return;
      }
      if (e.key !== 'Tab' || e.shiftKey || e.composedPath().includes(host)) return;
      const active = doc.activeElement;
      const target =
        s.card && s.card.req.via !== 'hover' && s.card.req.returnFocus && active === s.card.req.returnFocus
          ? firstIn('card')
          : s.selection && !s.card && !s.related
            ? firstIn('toolbar')
            : undefined;
      if (!target) return;
      e.preventDefault();
      target.focus();
    },
    { capture: true, signal: abort.signal },
  );
  doc.addEventListener(
    'pointerdown',
    (e) => {
      if (!e.isTrusted || e.composedPath().includes(host)) return;
      controller.closeCard();
      controller.hideSelection();
    },
    { capture: true, signal: abort.signal },
  );
  // The card follows the page's background, and a page that switches theme (14.9).
  watchPageTheme(doc, (theme) => (container.dataset.theme = theme), abort.signal);

  registerUi(controller);
  return controller;
}
