import { readFileSync } from 'node:fs';
import { openNodeMatcher } from './lib/node-matcher';

// npm run --silent match -- FILE   (or - for standard input)
function readInput(arg: string | undefined): string {
  if (!arg) throw new UsageError('usage: npm run --silent match -- FILE   (FILE may be - for standard input)');
  try {
    const buf = readFileSync(arg === '-' ? 0 : arg);
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`match: no such file: ${arg}`);
    if (code === 'EISDIR') throw new UsageError(`match: ${arg} is a directory, not a text file`);
    if (code === 'EACCES') throw new UsageError(`match: cannot read ${arg}: permission denied`);
    if (err instanceof TypeError) throw new UsageError(`match: ${arg} is not valid UTF-8 text`);
    throw new UsageError(`match: cannot read ${arg}: ${(err as Error).message}`);
  }
}

class UsageError extends Error {}

async function main(): Promise<number> {
  const text = readInput(process.argv[2]);
  const matcher = await openNodeMatcher();
  const out = matcher.match(text).map((s) => ({
    start: s.start,
    end: s.end,
    text: text.slice(s.start, s.end),
    entityId: s.entityId,
    name: matcher.name(s.entityId),
    type: s.type,
  }));
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  return 0;
}

// process.exitCode, never process.exit(): exiting at once would drop what is still queued for a pipe.
main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof UsageError ? err.message : `match: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = err instanceof UsageError ? 2 : 1;
  },
);
