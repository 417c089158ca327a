import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Dexie } from 'dexie';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { describe as describeSpan } from '../../../lib/anchoring';
import { exportJsonLd } from '../../../lib/annotations/export';
import { compareEncoded, encode } from '../../../lib/annotations/hlc';
import { openImport, type Candidate, type ImportShape } from '../../../lib/annotations/import';
import { noteOf } from '../../../lib/annotations/model';
import { AnnotationImports, importedRecordProblem, importText, STAGE_SLICE } from '../../../lib/annotations/store-import';
import { AnnotationStore } from '../../../lib/annotations/store';
import { LensDb } from '../../../lib/db/database';
import { deviceIdSchema, hlcSchema, recordIdSchema } from '../../../lib/sync/protocol';
import { deleteTestDbs, freshDbName, makeDevice, setupAccount, snapshot, startServer, syncUntilQuiet, type TestServer } from '../sync/helpers';

const FIX = join(__dirname, '../../fixtures');
const text = (rel: string) => readFileSync(join(FIX, rel), 'utf8');

const names: string[] = [];
const store = () => {
  const name = `import-${process.pid}-${names.length}`;
  names.push(name);
  return new AnnotationStore(new LensDb(name));
};
afterEach(async () => {
  for (const n of names.splice(0)) await Dexie.delete(n);
});

const page = 'Russian Foreign Minister Sergey Lavrov said the CSTO should focus on counterterrorism.';
const input = (note = 'who said it') => ({ source: 'https://news.example/a', title: 'A', selector: describeSpan(page, 25, 38), note, tags: ['lavrov'] });

function items(json: unknown): { shape: ImportShape; items: Candidate[] } {
  const f = openImport(json);
  if (!f.ok) throw new Error(f.errors.join('; '));
  return f;
}

/** Stages a file in slices, as the notebook does. */
async function stage(imports: AnnotationImports, json: unknown) {
  const f = items(json);
  const token = imports.begin();
  let preview = imports.preview(token);
  for (let i = 0; i < f.items.length; i += STAGE_SLICE) preview = await imports.stage(token, f.items.slice(i, i + STAGE_SLICE), f.shape);
  return { token, preview };
}

/** A Hypothesis search result with a hostile row: an impossible stamp in an extension field, a data: page. */
const hostile = () => {
  const search = JSON.parse(text('hypothesis/search.json'));
  search.rows.push({ ...search.rows[0], id: 'evilrow', links: {}, target: [{ ...search.rows[0].target[0], source: 'data:text/html,<b>x</b>' }] });
  return search;
};

