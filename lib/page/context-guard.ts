import { ContentScriptContext } from 'wxt/utils/content-script-context';

// WXT stops a content script when a newer copy of it announces itself with a DOM event on the
// document ("<extension id>:<entrypoint>:wxt:content-script-started"). A page's script can
// dispatch that event too (the id of a Firefox build is fixed and public), and it stopped the
// extension on the page (issue 11, point 4). Only a content script whose extension is gone
// (reloaded or updated: runtime.id is unset) has a reason to make way: while ours is alive, the
// event is stopped before it reaches WXT's listener.

/** Makes a forged "content script started" event do nothing while the extension is alive. */
export function guardAgainstForgedStart(ctx: ContentScriptContext, alive: () => boolean, win: Window = window): void {
  const type = startedEventName();
  const listener = (e: Event) => {
    if (!alive()) return; // the extension was reloaded: let the newer copy take over
    e.stopImmediatePropagation();
    console.debug('[CSTO Lens] ignored a "content script started" event while this content script is current');
  };
  // Window, capture phase: it runs before any listener on the document, whatever the event's target.
  win.addEventListener(type, listener, { capture: true });
  ctx.onInvalidated(() => win.removeEventListener(type, listener, { capture: true }));
}

/** WXT's name for the event (a static it keeps private: "<extension id>:<entrypoint>:wxt:content-script-started"). */
export function startedEventName(): string {
  return (ContentScriptContext as unknown as { SCRIPT_STARTED_MESSAGE_TYPE: string }).SCRIPT_STARTED_MESSAGE_TYPE;
}
