// The notebook asks the background to pull when it becomes visible or gets focus (a side panel or
// sidebar does not activate a tab, so the background's tab and window events miss it).

import { sendSyncMessage } from '../sync/messages';

/** Calls `pull` whenever `doc` becomes visible or its window gets focus; returns the unsubscribe. */
export function pullOnFocus(doc: Document = document, pull: () => void = () => void sendSyncMessage('syncFocus').catch(() => undefined)): () => void {
  const onVisible = () => {
    if (doc.visibilityState === 'visible') pull();
  };
  const win = doc.defaultView;
  doc.addEventListener('visibilitychange', onVisible);
  win?.addEventListener('focus', onVisible);
  return () => {
    doc.removeEventListener('visibilitychange', onVisible);
    win?.removeEventListener('focus', onVisible);
  };
}
