import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureBundle, isStale } from '../../../scripts/lib/cli-bundle.mjs';

// speed (issue 13): the CLIs run a cached bundle (no tsx per call); it must follow every edit
// of a file it was built from, and only those.
describe('CLI bundle cache', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const checkout = () => {
    const root = mkdtempSync(join(tmpdir(), 'csto-cli-bundle-'));
    dirs.push(root);
    mkdirSync(join(root, 'scripts/lib'), { recursive: true });
    mkdirSync(join(root, 'lib'), { recursive: true });
    symlinkSync(join(process.cwd(), 'node_modules'), join(root, 'node_modules'));
    writeFileSync(join(root, 'package-lock.json'), '{}');
    writeFileSync(join(root, 'lib/word.ts'), "export const word: string = 'one';\n");
    writeFileSync(join(root, 'lib/later.ts'), 'export const later = (n: number): number => n * 2;\n');
    writeFileSync(join(root, 'lib/unused.ts'), 'export const unused = 1;\n');
    writeFileSync(
      join(root, 'scripts/hello.ts'),
      "import { word } from '../lib/word';\nconst { later } = await import('../lib/later');\nprocess.stdout.write(`${word} ${later(21)} ${process.argv.slice(2).join(',')}`);\n",
    );
    return root;
  };
  const run = (bundle: string, ...args: string[]) => spawnSync(process.execPath, [bundle, ...args], { encoding: 'utf8' });
  // Saved now (a little after the last build began).
  const touch = async (p: string) => {
    await new Promise((r) => setTimeout(r, 20));
    const now = new Date();
    utimesSync(p, now, now);
  };

  it('builds once, runs with plain node, and rebuilds only when one of its inputs changes', async () => {
    const root = checkout();
    const bundle = await ensureBundle(root, 'hello');
    expect(run(bundle, 'a', 'b').stdout).toBe('one 42 a,b');
    const built = statSync(bundle).mtimeMs;
    expect(isStale(root, 'hello')).toBe(false);
    // a file it does not import: still fresh
    await touch(join(root, 'lib/unused.ts'));
    expect(isStale(root, 'hello')).toBe(false);
    await ensureBundle(root, 'hello');
    expect(statSync(bundle).mtimeMs).toBe(built);
    // an edit to an imported file: rebuilt, and the new code runs
    writeFileSync(join(root, 'lib/word.ts'), "export const word: string = 'two';\n");
    await touch(join(root, 'lib/word.ts'));
    expect(isStale(root, 'hello')).toBe(true);
    await ensureBundle(root, 'hello');
    expect(run(bundle).stdout).toBe('two 42 ');
    // a dynamically imported file (its own chunk) and the lock file count too
    await touch(join(root, 'lib/later.ts'));
    expect(isStale(root, 'hello')).toBe(true);
    await ensureBundle(root, 'hello');
    expect(isStale(root, 'hello')).toBe(false);
    await touch(join(root, 'package-lock.json'));
    expect(isStale(root, 'hello')).toBe(true);
  });

  it('rebuilds when a chunk of the bundle is gone', async () => {
    const root = checkout();
    await ensureBundle(root, 'hello');
    rmSync(join(root, '.cache/cli/chunks'), { recursive: true });
    expect(isStale(root, 'hello')).toBe(true);
    expect(run(await ensureBundle(root, 'hello')).stdout).toBe('one 42 ');
  });
});
