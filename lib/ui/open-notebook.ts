import { browser } from 'wxt/browser';

/** Opens the notebook: Chrome's side panel, Firefox's sidebar, or else a tab. */
export async function openNotebook(): Promise<void> {
  const b = browser as unknown as {
    sidePanel?: { open(o: { windowId: number }): Promise<void> };
    sidebarAction?: { open(): Promise<void> };
  };
  try {
    if (b.sidebarAction) return await b.sidebarAction.open();
    if (b.sidePanel) {
      const win = await browser.windows.getCurrent();
      if (win.id !== undefined) return await b.sidePanel.open({ windowId: win.id });
    }
  } catch {
    // No user gesture, or the panel is unavailable: a tab will do.
  }
  await browser.tabs.create({ url: browser.runtime.getURL('/sidepanel.html') });
}
