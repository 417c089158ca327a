import { describe, expect, it } from 'vitest';
import { firstSettings } from '../../../lib/page/first-settings';
import { withDefaults, type Settings } from '../../../lib/settings';

// The page takes its settings from storage or from its first reply, whichever comes first, and is
// never left with stale ones (lib/page/first-settings.ts).

function deferred<T>() {
  let resolve: (v: T) => void = () => {};
  let reject: (e: unknown) => void = () => {};
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}
const tick = () => new Promise((r) => setTimeout(r, 0));
const on = withDefaults(undefined);
const off: Settings = withDefaults({ enabled: false });

describe('firstSettings', () => {
  it('takes the reply\'s settings when they come first, and storage\'s when they differ, once they come', async () => {
    const stored = deferred<Settings>();
    const changes: Settings[] = [];
    const s = firstSettings(stored.promise, (n) => changes.push(n));
    s.fromReply({ ...on });
    await s.known;
    expect(s.current()).toEqual(on);
    stored.resolve(off); // written just before the page loaded: the background's copy was behind
    await tick();
    expect(s.current()).toEqual(off);
    expect(changes).toEqual([off]);
  });

  it('takes storage\'s when it comes first; a later reply changes nothing', async () => {
    const changes: Settings[] = [];
    const s = firstSettings(Promise.resolve(off), (n) => changes.push(n));
    await s.known;
    s.fromReply({ ...on });
    await tick();
    expect(s.current()).toEqual(off);
    expect(changes).toEqual([]);
  });

  it('a write seen meanwhile wins over a storage answer that comes after it', async () => {
    const stored = deferred<Settings>();
    const changes: Settings[] = [];
    const s = firstSettings(stored.promise, (n) => changes.push(n));
    s.fromReply({ ...on });
    await s.known;
    s.written(off);
    stored.resolve(on); // read before the write
    await tick();
    expect(s.current()).toEqual(off);
    expect(changes).toEqual([off]);
  });

  it('same settings from both: no change reported', async () => {
    const stored = deferred<Settings>();
    const changes: Settings[] = [];
    const s = firstSettings(stored.promise, (n) => changes.push(n));
    s.fromReply({ ...on });
    await s.known;
    stored.resolve(withDefaults(undefined));
    await tick();
    expect(changes).toEqual([]);
  });

  it('storage failing before any reply fails; after a reply, the reply\'s settings stand', async () => {
    const failing = firstSettings(Promise.reject(new Error('storage down')), () => {});
    await expect(failing.known).rejects.toThrow('storage down');

    const stored = deferred<Settings>();
    const s = firstSettings(stored.promise, () => {});
    s.fromReply({ ...off });
    await s.known;
    stored.reject(new Error('storage down'));
    await tick();
    expect(s.current()).toEqual(off);
  });
});
