// Node with a jsdom window of its own (vitest's jsdom environment cannot load WXT's content-script
// context: esbuild refuses jsdom's TextEncoder).
import { createRequire } from 'node:module';
import { act } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { currentUi, offerContext } from '../../../lib/page-ui/bridge';

const { JSDOM } = createRequire(import.meta.url)('jsdom') as { JSDOM: new (html: string, opts: object) => { window: Window } };
const dom = new JSDOM('<!doctype html><html><head></head><body><p>page</p></body></html>', { pretendToBeVisual: true });
beforeAll(() => {
  const g = globalThis as Record<string, unknown>;
  for (const k of ['window', 'document', 'Node', 'Element', 'HTMLElement', 'ShadowRoot', 'Event', 'CustomEvent', 'AbortController', 'AbortSignal', 'KeyboardEvent', 'MouseEvent', 'PointerEvent', 'MutationObserver', 'getComputedStyle', 'requestAnimationFrame', 'cancelAnimationFrame', 'navigator']) {
    if (k in dom.window) Object.defineProperty(g, k, { value: (dom.window as unknown as Record<string, unknown>)[k], configurable: true, writable: true });
  }
});
const mountPageUi = async (css: string) => (await import('../../../lib/page-ui/mount')).mountPageUi(css);

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

afterEach(() => {
  currentUi()?.destroy();
  document.documentElement.querySelectorAll('csto-lens-ui').forEach((e) => e.remove());
});

describe('the page UI mount (WXT createShadowRootUi)', () => {
  it('one shadow host marked as ours, styles reset and ours inside, and gone when the content script is invalidated', async () => {
    const ctx = new ContentScriptContext('content');
    offerContext(ctx);
    await act(async () => {
      await mountPageUi('.card { color: red; }');
    });
    const hosts = document.querySelectorAll('csto-lens-ui');
    expect(hosts).toHaveLength(1);
    const host = hosts[0]!;
    expect(host.hasAttribute('data-csto-lens')).toBe(true);
    const css = host.shadowRoot!.querySelector('style')!.textContent!;
    expect(css).toMatch(/:host\{all:initial !important;\}/);
    expect(css).toContain('.card { color: red; }');
    expect(host.shadowRoot!.querySelector('.root')).not.toBeNull();
    // Its own <html><body> take no room on the page.
    expect((host.shadowRoot!.querySelector('body') as HTMLElement).style.margin).toBe('0px');
    expect(currentUi()).toBeDefined();

    act(() => ctx.abort());
    expect(document.querySelector('csto-lens-ui')).toBeNull();
  });

  it('refuses to mount before the content script offered its context', async () => {
    (globalThis as Record<string, unknown>).__cstoLensMeeting = { waiting: [] };
    await expect(mountPageUi('')).rejects.toThrow(/before the content script offered its context/);
  });
});
