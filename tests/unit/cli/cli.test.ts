import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

// The command-line tools, run as a user runs them (npm run match / kb: node scripts/run-cli.mjs,
// which runs a cached bundle of scripts/NAME.ts, in a child process).
const root = join(__dirname, '../../..');
// kb-speed: the CLIs keep their built knowledge base here, never in the real ~/.cache.
const cacheDir = mkdtempSync(join(tmpdir(), 'csto-cli-cache-'));

function cli(script: string, args: string[], input = '', env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'scripts/run-cli.mjs'), script.replace(/\.ts$/, ''), ...args], { cwd: root, env: { ...process.env, CSTO_LENS_CACHE_DIR: cacheDir, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('kb export', () => {
  let out: {
    documents: { id: string; title: string; outlet: string; date: string | null }[];
    entities: { id: string; type: string; name: string; aliases: string[]; description: string; facts: { text: string; documentId: string; start: number | null; end: number | null }[] }[];
    statements: { id: string; documentId: string; kind: string; text: string; speakerId: string | null; speakerName: string | null; speakerMention: string | null; date: string | null; entityIds: string[] }[];
  };
  beforeAll(async () => {
    const r = await cli('kb.ts', ['export']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    out = JSON.parse(r.stdout);
  }, 60_000);

  it('prints documents, entities and statements in the documented shape', () => {
    expect(out.documents).toHaveLength(5);
    for (const d of out.documents) expect(Object.keys(d)).toEqual(expect.arrayContaining(['id', 'title', 'outlet', 'date']));
    const csto = out.entities.find((e) => e.id === 'org:csto');
    expect(csto).toMatchObject({ type: 'organization', name: expect.stringMatching(/Collective Security Treaty Organi[sz]ation/) });
    expect(csto!.aliases).toEqual(expect.arrayContaining(['CSTO', 'ОДКБ']));
    for (const e of out.entities) expect(Object.keys(e).sort()).toEqual(['aliases', 'description', 'facts', 'id', 'name', 'type']);
    for (const s of out.statements) {
      expect(Object.keys(s).sort()).toEqual(['date', 'documentId', 'entityIds', 'id', 'kind', 'speakerId', 'speakerMention', 'speakerName', 'text']);
      expect(['quote', 'reported', 'answer']).toContain(s.kind);
    }
  });

  it('gives every fact from a document offsets that point into that document', () => {
    const docFacts = out.entities.flatMap((e) => e.facts).filter((f) => f.documentId !== 'registry');
    expect(docFacts.length).toBeGreaterThan(0);
    for (const f of docFacts) {
      expect(f.start).toBeTypeOf('number');
      expect(f.end).toBeGreaterThan(f.start!);
    }
  });
});

describe('kb stats and entity', () => {
  it('prints one count per table', async () => {
    const r = await cli('kb.ts', ['stats']);
    expect(r.code).toBe(0);
    for (const table of ['documents', 'entities', 'aliases', 'mentions', 'statements', 'facts']) {
      expect(r.stdout).toMatch(new RegExp(`^${table}\\s+\\d+$`, 'm'));
    }
  }, 60_000);

  it('prints an entity for a person to read, found by alias', async () => {
    const r = await cli('kb.ts', ['entity', 'Lavrov']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Sergey Lavrov\s+\[person\]/);
    expect(r.stdout).toContain('Statements by this entity');
  }, 60_000);

  it('says clearly when there is no such entity', async () => {
    const r = await cli('kb.ts', ['entity', 'Nobody Atall']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no entity named/);
  }, 60_000);

  it('rejects an unknown command with its usage', async () => {
    const r = await cli('kb.ts', ['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/usage/);
  });
});

describe('match', () => {
  it('prints spans with offsets into the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csto-match-'));
    const file = join(dir, 'a.txt');
    const text = 'Ρ 😀 The CSTO’s foreign ministers met in Bishkek with Sergei Lavrov.';
    writeFileSync(file, text);
    const r = await cli('match.ts', [file]);
    expect(r.code).toBe(0);
    const spans = JSON.parse(r.stdout) as { start: number; end: number; text: string; entityId: string; name: string; type: string }[];
    for (const s of spans) expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(spans.map((s) => s.entityId)).toEqual(expect.arrayContaining(['org:csto', 'person:sergey-lavrov']));
    expect(spans.find((s) => s.entityId === 'org:csto')).toMatchObject({ text: 'CSTO', type: 'organization' });
  }, 60_000);

  it('reads standard input with -', async () => {
    const r = await cli('match.ts', ['-'], 'The CSTO met.');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([expect.objectContaining({ start: 4, end: 8, text: 'CSTO', entityId: 'org:csto' })]);
  }, 60_000);

  it.each([
    [['/nonexistent/file.txt'], /no such file/],
    [[], /usage/],
    [['/tmp'], /is a directory/],
  ])('fails clearly for %j', async (args, message) => {
    const r = await cli('match.ts', args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });
});

// kb-speed: the second call loads the knowledge base the first one built and kept on disk.
describe('the knowledge base kept between calls', () => {
  it('is written by the first call and used by the next one (an alias only the kept copy has is matched)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csto-cli-cache-'));
    const first = await cli('match.ts', ['-'], 'The CSTO met.', { CSTO_LENS_CACHE_DIR: dir });
    expect(first.code).toBe(0);
    const [file] = readdirSync(dir).filter((f) => f.startsWith('kb-') && f.endsWith('.json'));
    expect(file).toBeDefined();
    const kept = JSON.parse(readFileSync(join(dir, file!), 'utf8')) as { aliases: { id: string; entityId: string; text: string; caseSensitive: boolean }[] };
    kept.aliases.push({ id: 'org:csto|Zorblax Pact', entityId: 'org:csto', text: 'Zorblax Pact', caseSensitive: false });
    writeFileSync(join(dir, file!), JSON.stringify(kept));

    const second = await cli('match.ts', ['-'], 'The Zorblax Pact met.', { CSTO_LENS_CACHE_DIR: dir });
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toEqual([expect.objectContaining({ text: 'Zorblax Pact', entityId: 'org:csto' })]);
    // with the cache off the knowledge base is built from the sources, which lack that alias
    const off = await cli('match.ts', ['-'], 'The Zorblax Pact met.', { CSTO_LENS_CACHE_DIR: dir, CSTO_LENS_CACHE: 'off' });
    expect(JSON.parse(off.stdout)).toEqual([]);
  }, 60_000);
});

