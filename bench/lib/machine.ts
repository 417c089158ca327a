import { spawnSync } from 'node:child_process';
import { CHROMIUM_PATH, FIREFOX_PATH } from '../../tests/e2e/browsers.ts';

function version(bin: string): string {
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8', timeout: 15_000 });
  return (r.stdout || r.stderr || '').trim().split('\n').pop() || `${bin}: not found`;
}

export function browserVersions(): { chromium: string; firefox: string } {
  return { chromium: version(CHROMIUM_PATH), firefox: version(FIREFOX_PATH) };
}
