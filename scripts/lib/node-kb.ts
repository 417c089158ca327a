import 'fake-indexeddb/auto';
import type { KbSources } from '../../lib/kb/bundled';
import { LensDb } from '../../lib/db/database';
import { KnowledgeService } from '../../lib/kb/service';
import { storeKnowledgeBase } from '../../lib/kb/store';
import { cacheDir, readCachedBuild, writeCachedBuild, type KbCacheOptions } from './kb-cache';
import { diskSources } from './sources';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';

// The background's knowledge service, run in Node over an in-memory IndexedDB:
// the command-line tools exercise exactly the code the extension runs.
// The built knowledge base is kept on disk between calls (kb-cache.ts): a call whose build
// key is unchanged loads it instead of building (and never loads the NLP).
export interface NodeKbOptions extends KbCacheOptions {
  /** Default: the registry and seeds in assets/. */
  sources?: KbSources;
}

export async function openNodeKnowledgeBase(opts: NodeKbOptions = {}): Promise<KnowledgeService> {
  const sources = opts.sources ?? diskSources();
  // fake-indexeddb given to Dexie, not only set as a global: in the CLI's bundle this module is a
  // chunk (scripts/lib/node-matcher.ts imports it on demand) which esbuild may evaluate after Dexie.
  const db = new LensDb(`csto-lens-cli-${process.pid}`, { indexedDB, IDBKeyRange });
  const dir = cacheDir(opts);
  const cached = dir === null ? null : readCachedBuild(dir, sources);
  if (cached) {
    await storeKnowledgeBase(db, cached);
  } else if (dir !== null) {
    const { buildKnowledgeBase } = await import('../../lib/kb/build');
    const data = buildKnowledgeBase(sources.registry, sources.seeds, sources.manifest);
    await storeKnowledgeBase(db, data);
    try {
      writeCachedBuild(dir, sources, data);
    } catch (err) {
      process.stderr.write(`csto-lens: could not keep the knowledge base in ${dir}: ${(err as Error).message}\n`);
    }
  }
  const service = new KnowledgeService(db, () => sources);
  await service.ensureBuilt();
  return service;
}