// cli-perf: the second call answers from the compiled matcher kept next to the knowledge base,
// without loading the knowledge base (CSTO_LENS_DEBUG=cache says which way a call took).
describe('the matcher kept between calls', () => {
  it('answers the second call, with the same output as the first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csto-cli-cache-'));
    const seeds = join(root, 'assets/seeds');
    const text = readFileSync(join(seeds, readdirSync(seeds).filter((f) => f.endsWith('.txt')).sort()[0]!), 'utf8').slice(0, 2048);
    const env = { CSTO_LENS_CACHE_DIR: dir, CSTO_LENS_DEBUG: 'cache' };
    const first = await cli('match.ts', ['-'], text, env);
    expect(first.code).toBe(0);
    expect(first.stderr).toBe('csto-lens: match: the knowledge base\n');
    expect(readdirSync(dir).filter((f) => f.startsWith('matcher-'))).toHaveLength(1);
    const second = await cli('match.ts', ['-'], text, env);
    expect(second.code).toBe(0);
    expect(second.stderr).toBe('csto-lens: match: the matcher kept on disk\n');
    expect(second.stdout).toBe(first.stdout);
    expect((JSON.parse(second.stdout) as unknown[]).length).toBeGreaterThan(3);
    // without the debug setting, nothing on stderr
    const quiet = await cli('match.ts', ['-'], text, { CSTO_LENS_CACHE_DIR: dir });
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toBe(first.stdout);
  }, 60_000);
});

