import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The fixture pages are generated (scripts/make-fixtures.ts): a committed page that differs from what
// the generator writes today was edited by hand or left behind by a generator change.
const ROOT = join(__dirname, '..', '..');
const out = mkdtempSync(join(tmpdir(), 'csto-fixtures-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('committed fixture pages', () => {
  it('are exactly what scripts/make-fixtures.ts generates', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'scripts/make-fixtures.ts')], {
      cwd: ROOT,
      env: { ...process.env, CSTO_FIXTURES_OUT: out },
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    const generated = readdirSync(out).sort();
    expect(generated.length).toBeGreaterThan(5);
    const drifted = generated.filter((f) => readFileSync(join(out, f), 'utf8') !== readFileSync(join(ROOT, 'tests/fixtures/pages', f), 'utf8'));
    expect(drifted, 'regenerate with: npx tsx scripts/make-fixtures.ts').toEqual([]);
  }, 60_000);
});
