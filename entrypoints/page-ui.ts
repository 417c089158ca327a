import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import css from '../components/page-ui.css?inline';
import { mountPageUi } from '../lib/page-ui/mount';

// The page UI (card, selection toolbar), injected by the background into a tab's
// content-script world on demand: React never weighs on pages that do not use it.
export default defineUnlistedScript(() => {
  void mountPageUi(css).catch((err: unknown) => console.debug('[CSTO Lens] page UI', err));
});