describe('output through a pipe', () => {
  // process.exit() right after a big write used to cut piped output at 64-128 KiB (invalid JSON).
  it('is whole when larger than 1 MB', async () => {
    const input = 'The CSTO met in Moscow with Sergei Lavrov. '.repeat(6000);
    const r = await cli('match.ts', ['-'], input);
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(1_000_000);
    const spans = JSON.parse(r.stdout) as unknown[];
    expect(spans.length).toBeGreaterThanOrEqual(18_000);
  }, 120_000);
});

describe('kb extract', () => {
  type Doc = {
    file: string; title: string; outlet: string; date: string | null; datePrecision: string; url: string | null; text: string;
    statements: { kind: string; text: string; speakerId: string | null; speakerName: string | null; speakerMention: string | null; start: number; end: number; entityIds: string[] }[];
    facts: { entityId: string; kind: string; text: string; start: number; end: number }[];
    newEntities: { id: string; name: string; role: string | null }[];
  };
  let docs: Doc[];
  beforeAll(async () => {
    const fx = join(root, 'tests/fixtures/extract');
    const r = await cli('kb.ts', ['extract', join(fx, 'article.html'), join(fx, 'article.txt')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    docs = (JSON.parse(r.stdout) as { documents: Doc[] }).documents;
  }, 60_000);

  it('reads the HTML article and its metadata, not the page chrome', () => {
    const d = docs[0]!;
    expect(d).toMatchObject({
      title: 'CSTO chief warns of militants on Afghan border', outlet: 'Steppe Wire', date: '2021-10-14', datePrecision: 'day',
      url: 'https://steppewire.example/news/2021/10/csto-chief-warns',
    });
    expect(d.text).not.toMatch(/ticker|Related news|coach Ivanov|rights are reserved|Subscribe/);
    expect(d.statements.map((s) => [s.speakerId, s.text.slice(0, 30)])).toEqual([
      ['person:stanislav-zas', 'warns of militants on Afghan b'],
      ['person:stanislav-zas', 'up to 2,000 militants had gath'],
      ['person:stanislav-zas', 'We see the threat clearly and '],
      ['body:csto-secretariat', 'joint drills would start in Kh'],
      [null, 'informed the participants abou'],
      ['person:sergey-lavrov', 'praised the readiness of the C'],
    ]);
    for (const s of d.statements) expect(s.end).toBeGreaterThan(s.start);
  });

  it('reads a plain-text file: dateline date, new people with their role facts', () => {
    const d = docs[1]!;
    expect(d).toMatchObject({ outlet: 'TASS', date: '2021-11-23', datePrecision: 'day' });
    expect(d.newEntities).toEqual([expect.objectContaining({ id: 'person:anatoly-sidorov', name: 'Anatoly Sidorov', role: 'Chief of the CSTO Joint Staff' })]);
    const role = d.facts.find((f) => f.entityId === 'person:anatoly-sidorov' && f.kind === 'role')!;
    expect(d.text.slice(role.start, role.end)).toBe(role.text);
    expect(d.statements.filter((s) => s.speakerId === 'person:anatoly-sidorov').map((s) => s.speakerMention)).toEqual(['Chief of the CSTO Joint Staff Anatoly Sidorov', 'Sidorov']);
    for (const s of d.statements) expect(Object.keys(s).sort()).toEqual(['end', 'entityIds', 'kind', 'speakerId', 'speakerMention', 'speakerName', 'start', 'text']);
  });

  it.each([
    [['extract'], /give one or more/],
    [['extract', '/nonexistent.html'], /no such file/],
    [['extract', 'a.txt', '--url'], /--url needs/],
  ])('fails clearly for %j', async (args, message) => {
    const r = await cli('kb.ts', args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  }, 60_000);
});
