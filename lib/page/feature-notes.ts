import { onTabMessage } from '../protocol/to-tab';
import { AnnotationsLayer } from './annotations-layer';
import { until, type PageFeature } from './feature';

// The reader's own highlights: always on (the site and type settings are about entities), drawn
// in the page's drawing mode (wrap in accessible mode, with an accessible description).

export const readerNotes: PageFeature = {
  name: 'notes',
  async init(page, signal) {
    const layer = new AnnotationsLayer({ document: page.document, signal, mode: page.modeFor(page.settings()) });
    page.layer = layer;
    page.onSettings((next) => layer.setMode(page.modeFor(next)), signal);
    page.onNavigation(() => void layer.reload().catch(() => {}), signal);
    until(signal, onTabMessage('pageAnnotations', () => layer.state()));
    until(signal, onTabMessage('highlightSelection', async ({ data }) => (await layer.createFromSelection(data.color ?? 'yellow')) !== null));
    until(signal, onTabMessage('revealAnnotation', ({ data }) => layer.reveal(data.id)));
    await layer.start();
  },
};
