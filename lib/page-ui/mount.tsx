import { createRoot } from 'react-dom/client';
import { OWN_UI_ATTR } from '../dom/collect';
import { readableFontSize } from '../dom/page-font';
import { pageTheme, watchPageTheme } from '../dom/page-theme';
import { hostOf, registerUi } from './bridge';
import { App } from './App';
import { PageUiController } from './controller';
import { Store } from './store';

// Mounts the page UI in a shadow root on the page: one host element marked as the
// extension's own (the collector and the mutation observer skip it), styles that
// neither leak in nor out, and React inside.

export function mountPageUi(css: string): PageUiController {
  const doc = document;
  const host = doc.createElement('csto-lens-ui');
  host.setAttribute(OWN_UI_ATTR, '');
  host.style.cssText = 'all: initial; position: fixed; top: 0; left: 0; width: 0; height: 0; z-index: 2147483647;';
  const shadow = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = css;
  const container = doc.createElement('div');
  container.className = 'root';
  container.dataset.theme = pageTheme(doc);
  container.style.setProperty('--csto-font-size', `${readableFontSize(doc)}px`);
  shadow.append(style, container);
  // Only the reader acts here: a page's synthetic events (el.click(), dispatchEvent) never reach
  // the UI's handlers (sec-page). Registered before React's, at the shadow root above its container.
  for (const type of ['click', 'dblclick', 'auxclick', 'pointerdown', 'pointerup', 'mousedown', 'mouseup', 'keydown', 'keyup', 'keypress', 'input', 'change', 'submit']) {
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
  doc.documentElement.append(host);

  const abort = new AbortController();
  const root = createRoot(container);
  const ui = new PageUiController(new Store(), hostOf, () => {
    abort.abort();
    root.unmount();
    host.remove();
  });
  root.render(<App ui={ui} />);

  // Dismissal: Escape anywhere, or a press outside the UI.
  doc.addEventListener(
    'keydown',
    (e) => {
      if (!e.isTrusted || e.key !== 'Escape') return;
      const s = ui.store.get();
      if (s.card || s.related || s.selection) {
        ui.closeCard();
        ui.hideSelection();
      }
    },
    { capture: true, signal: abort.signal },
  );
  doc.addEventListener(
    'pointerdown',
    (e) => {
      if (!e.isTrusted || e.composedPath().includes(host)) return;
      ui.closeCard();
      ui.hideSelection();
    },
    { capture: true, signal: abort.signal },
  );
  // The card follows the page's background, and a page that switches theme (14.9).
  watchPageTheme(doc, (theme) => (container.dataset.theme = theme), abort.signal);

  registerUi(ui);
  return ui;
}
