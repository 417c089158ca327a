import { EntityMatcher } from '../../lib/match/entities';
import type { MatchedSpan } from '../../lib/match/spans';
import { cacheDir, type KbCacheOptions } from './cache-dir';
import { readCachedMatcher, writeCachedMatcher, type CachedMatcher } from './matcher-cache';

// cli-perf (issue 13): the matcher as `match` uses it. From the matcher kept on disk
// (matcher-cache.ts) when there is one for the current sources: no knowledge base, no Dexie, no
// fake-indexeddb, no registry; this module imports none of them. Otherwise from the knowledge
// base (node-kb.ts: loaded, or built, into fake-indexeddb), whose compiled matcher is then kept
// for the next call. Both ways match with the same EntityMatcher loaded from the same snapshot.
//
//   CSTO_LENS_DEBUG=cache   says on stderr which way a call took

/** Where a call's matcher came from. */
export type MatcherSource = 'matcher-cache' | 'knowledge-base';

export interface NodeMatcher {
  readonly source: MatcherSource;
  /** The CSTO entities in `text` (KnowledgeService.match without the service). */
  match(text: string): MatchedSpan[];
  /** The entity's name, or its id when the knowledge base has no such entity. */
  name(entityId: string): string;
}

function debug(env: NodeJS.ProcessEnv, message: string): void {
  if ((env.CSTO_LENS_DEBUG ?? '').split(',').includes('cache')) process.stderr.write(`csto-lens: ${message}\n`);
}

function fromCached({ snapshot, names }: CachedMatcher, source: MatcherSource): NodeMatcher {
  const matcher = new EntityMatcher(snapshot);
  const byId = new Map(Object.entries(names));
  return { source, match: (text) => matcher.match(text), name: (id) => byId.get(id) ?? id };
}

/** The compiled matcher and entity names of the knowledge base, and the file it is kept in (null: not kept). */
async function fromKnowledgeBase(opts: KbCacheOptions, dir: string | null): Promise<{ matcher: CachedMatcher; kbPath: string | null }> {
  const [{ openNodeKnowledgeBase }, { loadMatcherSnapshot }, { cacheFile }, { diskSources }] = await Promise.all([
    import('./node-kb'),
    import('../../lib/kb/snapshot'),
    import('./kb-cache'),
    import('./sources'),
  ]);
  const sources = diskSources();
  const kb = await openNodeKnowledgeBase({ ...opts, sources });
  try {
    // Compiling stores the snapshot (KnowledgeService.compile), as in the extension.
    await kb.match('');
    const snapshot = (await loadMatcherSnapshot(kb.db)) ?? new EntityMatcher(await kb.matcherData()).snapshot();
    const names: Record<string, string> = {};
    for (const e of await kb.db.entities.toArray()) if (Object.hasOwn(snapshot.types, e.id)) names[e.id] = e.name;
    return { matcher: { snapshot, names }, kbPath: dir === null ? null : cacheFile(dir, sources).path };
  } finally {
    kb.stop();
    kb.db.close();
  }
}

export async function openNodeMatcher(opts: KbCacheOptions = {}, env: NodeJS.ProcessEnv = process.env): Promise<NodeMatcher> {
  const dir = cacheDir(opts, env);
  const cached = dir === null ? null : readCachedMatcher(dir);
  if (cached) {
    try {
      const matcher = fromCached(cached, 'matcher-cache');
      debug(env, 'match: the matcher kept on disk');
      return matcher;
    } catch {
      // a snapshot of another format (EntityMatcher refuses it): made again below
    }
  }
  const { matcher, kbPath } = await fromKnowledgeBase(opts, dir);
  debug(env, 'match: the knowledge base');
  if (dir !== null && kbPath !== null) {
    try {
      writeCachedMatcher(dir, kbPath, matcher);
    } catch (err) {
      // No knowledge-base file to name (it could not be kept: said already) or no room: the next call reads the knowledge base again.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') process.stderr.write(`csto-lens: could not keep the matcher in ${dir}: ${(err as Error).message}\n`);
    }
  }
  return fromCached(matcher, 'knowledge-base');
}
