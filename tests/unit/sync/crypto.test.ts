import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fromBase64url, toBase64url } from '../../../lib/sync/base64url';
import { decrypt, deriveKey, encrypt, IV_BYTES, PBKDF2_ITERATIONS, saltFor } from '../../../lib/sync/crypto';
import { additionalData, open, seal } from '../../../lib/sync/envelope';
import { parseSyncKey } from '../../../lib/sync/sync-key';
import { DecryptError } from '../../../lib/sync/errors';
import type { Change } from '../../../lib/sync/protocol';
import { AnnotationStore } from '../../../lib/annotations/store';
import { LensDb } from '../../../lib/db/database';
import { SyncClient } from '../../../lib/sync/client';
import { deleteTestDbs, freshDbName, makeDevice, newInput, rng, setupAccount, snapshot, startServer, SERVER_URL, type TestServer } from './helpers';

const utf8 = new TextEncoder();
const ACCOUNT = '6f1c2a34-0000-4000-8000-123456789abc';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());
afterEach(async () => {
  vi.restoreAllMocks();
  await deleteTestDbs();
});

describe('key derivation', () => {
  it('uses PBKDF2-SHA-256 with at least 600 000 iterations and a salt derived from the account id', async () => {
    const spy = vi.spyOn(crypto.subtle, 'deriveKey');
    const key = await deriveKey('pass phrase', ACCOUNT);
    expect(spy).toHaveBeenCalledTimes(1);
    const params = spy.mock.calls[0]![0] as Pbkdf2Params;
    expect(params.name).toBe('PBKDF2');
    expect(params.hash).toBe('SHA-256');
    expect(params.iterations).toBeGreaterThanOrEqual(600_000);
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    const expectedSalt = new Uint8Array(await crypto.subtle.digest('SHA-256', utf8.encode(`csto-lens/sync/v1/salt:${ACCOUNT}`)));
    expect(new Uint8Array(params.salt as ArrayBuffer)).toEqual(expectedSalt);
    expect(await saltFor(ACCOUNT)).toEqual(expectedSalt);
    expect(key.extractable).toBe(false);
    expect(key.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
    await expect(deriveKey('pass phrase', ACCOUNT, 1000)).rejects.toThrow(/at least 600000/);
  });

  it('is the same key on every device of the account, another for another account or passphrase', async () => {
    const aad = utf8.encode('x');
    const sealed = await encrypt(await deriveKey('pass phrase', ACCOUNT), utf8.encode('hello'), aad);
    expect(await decrypt(await deriveKey('pass phrase', ACCOUNT), sealed, aad)).toEqual(utf8.encode('hello'));
    expect(await decrypt(await deriveKey('pass phrase', ACCOUNT.replace('abc', 'abd')), sealed, aad)).toBeNull();
    expect(await decrypt(await deriveKey('pass phrase!', ACCOUNT), sealed, aad)).toBeNull();
  });

  it('the client derives with the real 600 000 rounds by default, and stores the key, never the passphrase', async () => {
    const db = new LensDb(freshDbName('kdf'));
    const client = new SyncClient({ db, notes: new AnnotationStore(db), fetch: server.fetch });
    await client.createAccount(SERVER_URL);
    const spy = vi.spyOn(crypto.subtle, 'deriveKey');
    await client.setPassphrase('a secret passphrase');
    expect((spy.mock.calls[0]![0] as Pbkdf2Params).iterations).toBeGreaterThanOrEqual(600_000);
    const meta = await db.meta.toArray();
    const dump = JSON.stringify(meta, (_k, v: unknown) => (v instanceof CryptoKey ? `CryptoKey(${v.extractable})` : v));
    expect(dump).not.toContain('a secret passphrase');
    expect(dump).toContain('CryptoKey(false)');
    db.close();
  });
});

describe('AES-GCM payloads', () => {
  it('differ for the same plaintext (random 12-byte IV, prepended)', async () => {
    const key = await deriveKey('p', ACCOUNT);
    const aad = utf8.encode('aad');
    const one = await encrypt(key, utf8.encode('same text'), aad);
    const two = await encrypt(key, utf8.encode('same text'), aad);
    expect(one).not.toBe(two);
    expect(one).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(fromBase64url(one).slice(0, IV_BYTES)).not.toEqual(fromBase64url(two).slice(0, IV_BYTES));
    expect(fromBase64url(one).length).toBe(IV_BYTES + 'same text'.length + 16);
  });

  it('detects tampering: a flipped bit, a truncation, a payload moved to another record or version', async () => {
    const key = await deriveKey('p', ACCOUNT);
    const d = makeDevice(freshDbName('t'), server.fetch);
    const a = await d.notes.create(newInput(rng(31)));
    const c = await seal(key, a);
    expect(await open(key, c)).toEqual(a);
    const bytes = fromBase64url(c.payload);
    bytes[bytes.length - 5]! ^= 1;
    await expect(open(key, { ...c, payload: toBase64url(bytes) })).rejects.toBeInstanceOf(DecryptError);
    await expect(open(key, { ...c, payload: c.payload.slice(0, 20) })).rejects.toBeInstanceOf(DecryptError);
    await expect(open(key, { ...c, payload: `${c.payload}!` })).rejects.toBeInstanceOf(DecryptError);
    await expect(open(key, { ...c, deleted: true })).rejects.toBeInstanceOf(DecryptError);
    await expect(open(key, { ...c, hlc: c.hlc.replace(/.$/, 'z') })).rejects.toBeInstanceOf(DecryptError);
    await expect(open(key, { ...c, id: crypto.randomUUID() })).rejects.toBeInstanceOf(DecryptError);
  });

  it('base64url round-trips any bytes like Node does', () => {
    const r = rng(5);
    for (let n = 0; n < 70; n++) {
      const bytes = Uint8Array.from({ length: n }, () => Math.floor(r() * 256));
      const text = toBase64url(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64url'));
      expect(fromBase64url(text)).toEqual(bytes);
    }
    expect(() => fromBase64url('ab+c')).toThrow();
  });
});

describe('what the server sees', () => {
  it('holds no plaintext: notes, quotes, URLs, titles and tags are absent from every stored row', async () => {
    const a = makeDevice(freshDbName('a'), server.fetch);
    const b = makeDevice(freshDbName('b'), server.fetch);
    await setupAccount([a, b]);
    const x = await a.notes.create({
      ...newInput(rng(32), 'Xylophonic zeppelin rendezvous in Yerevan'),
      source: 'https://secret-news.example/csto-quietly-moves',
      title: 'Clandestine headline',
      tags: ['undisclosedtag'],
    });
    await a.notes.edit(x.id, { note: 'Xylophonic zeppelin rendezvous, second draft' });
    await a.client.sync();
    await b.client.sync();
    expect(await snapshot(b.db)).toEqual(await snapshot(a.db));
    const { rows } = await server.db.query<Change>('SELECT * FROM records');
    expect(rows.length).toBeGreaterThan(0);
    const clear = JSON.stringify(rows);
    const decoded = rows.map((r) => Buffer.from(fromBase64url(r.payload)).toString('latin1')).join('\n');
    for (const secret of ['Xylophonic', 'zeppelin', 'secret-news.example', 'csto-quietly-moves', 'Clandestine', 'undisclosedtag', x.target.selector[0].exact]) {
      expect(clear).not.toContain(secret);
      expect(decoded).not.toContain(secret);
      expect(clear).not.toContain(Buffer.from(secret).toString('base64url').slice(0, 8));
    }
  });

  it('a payload altered on the server is set aside with its reason: the rest applied, the cursor moves on', async () => {
    const a = makeDevice(freshDbName('a'), server.fetch);
    const b = makeDevice(freshDbName('b'), server.fetch);
    await setupAccount([a, b]);
    const r = rng(33);
    const x = await a.notes.create(newInput(r));
    const y = await a.notes.create(newInput(r));
    await a.client.sync();
    const { rows } = await server.db.query<{ payload: string }>('SELECT payload FROM records WHERE id = $1', [y.id]);
    const bytes = fromBase64url(rows[0]!.payload);
    bytes[20]! ^= 0x40;
    await server.db.query('UPDATE records SET payload = $1 WHERE id = $2', [toBase64url(bytes), y.id]);
    const cursorBefore = await b.client.state.cursor();
    expect((await b.client.sync()).setAside).toBe(1);
    expect((await b.db.annotations.get(x.id))?.hlc).toBe(x.hlc);
    expect(await b.db.annotations.get(y.id)).toBeUndefined();
    expect(await b.client.state.cursor()).not.toBe(cursorBefore);
    const s = await b.client.status();
    expect(s).toMatchObject({ lastError: null, setAside: 1 });
    expect(s.setAsideReasons[0]!.reason).toMatch(/does not decrypt/);
  });
});

describe('issue 11, point 8: salt made by the client, padded payloads', () => {
  it('a new account gets a random 16-byte salt inside a v3 sync key (which names the server); the server never sees it', async () => {
    const seen: string[] = [];
    const fetch: typeof server.fetch = async (url, init) => {
      seen.push(`${url} ${typeof init.body === 'string' ? init.body : ''}`);
      return server.fetch(url, init);
    };
    const spy = vi.spyOn(crypto.subtle, 'deriveKey');
    const a = makeDevice(freshDbName('a'), fetch, { deriveKey: undefined });
    const { syncKey, accountId } = await a.client.createAccount(SERVER_URL);
    const parsed = parseSyncKey(syncKey);
    expect(syncKey).toMatch(/^v3\.[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(parsed.serverUrl).toBe(SERVER_URL);
    expect(fromBase64url(parsed.salt!).length).toBeGreaterThanOrEqual(16);
    await a.client.setPassphrase('a long passphrase for the salt test');
    const salt = new Uint8Array((spy.mock.calls[0]![0] as Pbkdf2Params).salt as ArrayBuffer);
    expect(toBase64url(salt)).toBe(parsed.salt);
    expect(salt).not.toEqual(await saltFor(accountId));
    expect(seen.join('\n')).not.toContain(parsed.salt!);
    const other = await makeDevice(freshDbName('c'), server.fetch).client.createAccount(SERVER_URL);
    expect(parseSyncKey(other.syncKey).salt).not.toBe(parsed.salt);
  });

  it('an old v1 sync key (salt from the account id) still links and syncs', async () => {
    const a = makeDevice(freshDbName('a'), server.fetch);
    const { accountId } = await a.client.createAccount(SERVER_URL);
    const cfg = (await a.client.state.config())!;
    await a.db.meta.put({ key: 'sync.config', value: { serverUrl: cfg.serverUrl, accountId, token: cfg.token } }); // as an older version stored it
    await a.client.setPassphrase(PASSPHRASE_V1);
    const x = await a.notes.create(newInput(rng(61)));
    await a.client.sync();
    const b = makeDevice(freshDbName('b'), server.fetch);
    await b.client.link(SERVER_URL, `${accountId}.${cfg.token}`);
    expect((await b.client.state.config())!.salt).toBeUndefined();
    await b.client.setPassphrase(PASSPHRASE_V1);
    await b.client.sync();
    expect((await b.db.annotations.get(x.id))?.hlc).toBe(x.hlc);
  });

  it('pads payloads to size classes; unpadded payloads of older versions still open', async () => {
    const key = await deriveKey('p', ACCOUNT);
    const d = makeDevice(freshDbName('t'), server.fetch);
    const short = await d.notes.create(newInput(rng(62), 'x'));
    const long = await d.notes.create(newInput(rng(63), 'a somewhat longer note '.repeat(8)));
    const lengths = await Promise.all([short, long].map(async (a) => fromBase64url((await seal(key, a)).payload).length));
    expect(lengths[0]).toBe(lengths[1]);
    expect([512, 1024]).toContain(lengths[0]! - IV_BYTES - 16);
    const big = await d.notes.create(newInput(rng(64), 'n'.repeat(3000)));
    expect(fromBase64url((await seal(key, big)).payload).length).toBe(IV_BYTES + 4096 + 16);
    // an unpadded payload, as older versions sealed it
    const head = { id: short.id, hlc: short.hlc, device: short.device, deleted: short.deleted };
    const old: Change = { ...head, payload: await encrypt(key, utf8.encode(JSON.stringify(short)), additionalData(head)) };
    expect(await open(key, old)).toEqual(short);
  });
});
const PASSPHRASE_V1 = 'an old account passphrase';
