import { beforeAll, describe, expect, it } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { guardAgainstForgedStart, startedEventName } from '../../../lib/page/context-guard';

// (A DOM of its own: in Vitest's jsdom environment, loading WXT's modules trips esbuild's check
// of the environment.)
type Dom = { window: Window & typeof globalThis };
const { JSDOM } = (await import('jsdom' as string)) as { JSDOM: new (html: string, opts: object) => Dom };
const dom = new JSDOM('<!doctype html><body><p>page</p></body>', { url: 'https://news.example.com/' });
beforeAll(() => {
  Object.assign(globalThis, { window: dom.window, document: dom.window.document, CustomEvent: dom.window.CustomEvent });
});

// A page's script forges WXT's "content script started" event: it must not stop ours while the
// extension is alive; when the extension is gone, the event still ends the old copy.
const forge = (target: EventTarget) =>
  target.dispatchEvent(
    new CustomEvent(startedEventName(), { bubbles: true, detail: { contentScriptName: 'content', messageId: 'forged' } }),
  );

describe('guardAgainstForgedStart', () => {
  it.each<[string, boolean, boolean, (doc: Document) => EventTarget, boolean]>([
    ['unguarded (WXT as is): a forged event on the document stops it', false, true, (d) => d, true],
    ['guarded, extension alive: on the document', true, true, (d) => d, false],
    ['guarded, extension alive: on an element, bubbling', true, true, (d) => d.body, false],
    ['guarded, extension alive: on the root element', true, true, (d) => d.documentElement, false],
    ['guarded, extension gone: the newer copy takes over', true, false, (d) => d, true],
  ])('%s', (_name, guarded, alive, target, stopped) => {
    const ctx = new ContentScriptContext('content');
    if (guarded) guardAgainstForgedStart(ctx, () => alive, dom.window as unknown as Window);
    forge(target(document));
    expect(ctx.signal.aborted).toBe(stopped);
    ctx.abort();
  });
});
