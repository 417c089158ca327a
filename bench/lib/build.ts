// Makes sure .output/ holds builds of the current sources (rebuilding when a source file is
// newer), then snapshots them into a temporary directory: other people may rebuild .output/
// while a benchmark has a browser open on it.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXT_DIRS, ROOT_DIR } from '../../tests/e2e/browsers.ts';

const SOURCES = ['entrypoints', 'lib', 'components', 'assets', 'public', 'wxt.config.ts', 'scripts/lib/vite-kb-fingerprint.ts', 'package.json', 'package-lock.json'];

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let m = st.mtimeMs;
  for (const e of readdirSync(path)) m = Math.max(m, newest(join(path, e)));
  return m;
}

function oldest(dir: string): number {
  let m = Infinity;
  const walk = (p: string) => {
    const st = statSync(p);
    if (st.isDirectory()) for (const e of readdirSync(p)) walk(join(p, e));
    else m = Math.min(m, st.mtimeMs);
  };
  walk(dir);
  return m;
}

function complete(dir: string): boolean {
  return existsSync(join(dir, 'manifest.json')) && existsSync(join(dir, 'content-scripts', 'content.js')) && existsSync(join(dir, 'background.js'));
}

export function isStale(dir: string): boolean {
  if (!complete(dir)) return true;
  const src = Math.max(...SOURCES.map((s) => newest(join(ROOT_DIR, s))));
  return oldest(dir) < src;
}

function build(args: string[], log: (m: string) => void): void {
  const t0 = Date.now();
  const r = spawnSync('npx', ['wxt', 'build', ...args], { cwd: ROOT_DIR, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`npx wxt build ${args.join(' ')} failed:\n${(r.stdout ?? '') + (r.stderr ?? '')}`.slice(0, 4000));
  log(`built ${args.length ? 'firefox-mv2' : 'chrome-mv3'} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

let ensured = false;

/**
 * Builds both targets if missing or older than the sources (CSTO_SKIP_BUILD=1 never builds).
 * Once per process: the benchmarks of one run share the build made at its start, even if the
 * sources change while it runs.
 */
export function ensureBuilt(log: (m: string) => void): void {
  if (process.env.CSTO_SKIP_BUILD === '1' || ensured) return;
  // Sequential: both builds write .wxt/.
  for (const [dir, args] of [
    [EXT_DIRS.chromium, []],
    [EXT_DIRS.firefox, ['-b', 'firefox']],
  ] as const) {
    if (!isStale(dir)) continue;
    try {
      build([...args], log);
    } catch (err) {
      if (!complete(dir)) throw err;
      log(`build failed; using the existing ${dir}: ${String(err).split('\n')[0]}`);
    }
  }
  ensured = true;
}

/** A private copy of a built extension (waits a little if someone is rebuilding it right now). */
export async function snapshot(dir: string): Promise<string> {
  for (let i = 0; i < 60 && !complete(dir); i++) await new Promise((r) => setTimeout(r, 1000));
  if (!complete(dir)) throw new Error(`no complete build at ${dir}`);
  const out = mkdtempSync(join(tmpdir(), 'csto-bench-ext-'));
  cpSync(dir, out, { recursive: true });
  return out;
}
