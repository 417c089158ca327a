import registryJson from '../../assets/registry.json';
import manifestJson from '../../assets/seeds/manifest.json';
import type { SeedManifest, SeedSource } from './build';
import { computeBuildKey } from './build-key';
import { parseRegistry } from '../registry/aliases';
import type { Registry } from '../registry/schema';

// The registry and the seed documents as the extension ships them (bundled by Vite).

const seedFiles = import.meta.glob<string>('../../assets/seeds/*.txt', { query: '?raw', import: 'default', eager: true });

export interface KbSources {
  registry: Registry;
  seeds: SeedSource[];
  manifest: SeedManifest;
  /** kb-speed: a cheap identity of the unparsed sources: a start that finds it stored with the
   *  current build compares it instead of parsing the registry and hashing the build key. */
  fingerprint?: string;
}

export function bundledSources(): KbSources {
  const seeds = Object.entries(seedFiles).map(([path, text]) => ({ file: path.split('/').pop()!, text }));
  const manifest = manifestJson as SeedManifest;
  let registry: Registry | undefined;
  return {
    // Parsed (zod) on first use only: an unchanged start never needs it.
    get registry() {
      return (registry ??= parseRegistry(registryJson));
    },
    seeds,
    manifest,
    fingerprint: sourcesFingerprint(registryJson, seeds, manifest),
  };
}

/** Hash of the raw registry JSON, the manifest, the seeds and the extractor version. */
export function sourcesFingerprint(registry: unknown, seeds: SeedSource[], manifest: SeedManifest): string {
  return computeBuildKey(registry as Registry, seeds, manifest);
}
