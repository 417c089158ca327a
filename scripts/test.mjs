#!/usr/bin/env node
/* global process, console */
// npm test: browsers present → typecheck → lint → unit tests (vitest) → browser tests (vitest, e2e config).
// Streams vitest's output, then prints one summary line for CI:  "tests: N passed, N failed, N skipped"
// Exits non-zero if any step fails. Extra arguments are passed to both vitest runs
// (e.g. `npm test -- -t seed`). CSTO_SKIP_E2E=1 runs only the unit tests.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const VITEST = join(ROOT, 'node_modules/vitest/vitest.mjs');
const extra = process.argv.slice(2);
const tmp = mkdtempSync(join(tmpdir(), 'csto-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
const problems = [];

function step(label, args, { json } = {}) {
  console.log(`\n=== ${label} ===`);
  const t0 = Date.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit', env: process.env });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  const code = r.status ?? 1;
  let counted = false;
  if (json) {
    try {
      const rep = JSON.parse(readFileSync(json, 'utf8'));
      totals.passed += rep.numPassedTests ?? 0;
      totals.failed += rep.numFailedTests ?? 0;
      totals.skipped += (rep.numPendingTests ?? 0) + (rep.numTodoTests ?? 0);
      // A suite that failed to load has no failed *tests*: count it as one failure.
      const brokenSuites = (rep.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length;
      totals.failed += brokenSuites;
      counted = true;
      if (code !== 0 && (rep.numFailedTests ?? 0) + brokenSuites === 0) totals.failed += 1; // e.g. an unhandled error
    } catch {
      /* no report: crashed before writing it */
    }
  }
  if (code !== 0) {
    problems.push(`${label} (exit ${code})`);
    if (json && !counted) totals.failed += 1;
  }
  console.log(`=== ${label}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${secs} s ===`);
  return code === 0;
}

const vitestArgs = (json, config) => [
  VITEST,
  'run',
  ...(config ? ['--config', config] : ['--passWithNoTests']),
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${json}`,
  ...extra,
];

const t0 = Date.now();
let ok = step('browsers', [join(ROOT, 'scripts/ensure-browsers.mjs')]);
// Types and folder boundaries are part of the suite: a broken one counts as a failed test.
for (const [label, args] of [
  ['typecheck', [join(ROOT, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', ROOT]],
  ['lint (folder boundaries)', [join(ROOT, 'node_modules/eslint/bin/eslint.js'), ROOT]],
]) {
  if (step(label, args)) totals.passed += 1;
  else {
    totals.failed += 1;
    ok = false;
  }
}
const unitJson = join(tmp, 'unit.json');
ok = step('unit tests', vitestArgs(unitJson), { json: unitJson }) && ok;
if (process.env.CSTO_SKIP_E2E === '1') {
  console.log('\n(CSTO_SKIP_E2E=1: browser tests skipped)');
} else if (problems.some((p) => p.startsWith('browsers'))) {
  console.log('\n(browsers missing: browser tests not run)');
  totals.failed += 1;
} else {
  const e2eJson = join(tmp, 'e2e.json');
  ok = step('browser tests', vitestArgs(e2eJson, 'vitest.e2e.config.ts'), { json: e2eJson }) && ok;
}
rmSync(tmp, { recursive: true, force: true });

console.log(`\n${problems.length ? `failed steps: ${problems.join(', ')}` : 'all steps passed'} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(ok && totals.failed === 0 ? 0 : 1);
