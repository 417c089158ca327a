import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';

// speed (issue 13): the knowledge base's shipped sources, fingerprinted when the extension is
// built instead of on every browser start. `virtual:kb-sources-fingerprint` is a constant
// string: a hash of the raw files a build key is computed from (registry, Russian forms, seed
// manifest, seed texts) and of the code that computes the key and builds (KB_CODE_DIRS), so an
// update that changes either makes the next start compute the key again. A start compares it
// (with EXTRACTOR_VERSION, lib/kb/bundled.ts) and the stored build key with what the last check
// recorded, and hashes nothing.

const ID = 'virtual:kb-sources-fingerprint';
const RESOLVED = `\0${ID}`;

/** The folders whose code a build runs (the CLI's disk cache is keyed by them too). */
export const KB_CODE_DIRS = ['lib/kb', 'lib/nlp', 'lib/match', 'lib/registry', 'lib/model'];

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

/** The files the fingerprint covers, in a stable order. */
export function kbSourceFiles(root: string): string[] {
  const seeds = join(root, 'assets/seeds');
  return [
    ...KB_CODE_DIRS.flatMap((d) => walk(join(root, d))),
    join(root, 'assets/registry.json'),
    join(root, 'assets/ru-forms.json'),
    join(seeds, 'manifest.json'),
    ...readdirSync(seeds)
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .map((f) => join(seeds, f)),
  ];
}

/** sha-256 of the files' names (relative to root) and bytes. */
export function kbSourcesHash(root: string): string {
  const h = createHash('sha256');
  for (const f of kbSourceFiles(root)) h.update(f.slice(root.length)).update('\0').update(readFileSync(f)).update('\0');
  return h.digest('hex').slice(0, 24);
}

export function kbSourcesFingerprint(root = process.cwd()): Plugin {
  const dir = resolve(root);
  return {
    name: 'csto-lens:kb-sources-fingerprint',
    resolveId: (id) => (id === ID ? RESOLVED : null),
    load(id) {
      if (id !== RESOLVED) return null;
      const files = kbSourceFiles(dir);
      for (const f of files) this.addWatchFile(f);
      // A new or removed file changes the list: watch the folders too.
      for (const d of ['assets/seeds', ...KB_CODE_DIRS]) this.addWatchFile(join(dir, d));
      return `export default ${JSON.stringify(kbSourcesHash(dir))};\n`;
    },
  };
}
