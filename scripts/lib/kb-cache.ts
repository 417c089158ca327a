import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KbData } from '../../lib/kb/build';
import { computeBuildKey } from '../../lib/kb/build-key';
import type { KbSources } from '../../lib/kb/bundled';
import { hashString } from '../../lib/kb/hash';
import { ROOT } from './root';
import { KB_CODE_DIRS } from './vite-kb-fingerprint';

export { cacheDir, type KbCacheOptions } from './cache-dir';

// The command line's built knowledge base, kept on disk between calls: the build (the NLP over
// every seed, about a second) runs only when its key changes. The key is the extension's build
// key (registry, seeds, extractor version) plus a fingerprint of the code the build runs, so an
// edit to the extractor or the matcher in a checkout rebuilds too. Where it is kept: cache-dir.ts.

/** The folders whose code a build runs (their files' contents are part of the cache key). */
const CODE_DIRS = KB_CODE_DIRS;
const PREFIX = 'kb-';

function files(dir: string): string[] {
  let out: string[] = [];
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    out = statSync(p).isDirectory() ? out.concat(files(p)) : out.concat(p);
  }
  return out;
}

let fingerprint: string | null = null;

/** A hash of the build's code (and compromise's version). */
export function codeFingerprint(root = ROOT): string {
  if (fingerprint !== null) return fingerprint;
  const parts: string[] = [];
  for (const d of CODE_DIRS) for (const f of files(join(root, d))) parts.push(f.slice(root.length), readFileSync(f, 'utf8'));
  try {
    parts.push(String((JSON.parse(readFileSync(join(root, 'node_modules/compromise/package.json'), 'utf8')) as { version?: string }).version));
  } catch {
    parts.push('compromise?');
  }
  return (fingerprint = hashString(parts.join('\u0000')));
}

/** The cache file of these sources with this code. */
export function cacheFile(dir: string, sources: KbSources): { path: string; buildKey: string } {
  const buildKey = computeBuildKey(sources.registry, sources.seeds, sources.manifest);
  return { path: join(dir, `${PREFIX}${buildKey}-${codeFingerprint()}.json`), buildKey };
}

/** The cached build of these sources, or null (none, unreadable, or of another build). */
export function readCachedBuild(dir: string, sources: KbSources): KbData | null {
  const { path, buildKey } = cacheFile(dir, sources);
  let data: KbData;
  try {
    data = JSON.parse(readFileSync(path, 'utf8')) as KbData;
  } catch {
    return null;
  }
  if (data?.buildKey !== buildKey || !Array.isArray(data.entities) || !Array.isArray(data.aliases)) return null;
  return data;
}

/** Stores a build, replacing every other build kept there (written to a temporary file, then renamed). */
export function writeCachedBuild(dir: string, sources: KbSources, data: KbData): string {
  const { path } = cacheFile(dir, sources);
  mkdirSync(dir, { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(data));
  renameSync(tmp, path);
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (p !== path && f.startsWith(PREFIX) && f.endsWith('.json')) rmSync(p, { force: true });
  }
  return path;
}
