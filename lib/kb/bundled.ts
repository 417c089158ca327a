import registryJson from '../../assets/registry.json';
import manifestJson from '../../assets/seeds/manifest.json';
import sourcesHash from 'virtual:kb-sources-fingerprint';
import type { SeedManifest, SeedSource } from './build';
import { EXTRACTOR_VERSION } from './build-key';
import { parseRegistry } from '../registry/aliases';
import type { Registry } from '../registry/schema';

// The registry and the seed documents as the extension ships them (bundled by Vite).

const seedFiles = import.meta.glob<string>('../../assets/seeds/*.txt', { query: '?raw', import: 'default', eager: true });

export interface KbSources {
  registry: Registry;
  seeds: SeedSource[];
  manifest: SeedManifest;
  /** kb-speed: a cheap identity of the unparsed sources: a start that finds it stored with the
   *  current build compares it instead of parsing the registry and hashing the build key.
   *  speed: computed when the extension is built (scripts/lib/vite-kb-fingerprint.ts), so a
   *  start hashes nothing. */
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
    fingerprint: sourcesFingerprint(),
  };
}

/** The raw sources' hash taken at build time, with the extractor version (code, not a file). */
export function sourcesFingerprint(): string {
  return `${EXTRACTOR_VERSION}.${sourcesHash}`;
}
