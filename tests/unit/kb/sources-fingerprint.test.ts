import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KB_CODE_DIRS, kbSourcesHash } from '../../../scripts/lib/vite-kb-fingerprint';
import { bundledSources, sourcesFingerprint } from '../../../lib/kb/bundled';
import { EXTRACTOR_VERSION } from '../../../lib/kb/build-key';

// speed (issue 13): the shipped sources are fingerprinted when the extension is built; a start
// compares that constant, so it must change with every file a build key is computed from.
describe('build-time sources fingerprint', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const copy = () => {
    const d = mkdtempSync(join(tmpdir(), 'csto-fp-'));
    dirs.push(d);
    for (const dir of ['assets', ...KB_CODE_DIRS]) cpSync(join(process.cwd(), dir), join(d, dir), { recursive: true });
    return d;
  };

  it('is the hash of the checkout, with the extractor version, in the bundled sources', () => {
    expect(sourcesFingerprint()).toBe(`${EXTRACTOR_VERSION}.${kbSourcesHash(process.cwd())}`);
    expect(bundledSources().fingerprint).toBe(sourcesFingerprint());
  });

  it('changes when a seed, the registry, the Russian forms, the manifest or the build code changes, or a seed is added', () => {
    const base = kbSourcesHash(copy());
    for (const [file, edit] of [
      ['assets/seeds/000_d5ad77ca4c6a1d0e.txt', (s: string) => s + ' '],
      ['assets/registry.json', (s: string) => s.replace('{', '{ ')],
      ['assets/ru-forms.json', (s: string) => s + '\n'],
      ['assets/seeds/manifest.json', (s: string) => s + '\n'],
      ['lib/kb/build-key.ts', (s: string) => s + '\n// edited\n'],
    ] as const) {
      const d = copy();
      const p = join(d, file);
      writeFileSync(p, edit(readFileSync(p, 'utf8')));
      expect(kbSourcesHash(d), file).not.toBe(base);
    }
    const d = copy();
    writeFileSync(join(d, 'assets/seeds/999_new.txt'), 'The CSTO met.');
    expect(kbSourcesHash(d)).not.toBe(base);
    expect(kbSourcesHash(copy())).toBe(base);
  });
});
