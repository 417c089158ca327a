// Runs server/main.ts as a real process (node --import tsx) on a random port, for the fault tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Resolves when stdout has printed a line containing `text` (after this call or before it). */
  waitFor(text: string, timeoutMs?: number): Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function startServer(opts: { dataDir?: string; databaseUrl?: string; env?: Record<string, string> }): Promise<ServerProcess> {
  const args = ['--import', 'tsx', 'server/main.ts', '--port', '0'];
  if (opts.dataDir) args.push('--data', opts.dataDir);
  const env: NodeJS.ProcessEnv = { ...process.env, ...opts.env };
  delete env.DATABASE_URL;
  if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    for (const w of [...waiters]) {
      if (!out.includes(w.text)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  });
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const waitFor = (text: string, timeoutMs = 60_000) =>
    new Promise<void>((resolve, reject) => {
      if (out.includes(text)) return resolve();
      const timer = setTimeout(() => reject(new Error(`server did not print "${text}" in ${timeoutMs} ms\nstdout: ${out}\nstderr: ${err}`)), timeoutMs);
      waiters.push({
        text,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
      void exited.then(() => reject(new Error(`server exited (code ${child.exitCode}) before "${text}"\nstdout: ${out}\nstderr: ${err}`)));
    });

  try {
    await waitFor('listening on http://');
  } catch (err) {
    // Not listening (yet): do not leave the process behind.
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    throw err;
  }
  const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
  if (!url) throw new Error(`no URL in: ${out}`);
  return {
    url,
    child,
    waitFor,
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
