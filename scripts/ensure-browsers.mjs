#!/usr/bin/env node
/* global process, console */
// Makes sure the browsers the e2e tests drive are installed (Debian packages):
//   /usr/bin/chromium     (package chromium)
//   /usr/bin/firefox-esr  (package firefox-esr)
// When one is missing and we are root with apt-get, installs it; otherwise prints the command
// to run and exits 1. Paths can be overridden with CSTO_CHROMIUM_PATH / CSTO_FIREFOX_PATH.
import { accessSync, constants } from 'node:fs';
import { spawnSync } from 'node:child_process';

const BROWSERS = [
  { name: 'Chromium', path: process.env.CSTO_CHROMIUM_PATH ?? '/usr/bin/chromium', pkg: 'chromium' },
  { name: 'Firefox ESR', path: process.env.CSTO_FIREFOX_PATH ?? '/usr/bin/firefox-esr', pkg: 'firefox-esr' },
];

const isExecutable = (p) => {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};
const hasCommand = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

function run(cmd, args) {
  console.log(`[ensure-browsers] $ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (r.status !== 0) {
    console.error(`[ensure-browsers] "${cmd} ${args.join(' ')}" failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
}

const missing = BROWSERS.filter((b) => !isExecutable(b.path));
if (missing.length === 0) {
  for (const b of BROWSERS) console.log(`[ensure-browsers] ${b.name}: ${b.path}`);
  process.exit(0);
}

const pkgs = missing.map((b) => b.pkg);
for (const b of missing) console.log(`[ensure-browsers] ${b.name} not found at ${b.path}`);
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot || !hasCommand('apt-get')) {
  console.error(`[ensure-browsers] install the missing browsers, then re-run:\n  sudo apt-get update && sudo apt-get install -y ${pkgs.join(' ')}`);
  process.exit(1);
}
run('apt-get', ['update']);
run('apt-get', ['install', '-y', ...pkgs]);
const still = missing.filter((b) => !isExecutable(b.path));
if (still.length) {
  console.error(`[ensure-browsers] still missing after install: ${still.map((b) => b.path).join(', ')}`);
  process.exit(1);
}
console.log(`[ensure-browsers] installed ${pkgs.join(' ')}`);
