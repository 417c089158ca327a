import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The checkout's root for Node tools: the nearest folder above this module with the registry.
// Found by walking up rather than a fixed number of levels, as this module runs from
// scripts/lib/ (tsx, the tests) and from the CLI's bundle in .cache/cli/ or one of its chunks in
// .cache/cli/chunks/ (scripts/lib/cli-bundle.mjs), whichever chunk esbuild puts it in.
function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'assets', 'registry.json'))) return dir;
    if (dirname(dir) === dir) return join(from, '..', '..'); // not in a checkout: where scripts/lib/ would be
  }
}

export const ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
