#!/usr/bin/env node
/* global process, console, setTimeout */
// Prepares a local PostgreSQL for the server's tests and prints its URL on stdout (logs go to stderr).
//   node scripts/pg-test-db.mjs            → postgres://csto_test:csto_test@127.0.0.1:5432/csto_test
// As root on Debian: installs postgresql if missing (apt-get), starts the first cluster (pg_ctlcluster),
// creates the role and database csto_test (password login). Idempotent and safe to run concurrently.
// Not root: only checks whether that URL already answers. Exit 1 with the reason on stderr otherwise.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const ROLE = 'csto_test';
const PASSWORD = 'csto_test';
const log = (m) => console.error(`[pg-test-db] ${m}`);
const fail = (m) => {
  console.error(`[pg-test-db] PostgreSQL unavailable: ${m}`);
  process.exit(1);
};
const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { encoding: 'utf8', timeout: 300_000, ...opts });
const has = (cmd) => run('sh', ['-c', `command -v ${cmd}`]).status === 0;
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const url = (port) => `postgres://${ROLE}:${PASSWORD}@127.0.0.1:${port}/${ROLE}`;

function clusters() {
  // "15 main 5432 online postgres /var/lib/postgresql/15/main ..."
  const r = run('pg_lsclusters', ['--no-header']);
  if (r.status !== 0) return [];
  return r.stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [version, name, port, status] = line.trim().split(/\s+/);
      return { version, name, port: Number(port), online: status?.startsWith('online') ?? false };
    });
}

function psql(sql, db = 'postgres') {
  return run('su', ['postgres', '-c', `psql -X -q -v ON_ERROR_STOP=1 -d ${db} -p ${PORT}`], { input: sql });
}

if (!isRoot) {
  // Nothing we may change: report whether the conventional URL works (the test will try it).
  const r = run('pg_isready', ['-h', '127.0.0.1', '-p', '5432']);
  if (r.status === 0) {
    console.log(url(5432));
    process.exit(0);
  }
  fail('not root, so cannot install or start PostgreSQL; set DATABASE_URL_TEST, or run as root, or CSTO_SKIP_PG=1');
}

if (!has('pg_ctlcluster')) {
  if (!has('apt-get')) fail('pg_ctlcluster not found and no apt-get to install postgresql');
  log('installing postgresql (apt-get)');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let r = run('apt-get', ['install', '-y', 'postgresql'], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) {
    run('apt-get', ['update'], { env, stdio: ['ignore', 'inherit', 'inherit'] });
    r = run('apt-get', ['install', '-y', 'postgresql'], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  }
  if (r.status !== 0 || !has('pg_ctlcluster')) fail('apt-get install postgresql failed');
}

let cluster = clusters()[0];
if (!cluster) {
  const versions = existsSync('/usr/lib/postgresql') ? run('ls', ['/usr/lib/postgresql']).stdout.trim().split('\n') : [];
  const version = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!version) fail('no PostgreSQL version under /usr/lib/postgresql');
  log(`creating cluster ${version} main`);
  const r = run('pg_createcluster', [version, 'main']);
  if (r.status !== 0) fail(`pg_createcluster: ${r.stderr.trim()}`);
  cluster = clusters()[0];
  if (!cluster) fail('pg_createcluster made no cluster');
}
const PORT = cluster.port;

if (!cluster.online) {
  log(`starting cluster ${cluster.version} ${cluster.name}`);
  const r = run('pg_ctlcluster', [cluster.version, cluster.name, 'start']);
  // A concurrent start (another test file) may win the race: only the final state matters.
  const now = clusters().find((c) => c.version === cluster.version && c.name === cluster.name);
  if (!now?.online) fail(`pg_ctlcluster ${cluster.version} ${cluster.name} start: ${(r.stderr || r.stdout).trim()}`);
}

for (let i = 0; i < 50 && run('pg_isready', ['-q', '-p', String(PORT)]).status !== 0; i++) {
  await new Promise((r) => setTimeout(r, 200));
}

// Role and database, tolerant of a concurrent run creating them first.
let r = psql(`DO $$ BEGIN
  CREATE ROLE ${ROLE} LOGIN PASSWORD '${PASSWORD}';
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  ALTER ROLE ${ROLE} LOGIN PASSWORD '${PASSWORD}';
END $$;`);
if (r.status !== 0) fail(`creating role: ${r.stderr.trim()}`);
const exists = run('su', ['postgres', '-c', `psql -X -tA -p ${PORT} -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '${ROLE}'"`]);
if (exists.stdout.trim() !== '1') {
  r = psql(`CREATE DATABASE ${ROLE} OWNER ${ROLE};`);
  if (r.status !== 0 && !/already exists/.test(r.stderr)) fail(`creating database: ${r.stderr.trim()}`);
}
console.log(url(PORT));
