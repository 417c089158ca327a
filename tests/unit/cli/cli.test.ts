import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

// The command-line tools, run as a user runs them (tsx in a child process).
const root = join(__dirname, '../../..');
const tsx = join(root, 'node_modules/.bin/tsx');

function cli(script: string, args: string[], input = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [join(root, 'scripts', script), ...args], { cwd: root });
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
