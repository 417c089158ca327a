import type { BuildModule } from './service';

// The knowledge-base build as a script of its own (entrypoints/kb-build.ts → /kb-build.js), so
// the background worker's bundle holds no compromise and no NLP: a worker Chrome restarts has
// only what matching needs to parse and run. The script is loaded when a build is needed:
// importScripts in Chrome's service worker (which allows no import()), import() in Firefox's
// background page. Chrome runs importScripts after a worker's install only for scripts it
// imported during the install, so the worker imports it then (the install is when it builds).

export const BUILD_SCRIPT = '/kb-build.js';
const GLOBAL = '__cstoLensBuild';

type WithBuild = typeof globalThis & { [GLOBAL]?: BuildModule; importScripts?: (...urls: string[]) => void };

/** Called by the build script: makes the build module reachable from the worker's code. */
export function exposeBuild(build: BuildModule): void {
  (globalThis as WithBuild)[GLOBAL] = build;
}

/** Whether this context loads scripts with importScripts (a classic service worker). */
export function canImportScripts(): boolean {
  return typeof (globalThis as WithBuild).importScripts === 'function';
}

/** Runs the build script synchronously now (a service worker's install), if it is not loaded yet. */
export function importBuildScript(url: string): void {
  const g = globalThis as WithBuild;
  if (!g[GLOBAL] && g.importScripts) g.importScripts(url);
}

/** The build module, loading the build script at `url` first if needed. */
export async function loadBuildScript(url: string): Promise<BuildModule> {
  const g = globalThis as WithBuild;
  if (!g[GLOBAL]) {
    if (g.importScripts) g.importScripts(url);
    else await import(/* @vite-ignore */ url);
  }
  const build = g[GLOBAL];
  if (!build) throw new Error(`${url} did not provide the knowledge-base build`);
  return build;
}
