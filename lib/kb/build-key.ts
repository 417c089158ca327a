import type { Registry } from '../registry/schema';
import { hashString } from './hash';
import { BUNDLED_RU_FORMS } from '../registry/aliases';
import type { ManifestEntry } from './metadata';

// The build key of a knowledge base: what its records are a function of (registry, seeds,
// extractor version). Kept apart from build.ts so a worker can compare it with the stored key
// without loading the NLP the build needs (compromise is most of the background bundle).

/** Bump when extraction changes, so installed profiles rebuild their knowledge base. */
export const EXTRACTOR_VERSION = 3; // 2: the extractor for news in general (issue 17); 3: extracted entities carry their documentId

export interface SeedSource {
  file: string;
  text: string;
}

export interface SeedManifest {
  documents: Record<string, ManifestEntry>;
}

export function computeBuildKey(registry: Registry, seeds: SeedSource[], manifest: SeedManifest): string {
  const parts = [String(EXTRACTOR_VERSION), JSON.stringify(registry), JSON.stringify(manifest)];
  parts.push(JSON.stringify(BUNDLED_RU_FORMS)); // ru-match: the generated Russian case forms are aliases too
  for (const s of [...seeds].sort((a, b) => a.file.localeCompare(b.file))) parts.push(s.file, s.text);
  return hashString(parts.join('\u0000'));
}