describe('import: preview, confirm, cancel', () => {
  it('previews new, updated, unchanged and rejected items (with their paths) and writes nothing', async () => {
    const s = store();
    const imports = new AnnotationImports(s);
    const mine = await s.create(input());
    const older = await s.create({ ...input('old note'), source: 'https://news.example/b' });
    const file = exportJsonLd([{ ...mine }, { ...older, body: [{ type: 'TextualBody', purpose: 'commenting', value: 'edited in the backup' }], hlc: encode({ wall: Date.now() + 1000, counter: 0, device: older.device }) }]);
    const search = hostile();
    const { preview } = await stage(imports, { ...file, first: { ...file.first, items: [...file.first.items, ...search.rows] } });
    expect(preview).toMatchObject({ total: 7, added: 2, updated: 1, unchanged: 1, deletedSince: 0, rejectedCount: 3 });
    expect(preview.rejected.map((r) => r.path)).toEqual(['first.items[4].target[0].selector', 'first.items[5].target[0].selector', 'first.items[6].target[0].source']);
    expect(preview.rejected[2]!.reason).toBe('only http(s) pages can be imported, not data:');
    expect(await s.db.annotations.count()).toBe(2);
    expect(noteOf((await s.db.annotations.get(older.id))!)).toBe('old note');
    s.db.close();
  });

  it('writes nothing on cancel, and a cancelled import cannot be committed', async () => {
    const s = store();
    const imports = new AnnotationImports(s);
    const { token, preview } = await stage(imports, JSON.parse(text('hypothesis/rows.json')));
    expect(preview.added).toBe(2);
    imports.cancel(token);
    await expect(imports.commit(token)).rejects.toThrow(/cancelled/);
    expect(await s.db.annotations.count()).toBe(0);
    expect(await s.db.outbox.count()).toBe(0);
    s.db.close();
  });

  it('commits what the preview accepted, queued for sync; importing the same file again changes nothing', async () => {
    const s = store();
    const imports = new AnnotationImports(s);
    const { token } = await stage(imports, JSON.parse(text('hypothesis/search.json')));
    expect(await imports.commit(token)).toEqual({ added: 2, updated: 0, restored: 0, unchanged: 0, rejected: 2 });
    expect(await s.db.annotations.count()).toBe(2);
    expect(await s.db.outbox.count()).toBe(2);
    const again = await stage(imports, JSON.parse(text('hypothesis/search.json')));
    expect(again.preview).toMatchObject({ added: 0, updated: 0, unchanged: 2, rejectedCount: 2 });
    // The JSON-LD form of the same Hypothesis annotation is the same record too.
    expect((await stage(imports, JSON.parse(text('hypothesis/annotation.jsonld')))).preview).toMatchObject({ added: 0, updated: 0, unchanged: 1 });
    s.db.close();
  });

  it('keeps a change made while the preview was open when the file is older', async () => {
    const s = store();
    const imports = new AnnotationImports(s);
    const a = await s.create(input('first'));
    const backup = exportJsonLd([a]);
    const edited = await s.edit(a.id, { note: 'second' });
    const { token, preview } = await stage(imports, backup);
    expect(preview).toMatchObject({ added: 0, updated: 0, unchanged: 1 });
    await imports.commit(token);
    expect(await s.db.annotations.get(a.id)).toEqual(edited);
    s.db.close();
  });

  it.each([
    [false, true],
    [true, false],
  ])('a highlight deleted after the backup: restoreDeleted=%s → still deleted: %s', async (restoreDeleted, stillDeleted) => {
    const s = store();
    const imports = new AnnotationImports(s);
    const a = await s.create(input());
    const backup = exportJsonLd([a]);
    const tomb = await s.remove(a.id);
    const { token, preview } = await stage(imports, backup);
    expect(preview).toMatchObject({ added: 0, updated: 0, deletedSince: 1 });
    const out = await imports.commit(token, { restoreDeleted });
    expect(out.restored).toBe(restoreDeleted ? 1 : 0);
    const now = (await s.db.annotations.get(a.id))!;
    expect(now.deleted).toBe(stillDeleted);
    if (!stillDeleted) {
      expect(compareEncoded(now.hlc, tomb.hlc)).toBeGreaterThan(0);
      expect(noteOf(now)).toBe('who said it');
    }
    s.db.close();
  });

  it('never takes in an impossible stamp or a non-UUID id: note-taking goes on, every queued record passes the sync protocol', async () => {
    const s = store();
    const imports = new AnnotationImports(s);
    const a = await s.create(input());
    const f = JSON.parse(JSON.stringify(exportJsonLd([a])));
    const item = f.first.items[0];
    f.first.items.push(
      { ...item, id: 'urn:uuid:aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', 'csto:hlc': '2gosa7pa2gv-zzzzy-x', 'csto:device': 'x' },
      { ...item, id: 'urn:uuid:bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', 'csto:hlc': `0lx3k9a1c00-00000-${'d'.repeat(64)}` },
      { ...item, id: 'not-a-uuid' },
      { ...item, id: 'urn:uuid:CCCCCCCC-CCCC-4CCC-8CCC-CCCCCCCCCCCC' },
    );
    const { token, preview } = await stage(imports, f);
    expect(preview.notes['stamp refused']).toBe(3);
    await imports.commit(token);
    const all = await s.db.annotations.toArray();
    expect(all).toHaveLength(5);
    for (const r of all) {
      expect(recordIdSchema.safeParse(r.id).success).toBe(true);
      expect(hlcSchema.safeParse(r.hlc).success).toBe(true);
      expect(deviceIdSchema.safeParse(r.device).success).toBe(true);
      expect(importedRecordProblem(r, Date.now())).toBeNull();
    }
    expect(new Set((await s.db.outbox.toArray()).map((o) => o.id))).toEqual(new Set(all.map((r) => r.id)));
    // The clock was not dragged to the end of time: a new note still gets a stamp.
    const b = await s.create(input('after the import'));
    expect(compareEncoded(b.hlc, '2gosa7pa2gv')).toBeLessThan(0);
    s.db.close();
  });

  it('refuses, in the preview, a note too large for one synced record', async () => {
    const s = store();
    const imports = new AnnotationImports(s);
    const rows = JSON.parse(text('hypothesis/rows.json'));
    rows[1].text = 'ж'.repeat(30_000); // 60,000 bytes of UTF-8: under the import's text limit, over a sync payload
    const { token, preview } = await stage(imports, rows);
    expect(preview).toMatchObject({ added: 1, rejectedCount: 1 });
    expect(preview.rejected[0]).toMatchObject({ path: '[1]' });
    expect(preview.rejected[0]!.reason).toMatch(/bytes, more than the \d+ one synced note holds/);
    expect(await imports.commit(token)).toMatchObject({ added: 1, rejected: 1 });
    s.db.close();
  });

  it('writes a large import in slices and reports progress while it writes', async () => {
    const s = store();
    const imports = new AnnotationImports(s);
    const rows = Array.from({ length: 2400 }, (_, i) => ({ type: 'Annotation', id: `https://tool.example/a/${i}`, created: '2024-01-01T00:00:00Z', target: { source: `https://news.example/${i % 40}`, selector: { type: 'TextQuoteSelector', exact: `quote ${i}` } } }));
    const { token, preview } = await stage(imports, rows);
    expect(preview).toMatchObject({ total: 2400, added: 2400, rejectedCount: 0 });
    const seen: number[] = [];
    let done = false;
    const commit = imports.commit(token).then((r) => ((done = true), r));
    while (!done) {
      seen.push(imports.progress(token)?.written ?? -1);
      await new Promise((r) => setTimeout(r, 0));
    }
    expect((await commit).added).toBe(2400);
    expect(seen.some((n) => n > 0 && n < 2400)).toBe(true);
    expect(await s.db.annotations.count()).toBe(2400);
    s.db.close();
  });

  it('refuses a slice larger than STAGE_SLICE (the background never reads a whole big file at once)', async () => {
    const s = store();
    const imports = new AnnotationImports(s);
    const f = items(Array.from({ length: STAGE_SLICE + 1 }, () => ({ type: 'Annotation' })));
    await expect(imports.stage(imports.begin(), f.items, f.shape)).rejects.toThrow(RangeError);
    s.db.close();
  });

  it('the one-call import refuses a file whose every item is bad, naming the items, and writes nothing', async () => {
    const s = store();
    const imports = new AnnotationImports(s);
    const bad = JSON.stringify({ type: 'AnnotationCollection', first: { type: 'AnnotationPage', items: [{ type: 'Annotation', id: 'x', target: {} }] } });
    const r = await importText(imports, bad);
    expect(r).toMatchObject({ ok: false });
    expect(!r.ok && r.errors.join(' ')).toMatch(/first\.items\[0\]\.target/);
    expect(await s.db.annotations.count()).toBe(0);
    expect(await importText(imports, text('hypothesis/rows.json'))).toEqual({ ok: true, result: { added: 2, updated: 0, skipped: 0 } });
    s.db.close();
  });
});

