import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { KbSources } from '../../lib/kb/bundled';
import type { SeedManifest } from '../../lib/kb/build';
import { parseRegistry } from '../../lib/registry/aliases';
import { ROOT } from './root';

// The same registry and seeds the extension bundles, read from disk for Node tools.

export { ROOT };

export function diskSources(root = ROOT): KbSources {
  const seedDir = join(root, 'assets', 'seeds');
  return {
    registry: parseRegistry(JSON.parse(readFileSync(join(root, 'assets', 'registry.json'), 'utf8'))),
    seeds: readdirSync(seedDir)
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .map((file) => ({ file, text: readFileSync(join(seedDir, file), 'utf8') })),
    manifest: JSON.parse(readFileSync(join(seedDir, 'manifest.json'), 'utf8')) as SeedManifest,
  };
}
