// Issue 11, point 5: what a malicious server (or any holder of the account's token) can send. For each:
// nothing bad is written, the rest goes on, the status says why, and every loop ends.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { encode } from '../../../lib/annotations/hlc';
import type { Annotation } from '../../../lib/annotations/model';
import { seal } from '../../../lib/sync/envelope';
import type { Change } from '../../../lib/sync/protocol';
import { deleteTestDbs, freshDbName, hostileFetch, json, makeDevice, newInput, rng, setupAccount, snapshot, startServer, type Device, type Rewrite, type TestServer } from './helpers';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
}, 60_000);
afterAll(() => server.close());
afterEach(deleteTestDbs);

const isPull = (r: { method: string; path: string }) => r.method === 'GET' && r.path.startsWith('/v1/changes?') && !r.path.includes('since=0&limit=1');
const FOREIGN = '0badc0de-0000-4000-8000-000000000001';

async function keyOf(d: Device): Promise<CryptoKey> {
  const cfg = (await d.client.state.config())!;
  return (await d.client.state.key(cfg.accountId))!.key;
}

/** Adds the changes `make` makes to the first pull page (once). */
const inject = (make: () => Promise<unknown[]>): Rewrite => {
  let done = false;
  return async (req, answer) => {
  if (done || !isPull(req)) return undefined;
  done = true;
  const { status, json: body } = await answer();
  const page = body as { changes: unknown[]; cursor: string; more: boolean };
  return json({ ...page, changes: [...(await make()), ...page.changes] }, status);
  };
};

describe('a hostile sync server: bad changes are set aside, the rest applied, the cursor moves on', () => {
  let a: Device;
  let honest: Annotation[];
  const cases: { name: string; rewrite: (key: CryptoKey, base: Annotation) => Rewrite; reason: RegExp }[] = [
    {
      name: 'a record that does not decrypt',
      rewrite: () => inject(async () => [{ id: FOREIGN, hlc: encode({ wall: Date.now(), counter: 0, device: 'evil' }), device: 'evil', deleted: false, payload: 'A'.repeat(80) }]),
      reason: /does not decrypt/,
    },
    {
      name: 'a record sealed with the key but stamped a year ahead',
      rewrite: (key, base) =>
        inject(async () => {
          const hlc = encode({ wall: Date.now() + 365 * 86_400_000, counter: 0, device: 'evil' });
          return [await seal(key, { ...base, id: FOREIGN, hlc, device: 'evil' })];
        }),
      reason: /invalid record: hlc: .*more than a day ahead/,
    },
    {
      name: 'a record at the largest safe stamp',
      rewrite: (key, base) => inject(async () => [await seal(key, { ...base, id: FOREIGN, hlc: '2gosa7pa2gv-zzzzy-x', device: 'x' })]),
      reason: /more than a day ahead/,
    },
    {
      name: 'a record whose payload is not an annotation',
      rewrite: (key, base) => inject(async () => [await seal(key, { ...base, id: FOREIGN, body: 'not a list' } as unknown as Annotation)]),
      reason: /does not decrypt: the payload is not the annotation/,
    },
    {
      name: 'a record that breaks the record rules',
      rewrite: (key, base) => inject(async () => [await seal(key, { ...base, id: FOREIGN, color: 'black' } as unknown as Annotation)]),
      reason: /invalid record: color/,
    },
    {
      name: 'a change with a non-UUID id and an 82-character stamp',
      rewrite: () => inject(async () => [{ id: 'x', hlc: `0lx3k9a1c00-00000-${'d'.repeat(64)}`, device: 'evil', deleted: false, payload: 'AAAA' }]),
      reason: /malformed change: id/,
    },
    {
      name: 'a change that is not an object',
      rewrite: () => inject(async () => [42]),
      reason: /malformed change/,
    },
  ];

  it.each(cases)('$name', async ({ rewrite, reason }) => {
    a = makeDevice(freshDbName('a'), server.fetch);
    const r = rng(51);
    let b: Device | null = null;
    let rule: Rewrite | null = null;
    const fetch = hostileFetch(server.fetch, (req, answer) => (rule ? rule(req, answer) : Promise.resolve(undefined)));
    b = makeDevice(freshDbName('b'), fetch);
    await setupAccount([a, b]);
    honest = [];
    for (let i = 0; i < 3; i++) honest.push(await a.notes.create(newInput(r)));
    await a.client.sync();
    rule = rewrite(await keyOf(b), honest[0]!);

    const res = await b.client.sync();
    expect(res.setAside).toBe(1);
    expect(await b.db.annotations.get(FOREIGN)).toBeUndefined();
    expect(await b.db.annotations.get('x')).toBeUndefined();
    expect((await snapshot(b.db)).map((x) => x.id).sort()).toEqual(honest.map((x) => x.id).sort());
    const s = await b.client.status();
    expect(s.lastError).toBeNull();
    expect(s.setAside).toBe(1);
    expect(s.setAsideReasons[0]!.reason).toMatch(reason);
    // sync goes on: the next run pushes and pulls as usual
    const note = await b.notes.create(newInput(r));
    expect((await b.client.sync()).pushed).toBe(1);
    expect((await b.db.annotations.get(note.id))?.hlc).toBe(note.hlc);
    await a.client.sync();
    expect((await a.db.annotations.get(note.id))?.hlc).toBe(note.hlc);
  });
});

