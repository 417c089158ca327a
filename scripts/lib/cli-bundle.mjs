/* global process */
// speed (issue 13): the command-line tools as cached ESM bundles (scripts/run-cli.mjs runs them).
// A bundle of scripts/NAME.ts is rebuilt with esbuild only when it is missing, one of its own
// inputs (esbuild's metafile) is newer than it, or package-lock.json is; otherwise running it is
// plain node, with no TypeScript to transpile (tsx took about 0.75 s of each call).
//
// The bundles live in .cache/cli/ of the checkout, so packages resolve from the checkout's
// node_modules (they stay outside the bundle); the scripts find the root by walking up from
// their chunk (scripts/lib/root.ts), which may be .cache/cli/ or .cache/cli/chunks/.
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const mtime = (p) => {
  try {
    return statSync(p).mtimeMs;
  } catch {
    return Infinity; // gone: rebuild
  }
};

/** What the last build of a bundle recorded: its inputs (root-relative) and chunks, or null. */
function record(outDir, name) {
  try {
    const r = JSON.parse(readFileSync(join(outDir, `${name}.inputs.json`), 'utf8'));
    return Array.isArray(r.inputs) && Array.isArray(r.chunks) ? r : null;
  } catch {
    return null;
  }
}

/** Whether the bundle is missing or older than one of its inputs. */
export function isStale(root, name, outDir = join(root, '.cache', 'cli')) {
  const r = record(outDir, name);
  const built = mtime(join(outDir, `${name}.mjs`));
  if (!r || !Number.isFinite(built)) return true;
  if (r.chunks.some((c) => !Number.isFinite(mtime(join(outDir, c))))) return true;
  return [...r.inputs, 'package-lock.json'].some((f) => mtime(join(root, f)) > built);
}

async function build(root, name, outDir) {
  const { build: esbuild } = await import('esbuild');
  const tmpName = `tmp-${process.pid}`;
  const tmp = join(outDir, tmpName);
  const started = new Date(); // a source saved while esbuild reads stays newer than the bundle
  const result = await esbuild({
    absWorkingDir: root,
    entryPoints: { [name]: join(root, 'scripts', `${name}.ts`) },
    outdir: tmp,
    entryNames: '[name]',
    // What a script imports with import() (the knowledge-base build, the NLP, compromise) is a
    // chunk of its own, loaded only when a call builds.
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    splitting: true,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    metafile: true,
    logLevel: 'error',
    legalComments: 'none',
  });
  // The inputs, root-relative (node_modules is covered by package-lock.json).
  const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.includes('node_modules/'));
  const chunks = Object.keys(result.metafile.outputs)
    .map((f) => f.slice(f.indexOf(`${tmpName}/`) + tmpName.length + 1))
    .filter((f) => f.startsWith('chunks/'));
  mkdirSync(join(outDir, 'chunks'), { recursive: true });
  for (const c of chunks) renameSync(join(tmp, c), join(outDir, c)); // content-hashed names: no clash
  writeFileSync(join(outDir, `${name}.inputs.json`), JSON.stringify({ inputs, chunks }));
  utimesSync(join(tmp, `${name}.mjs`), started, started);
  renameSync(join(tmp, `${name}.mjs`), join(outDir, `${name}.mjs`));
  rmSync(tmp, { recursive: true, force: true });
  // Chunks no bundle uses any more, once no call can still be loading them.
  const used = new Set(
    readdirSync(outDir)
      .filter((f) => f.endsWith('.inputs.json'))
      .flatMap((f) => record(outDir, f.slice(0, -'.inputs.json'.length))?.chunks ?? []),
  );
  for (const f of readdirSync(join(outDir, 'chunks'))) {
    const p = join(outDir, 'chunks', f);
    if (!used.has(`chunks/${f}`) && Date.now() - mtime(p) > 3_600_000) rmSync(p, { force: true });
  }
}

/** The bundle of scripts/NAME.ts under root, built first if stale; returns its path. */
export async function ensureBundle(root, name, outDir = join(root, '.cache', 'cli')) {
  mkdirSync(outDir, { recursive: true });
  if (isStale(root, name, outDir)) await build(root, name, outDir);
  return join(outDir, `${name}.mjs`);
}
