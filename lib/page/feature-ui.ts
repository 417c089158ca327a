import { PageUiHost } from './ui-host';
import type { PageFeature } from './feature';

// The page UI's host: the card on entity hits, the selection toolbar, the note editor's frame.

export const pageUi: PageFeature = {
  name: 'page UI',
  init(page, signal) {
    const host = new PageUiHost(() => page.controller, () => page.layer, signal, page.editorUrl);
    page.ui = host;
    host.watchSelection(page.document);
    host.watchNotes(page.document);
  },
};
