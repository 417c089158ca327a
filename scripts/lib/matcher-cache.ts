import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { MatcherSnapshot } from '../../lib/match/entities';
import { ROOT } from './root';
import { kbSourcesHash } from './vite-kb-fingerprint';

// cli-perf (issue 13): what `match` needs, kept next to the built knowledge base (kb-cache.ts):
// the compiled matcher as the extension stores it (MatcherSnapshot: typed arrays, lib/kb/snapshot.ts)
// and the names of the entities it can find. A call that finds it loads neither the knowledge
// base into fake-indexeddb nor Dexie, does not parse the registry, and compiles nothing.
//
// Its file is named by a hash of the raw sources and of the code that builds and matches
// (kbSourcesHash: the files the extension's build-time fingerprint covers, which the build key
// is a function of) and compromise's version; it names the knowledge-base file it was made
// from, with that file's size and time, so it is used only while that very file is kept. (The
// matcher's own format is in that hash, as lib/match is; a snapshot EntityMatcher refuses is
// read again from the knowledge base: node-matcher.ts.)
// Written with node:v8's serializer (structured clone: typed arrays as they are).

const PREFIX = 'matcher-';
const SUFFIX = '.v8';
/** Bump when what the file holds changes. */
const FILE_VERSION = 1;

export interface CachedMatcher {
  snapshot: MatcherSnapshot;
  /** Entity id → name, for every entity the matcher can return. */
  names: Record<string, string>;
}

interface MatcherFile extends CachedMatcher {
  version: number;
  /** The knowledge-base file (its name in the same folder) the matcher was compiled from. */
  kbFile: string;
  kbSize: number;
  kbMtimeMs: number;
}

let stamp: string | null = null;

/** A hash of the raw sources and the code a knowledge base and its matcher are made by. */
export function sourcesStamp(root = ROOT): string {
  if (stamp !== null && root === ROOT) return stamp;
  let compromise = 'compromise?';
  try {
    compromise = String((JSON.parse(readFileSync(join(root, 'node_modules/compromise/package.json'), 'utf8')) as { version?: string }).version);
  } catch {
    // not installed: the build would fail anyway
  }
  const h = createHash('sha256').update(`${FILE_VERSION}\0${compromise}\0${kbSourcesHash(root)}`).digest('hex').slice(0, 24);
  if (root === ROOT) stamp = h;
  return h;
}

/** The matcher file of the current sources in `dir`. */
export function matcherFile(dir: string, root = ROOT): string {
  return join(dir, `${PREFIX}${sourcesStamp(root)}${SUFFIX}`);
}

/** The kept matcher of the current sources, or null (none, unreadable, or its knowledge base is gone or changed). */
export function readCachedMatcher(dir: string, root = ROOT): CachedMatcher | null {
  let file: MatcherFile;
  try {
    file = deserialize(readFileSync(matcherFile(dir, root))) as MatcherFile;
  } catch {
    return null;
  }
  if (file?.version !== FILE_VERSION || typeof file.kbFile !== 'string' || typeof file.snapshot !== 'object' || file.snapshot === null) return null;
  try {
    const kb = statSync(join(dir, file.kbFile));
    if (kb.size !== file.kbSize || kb.mtimeMs !== file.kbMtimeMs) return null;
  } catch {
    return null;
  }
  return { snapshot: file.snapshot, names: file.names };
}

/** Keeps the matcher compiled from the knowledge-base file `kbPath` (in `dir`), replacing every other one kept there. */
export function writeCachedMatcher(dir: string, kbPath: string, matcher: CachedMatcher, root = ROOT): string {
  const path = matcherFile(dir, root);
  const kb = statSync(kbPath);
  const file: MatcherFile = { version: FILE_VERSION, kbFile: basename(kbPath), kbSize: kb.size, kbMtimeMs: kb.mtimeMs, ...matcher };
  mkdirSync(dir, { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, serialize(file));
  renameSync(tmp, path);
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (p !== path && f.startsWith(PREFIX) && f.endsWith(SUFFIX)) rmSync(p, { force: true });
  }
  return path;
}
