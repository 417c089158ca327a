import { Dexie } from 'dexie';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../../entrypoints/background';
import { DB_NAME } from '../../../lib/db/database';
import { messaging } from '../../../lib/protocol/to-background';
import { syncMessaging } from '../../../lib/sync/messages';
import { span } from '../annotations/fixtures';

// The background's origin check, through its real message handlers: a content script reads and
// writes only the notes of its own page's site; the notebook (an extension page) every note.

const EXT = 'chrome-extension://test-extension-id/';
const VICTIM = 'https://victim.github.io/story.html';
const NOTEBOOK = { url: `${EXT}sidepanel.html` };
const page = (url: string) => ({ url, tab: { id: 7, url } });

type Reply = { res?: unknown; err?: { message?: string } };
/** Delivers a message as the browser would, from `sender`, and waits for the handler's reply. */
function ask(type: string, data: unknown, sender: object): Promise<Reply> {
  return new Promise((resolve) => {
    const trigger = fakeBrowser.runtime.onMessage.trigger as unknown as (m: object, s: object, reply: (r: Reply) => void) => Promise<unknown>;
    void trigger({ id: Math.random(), type, data, timestamp: Date.now() }, sender, resolve);
  });
}

beforeEach(async () => {
  fakeBrowser.reset();
  messaging.removeAllListeners();
  syncMessaging.removeAllListeners();
  await Dexie.delete(DB_NAME);
  vi.spyOn(fakeBrowser.commands.onCommand, 'addListener').mockImplementation(() => {});
  background.main();
});

describe('background: which notes a sender may use', () => {
  it('a page of another registrable domain can neither read, create, edit, delete nor restore the victim’s notes', async () => {
    const created = await ask('annotationCreate', { source: VICTIM, title: 'T', selector: span('Sergey Lavrov'), color: 'green', note: 'confidential lead', tags: ['secret'] }, page(VICTIM));
    expect(created.err).toBeUndefined();
    const id = (created.res as { id: string }).id;

    const attacker = page('https://attacker.github.io/post');
    const tries: [string, unknown][] = [
      ['annotationsForPage', { source: VICTIM }],
      ['annotationCreate', { source: VICTIM, title: 'x', selector: span('Sergey Lavrov'), color: 'yellow' }],
      ['annotationEdit', { id, patch: { note: 'rewritten' } }],
      ['annotationDelete', { id }],
      ['annotationRestore', { id }],
      ['reportOrphans', { source: VICTIM, ids: [id], anchored: [] }],
      ['pageSource', { url: VICTIM, canonical: null }],
      ['annotationsImport', { json: '{}' }],
      ['openAnnotation', { id }],
    ];
    for (const [type, data] of tries) {
      const r = await ask(type, data, attacker);
      expect(r.err?.message, type).toMatch(/may not|asked for|only the extension/);
    }
    // The victim's own page, and the notebook, still see it unchanged.
    const own = await ask('annotationsForPage', { source: VICTIM }, page('https://victim.github.io/other'));
    expect((own.res as { bodyValue?: string; id: string }[]).map((a) => a.id)).toEqual([id]);
    const all = await ask('annotationsForPage', { source: VICTIM }, NOTEBOOK);
    expect(JSON.stringify(all.res)).toContain('confidential lead');
  });

  it('the page source is resolved from the sender’s own URL, with a canonical only on the same registrable domain', async () => {
    const r1 = await ask('pageSource', { url: 'http://attacker.dyndns.org:8080/h', canonical: 'http://victim.dyndns.org:8080/story.html' }, page('http://attacker.dyndns.org:8080/h'));
    expect(r1.res).toBe('http://attacker.dyndns.org:8080/h');
    const r2 = await ask('pageSource', { url: 'https://m.tass.com/a', canonical: 'https://tass.com/a' }, page('https://m.tass.com/a'));
    expect(r2.res).toBe('https://tass.com/a');
  });

  it('"open page" opens only web pages', async () => {
    const created = await ask('annotationCreate', { source: 'data:text/html,<script>alert(1)</script>', title: 'T', selector: span('Sergey Lavrov'), color: 'green' }, NOTEBOOK);
    const id = (created.res as { id: string }).id;
    const open = vi.spyOn(fakeBrowser.tabs, 'create');
    const r = await ask('openAnnotation', { id }, NOTEBOOK);
    expect(r.res).toBe(false);
    expect(open).not.toHaveBeenCalled();
  });
});

describe('background: the reader\'s learned sources', () => {
  it('a page can neither list, remove nor restore them, nor ask about another tab; the notebook can', async () => {
    const attacker = page('https://attacker.example/post');
    const doc = { id: 'l-1', url: 'https://x.example/a', urls: ['https://x.example/a'], title: 'T', outlet: 'X', date: null, lang: 'en', text: 'The CSTO met. '.repeat(40), textHash: 'h', titleKey: '', addedAt: 'a', updatedAt: 'a' };
    for (const [type, data] of [
      ['learnedList', undefined],
      ['learnedRemove', { id: 'l-1' }],
      ['learnedRestore', { doc }],
    ] as const) {
      const r = await ask(type, data, attacker);
      expect(r.err?.message, type).toMatch(/only the extension/);
    }
    expect((await ask('learnedForPage', { tabId: 99 }, attacker)).res).toBeNull();
    const listed = await ask('learnedList', undefined, NOTEBOOK);
    expect(listed.err).toBeUndefined();
    expect(listed.res).toEqual([]);
  });
});
