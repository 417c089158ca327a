import { homedir } from 'node:os';
import { join } from 'node:path';

// Where the command line keeps what it derives from the sources between calls: the built
// knowledge base (kb-cache.ts) and the compiled matcher (matcher-cache.ts). A module of its own,
// with no import of the knowledge base, so a `match` answered from the cache loads nothing else.
//
//   CSTO_LENS_CACHE_DIR=DIR  keep it in DIR (the tests do) instead of
//                            $XDG_CACHE_HOME/csto-lens or ~/.cache/csto-lens
//   CSTO_LENS_CACHE=off      neither read nor write it

export interface KbCacheOptions {
  /** false: no cache; a string: this folder. Default: from the environment (see above). */
  cache?: boolean | string;
}

/** The cache folder, or null when caching is off. */
export function cacheDir(opts: KbCacheOptions = {}, env: NodeJS.ProcessEnv = process.env): string | null {
  if (opts.cache === false) return null;
  if (typeof opts.cache === 'string') return opts.cache;
  if ((env.CSTO_LENS_CACHE ?? '').toLowerCase() === 'off') return null;
  if (env.CSTO_LENS_CACHE_DIR) return env.CSTO_LENS_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'csto-lens');
}
