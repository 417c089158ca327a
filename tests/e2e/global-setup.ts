// Vitest global setup for the browser tests (vitest.e2e.config.ts):
//  1. builds both extension targets once (skip with CSTO_SKIP_BUILD=1),
//  2. starts the fixture-page server and hands its URL to the tests.
// Tests read the values with `inject('fixtureBaseUrl')` etc. (see ./env.ts for helpers).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { EXT_DIRS, ROOT_DIR } from './browsers.ts';
import { startFixtureServer } from './server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** http://127.0.0.1:PORT/ serving tests/fixtures/pages/ */
    fixtureBaseUrl: string;
    /** Absolute paths of the built, unpacked extensions. */
    extDirs: { chromium: string; firefox: string };
  }
}

function build(label: string, args: string[]): void {
  const t0 = Date.now();
  const r = spawnSync('npx', ['wxt', 'build', ...args], {
    cwd: ROOT_DIR,
    encoding: 'utf8',
    // Vitest sets NODE_ENV=test; a build must be a production build, or React's JSX is
    // compiled for its development runtime (jsxDEV) while the production runtime is bundled.
    env: { ...process.env, NO_COLOR: '1', NODE_ENV: 'production' },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) {
    process.stderr.write(r.stdout ?? '');
    process.stderr.write(r.stderr ?? '');
    throw new Error(`[e2e] ${label} build failed (npx wxt build ${args.join(' ')}), exit ${r.status ?? r.signal}`);
  }
  console.log(`[e2e] built ${label} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

export default async function setup(project: TestProject) {
  if (process.env.CSTO_SKIP_BUILD === '1') {
    console.log('[e2e] CSTO_SKIP_BUILD=1: using the existing .output/ builds');
  } else {
    // Sequential: both builds write .wxt/ and would race.
    build('chrome-mv3', []);
    build('firefox-mv2', ['-b', 'firefox']);
  }
  for (const dir of Object.values(EXT_DIRS)) {
    if (!existsSync(join(dir, 'manifest.json'))) {
      throw new Error(`[e2e] missing ${dir}/manifest.json — build the extension (npm run build && npm run build:firefox)`);
    }
  }

  const server = await startFixtureServer();
  project.provide('fixtureBaseUrl', server.baseUrl);
  project.provide('extDirs', { ...EXT_DIRS });
  process.env.CSTO_FIXTURE_URL = server.baseUrl; // for anything outside vitest's inject
  console.log(`[e2e] fixture server at ${server.baseUrl}`);

  return async () => {
    await server.close();
  };
}
