import { onMessage } from '../protocol/to-background';
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
    until(signal, onMessage('pageAnnotations', () => layer.state()));
    until(signal, onMessage('highlightSelection', async ({ data }) => (await layer.createFromSelection(data.color ?? 'yellow')) !== null));
    until(signal, onMessage('revealAnnotation', ({ data }) => layer.reveal(data.id)));
    await layer.start();
  },
};