describe('import then sync', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  }, 120_000);
  afterAll(() => server.close());
  afterEach(deleteTestDbs);

  it('imported foreign ids and refused stamps never stop sync: the outbox drains and the other device gets every note', async () => {
    const a = makeDevice(freshDbName('import-a'), server.fetch);
    const b = makeDevice(freshDbName('import-b'), server.fetch);
    await setupAccount([a, b]);
    const mine = await a.notes.create(input());
    const f = JSON.parse(JSON.stringify(exportJsonLd([mine])));
    f.first.items.push({ ...f.first.items[0], id: 'urn:uuid:aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', 'csto:hlc': '2gosa7pa2gv-zzzzy-x' }, { ...f.first.items[0], id: 'hypothesis-id' });
    const imports = new AnnotationImports(a.notes);
    for (const file of [JSON.stringify(f), text('hypothesis/search.json')]) expect((await importText(imports, file)).ok).toBe(true);
    await syncUntilQuiet([a, b]);
    expect(await a.db.outbox.count()).toBe(0);
    const got = await snapshot(b.db);
    expect(got).toHaveLength(5);
    expect(got).toEqual(await snapshot(a.db));
    // And a note made after the import still reaches the other device.
    const later = await b.notes.create(input('from b'));
    await syncUntilQuiet([a, b]);
    expect(await a.db.annotations.get(later.id)).toEqual(later);
  }, 120_000);
});
