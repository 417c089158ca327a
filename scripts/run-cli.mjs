#!/usr/bin/env node
/* global process, console */
// speed (issue 13): `npm run match` / `npm run kb` without tsx: runs a cached ESM bundle of
// scripts/NAME.ts with plain node, rebuilt only when its sources change (scripts/lib/cli-bundle.mjs).
//
//   node scripts/run-cli.mjs match FILE        node scripts/run-cli.mjs kb stats
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureBundle } from './lib/cli-bundle.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLIS = ['match', 'kb'];

const [name, ...args] = process.argv.slice(2);
if (name === undefined || !CLIS.includes(name)) {
  console.error(`usage: node scripts/run-cli.mjs ${CLIS.join('|')} ARGS...`);
  process.exitCode = 2;
} else {
  const bundle = await ensureBundle(ROOT, name);
  // The script reads its arguments from process.argv[2...], as when run directly.
  process.argv = [process.argv[0], join(ROOT, 'scripts', `${name}.ts`), ...args];
  await import(pathToFileURL(bundle).href);
}
