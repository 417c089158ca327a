import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Dexie } from 'dexie';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../../entrypoints/background';
import { openImport } from '../../../lib/annotations/import';
import { DB_NAME, LensDb } from '../../../lib/db/database';
import { messaging, type ToBackground } from '../../../lib/protocol/to-background';
import { syncMessaging } from '../../../lib/sync/messages';

// The import messages through the background's wiring, under WXT's fake browser and fake-indexeddb.

const search = readFileSync(join(__dirname, '../../fixtures/hypothesis/search.json'), 'utf8');

const NOTEBOOK = { url: fakeBrowser.runtime.getURL('/sidepanel.html') };
const CONTENT_SCRIPT = { url: 'https://evil.example/page', tab: { id: 3 } };

/** A message as the notebook (an extension page) or a content script sends it; the handler's reply. */
async function send<K extends keyof ToBackground>(type: K, data: Parameters<ToBackground[K]>[0], sender: object = NOTEBOOK): Promise<ReturnType<ToBackground[K]>> {
  // webext-core answers through sendResponse (its listener returns true).
  const reply = await new Promise<{ res?: unknown; err?: { message: string } } | undefined>((resolve) => {
    void (fakeBrowser.runtime.onMessage.trigger as (...a: unknown[]) => Promise<unknown>)({ id: Math.random(), type, data, timestamp: Date.now() }, sender, resolve);
  });
  if (!reply) throw new Error(`no reply to ${type}`);
  if (reply.err) throw new Error(reply.err.message);
  return reply.res as ReturnType<ToBackground[K]>;
}

beforeEach(async () => {
  fakeBrowser.reset();
  messaging.removeAllListeners();
  syncMessaging.removeAllListeners();
  await Dexie.delete(DB_NAME);
  vi.spyOn(fakeBrowser.commands.onCommand, 'addListener').mockImplementation(() => undefined);
  background.main();
});

async function preview() {
  const f = openImport(search);
  if (!f.ok) throw new Error('fixture');
  const { token } = await send('annotationsImportBegin', undefined);
  const p = await send('annotationsImportStage', { token, shape: f.shape, items: f.items });
  return { token, p };
}

describe('background: import with a preview', () => {
  it('previews without writing, then writes on commit', async () => {
    const db = new LensDb();
    const { token, p } = await preview();
    expect(p).toMatchObject({ total: 4, added: 2, rejectedCount: 2 });
    expect(await db.annotations.count()).toBe(0);
    expect(await send('annotationsImportCommit', { token, restoreDeleted: false })).toMatchObject({ added: 2, rejected: 2 });
    expect(await db.annotations.count()).toBe(2);
    expect(await db.outbox.count()).toBe(2);
    db.close();
  });

  it('writes nothing on cancel', async () => {
    const db = new LensDb();
    const { token } = await preview();
    await send('annotationsImportCancel', { token });
    await expect(send('annotationsImportCommit', { token, restoreDeleted: false })).rejects.toThrow(/cancelled/);
    expect(await db.annotations.count()).toBe(0);
    db.close();
  });

  it('refuses imports from a content script', async () => {
    await expect(send('annotationsImportBegin', undefined, CONTENT_SCRIPT)).rejects.toThrow(/only the extension/);
    await expect(send('annotationsImport', { json: search }, CONTENT_SCRIPT)).rejects.toThrow(/only the extension/);
    const db = new LensDb();
    expect(await db.annotations.count()).toBe(0);
    db.close();
  });

  it('keeps the one-call import message', async () => {
    expect(await send('annotationsImport', { json: search })).toEqual({ ok: true, result: { added: 2, updated: 0, skipped: 2 } });
  });
});
