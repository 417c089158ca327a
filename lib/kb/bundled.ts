import registryJson from '../../assets/registry.json';
import manifestJson from '../../assets/seeds/manifest.json';
import type { SeedManifest, SeedSource } from './build';
import { parseRegistry } from '../registry/aliases';
import type { Registry } from '../registry/schema';

// The registry and the seed documents as the extension ships them (bundled by Vite).

const seedFiles = import.meta.glob<string>('../../assets/seeds/*.txt', { query: '?raw', import: 'default', eager: true });

export interface KbSources {
  registry: Registry;
  seeds: SeedSource[];
  manifest: SeedManifest;
}

export function bundledSources(): KbSources {
  return {
    registry: parseRegistry(registryJson),
    seeds: Object.entries(seedFiles).map(([path, text]) => ({ file: path.split('/').pop()!, text })),
    manifest: manifestJson as SeedManifest,
  };
}