describe('a hostile sync server: loops end, the status says why', () => {
  const cases: { name: string; rewrite: Rewrite; error: RegExp; maxCalls: number }[] = [
    {
      name: 'more:true forever with an advancing cursor',
      rewrite: async (req) => {
        if (!isPull(req)) return undefined;
        const since = Number(new URL(`http://x${req.path}`).searchParams.get('since'));
        return json({ changes: [], cursor: String(since + 1), more: true });
      },
      error: /still had more after 5 pages/,
      maxCalls: 20,
    },
    {
      name: 'a repeated cursor with more:true',
      rewrite: async (req) => (isPull(req) ? json({ changes: [], cursor: new URL(`http://x${req.path}`).searchParams.get('since'), more: true }) : undefined),
      error: /cursor did not advance/,
      maxCalls: 20,
    },
    {
      name: 'a malformed response (no cursor)',
      rewrite: async (req) => (isPull(req) ? json({ changes: [], more: false }) : undefined),
      error: /malformed answer to GET \/v1\/changes \(cursor/,
      maxCalls: 20,
    },
    {
      name: 'a response that is not a page at all',
      rewrite: async (req) => (isPull(req) ? json(['surprise']) : undefined),
      error: /malformed answer/,
      maxCalls: 20,
    },
  ];
  it.each(cases)('$name', async ({ rewrite, error, maxCalls }) => {
    let rule: Rewrite | null = null;
    const fetch = hostileFetch(server.fetch, (req, answer) => (rule ? rule(req, answer) : Promise.resolve(undefined)));
    const b = makeDevice(freshDbName('b'), fetch, { maxPullPages: 5 });
    await setupAccount([b]);
    const before = await snapshot(b.db);
    const cursor = await b.client.state.cursor();
    rule = rewrite;
    const calls = fetch.calls;
    await expect(b.client.sync()).rejects.toThrow(error);
    expect(fetch.calls - calls).toBeLessThanOrEqual(maxCalls);
    expect(await snapshot(b.db)).toEqual(before);
    expect((await b.client.status()).lastError).toMatch(error);
    if (!/advancing/.test(error.source)) expect(BigInt(await b.client.state.cursor()) >= BigInt(cursor)).toBe(true);
  });

  it('disconnect() stops a sync that hangs on the server at once', async () => {
    let rule: Rewrite | null = null;
    const fetch = hostileFetch(server.fetch, (req, answer) => (rule ? rule(req, answer) : Promise.resolve(undefined)));
    const b = makeDevice(freshDbName('b'), fetch, { timeoutMs: 600_000 });
    await setupAccount([b]);
    rule = async (req) => (isPull(req) ? new Promise<Response>(() => undefined) : undefined); // never answers
    const running = b.client.sync().catch((e: unknown) => e);
    await new Promise((res) => setTimeout(res, 50));
    const t0 = performance.now();
    await b.client.disconnect();
    expect(performance.now() - t0).toBeLessThan(5_000); // bounded: without the abort it waits forever
    expect(String(await running)).toMatch(/sync stopped/);
    expect(await b.client.status()).toMatchObject({ enabled: false });
    expect(await b.db.meta.get('sync.cursor')).toBeUndefined();
  });

  it('a server refusing one record of a push (400 naming changes.N): that record is set aside, the rest pushed', async () => {
    let refuseId: string | null = null;
    const fetch = hostileFetch(server.fetch, async (req) => {
      const changes = (req.body as { changes?: Change[] } | undefined)?.changes;
      if (req.method !== 'POST' || !changes || !refuseId) return undefined;
      const n = changes.findIndex((c) => c.id === refuseId);
      if (n < 0) return undefined;
      return json({ error: { code: 'invalid_request', message: `changes.${n}.payload: too long`, issues: [{ path: ['changes', n, 'payload'], message: 'payload longer than allowed' }] } }, 400);
    });
    const a = makeDevice(freshDbName('a'), fetch);
    const b = makeDevice(freshDbName('b'), server.fetch);
    await setupAccount([a, b]);
    const r = rng(52);
    const notes: Annotation[] = [];
    for (let i = 0; i < 4; i++) notes.push(await a.notes.create(newInput(r)));
    refuseId = notes[2]!.id;
    const res = await a.client.sync();
    expect(res).toMatchObject({ pushed: 3, setAside: 1 });
    expect(await a.db.outbox.count()).toBe(0);
    const s = await a.client.status();
    expect(s).toMatchObject({ lastError: null, setAside: 1 });
    expect(s.setAsideReasons[0]!.reason).toMatch(/refused by the sync server: payload: payload longer than allowed/);
    await b.client.sync();
    expect((await snapshot(b.db)).map((x) => x.id).sort()).toEqual(notes.filter((x) => x.id !== refuseId).map((x) => x.id).sort());
    // the next sync runs normally
    await a.notes.edit(notes[0]!.id, { note: 'after the refusal' });
    refuseId = null;
    expect((await a.client.sync()).pushed).toBe(1);
  });
});
