import type { CardData, CardSource, CardStatement } from '../lib/kb/card';
import { exportKnowledgeBase, findEntity } from '../lib/kb/queries';
import { formatDate } from '../lib/ui/format';
import { openNodeKnowledgeBase } from './lib/node-kb';
import { extractFiles } from './lib/extract-files';

// npm run --silent kb -- export | stats | entity NAME | extract FILE... [--url URL]
const USAGE = 'usage: npm run --silent kb -- export | stats | entity NAME | extract FILE... [--url URL]';

const sourceLine = (s: CardSource | null, documentId?: string) =>
  s ? `${s.outlet}, ${formatDate(s.date, s.datePrecision)}: “${s.title}” (${s.documentId})` : documentId === undefined ? 'CSTO Lens registry' : documentId;

/** The same view of an entity as the card in the page (KnowledgeService.card), as text. */
function formatEntity(card: CardData): string {
  const { entity, facts, statements, peers } = card;
  const lines = [`${entity.name}  [${entity.type}]  ${entity.id}`, `  ${entity.description}`];
  const aliases = entity.aliases.filter((a) => a !== entity.name);
  if (aliases.length) lines.push(`  also: ${aliases.join(', ')}`);
  if (facts.length) {
    lines.push('', 'Facts:');
    for (const f of facts) lines.push(`  - ${f.text.replace(/\s+/g, ' ')}`, `      source: ${sourceLine(f.source)}`);
  }
  const group = (title: string, list: CardStatement[]) => {
    if (!list.length) return;
    lines.push('', `${title}:`);
    for (const s of list) {
      lines.push(`  - [${s.kind}] ${s.speakerName ?? 'unknown speaker'}${s.date ? `, ${s.date}` : ''}: “${s.text.replace(/\s+/g, ' ')}”`);
      lines.push(`      source: ${sourceLine(s.source)}`);
    }
  };
  group('Statements by this entity', statements.filter((s) => s.relation === 'spoken'));
  group('Statements naming this entity', statements.filter((s) => s.relation === 'names'));
  group('Statements naming entities close to it', statements.filter((s) => s.relation === 'near'));
  if (peers.length) lines.push('', `Often appears with: ${peers.map((p) => `${p.name} (${p.count})`).join(', ')}`);
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || !['export', 'stats', 'entity', 'extract'].includes(command)) {
    console.error(USAGE);
    return 2;
  }
  if (command === 'entity' && rest.length === 0) {
    console.error('kb entity: give an entity name, alias or id, e.g. npm run --silent kb -- entity Lavrov');
    return 2;
  }
  let url: string | null = null;
  const files: string[] = [];
  if (command === 'extract') {
    for (let i = 0; i < rest.length; i++) {
      if (rest[i] === '--url') {
        url = rest[++i] ?? null;
        if (!url) {
          console.error('kb extract: --url needs a URL');
          return 2;
        }
      } else files.push(rest[i]!);
    }
    if (!files.length) {
      console.error('kb extract: give one or more plain-text or HTML files, e.g. npm run --silent kb -- extract article.html --url https://tass.com/...');
      return 2;
    }
  }
  const kb = await openNodeKnowledgeBase();
  try {
    if (command === 'extract') {
      const out = await extractFiles(kb, files, url);
      if ('error' in out) {
        console.error(`kb extract: ${out.error}`);
        return 2;
      }
      process.stdout.write(JSON.stringify(out, null, 2) + '\n');
    } else if (command === 'export') {
      process.stdout.write(JSON.stringify(await exportKnowledgeBase(kb.db), null, 2) + '\n');
    } else if (command === 'stats') {
      const { ready: _ready, ...stats } = await kb.stats();
      const width = Math.max(...Object.keys(stats).map((k) => k.length));
      for (const [k, n] of Object.entries(stats)) console.log(`${k.padEnd(width)}  ${n}`);
    } else {
      const query = rest.join(' ');
      const entity = await findEntity(kb.db, query);
      if (!entity) {
        console.error(`kb entity: no entity named “${query}”`);
        return 1;
      }
      console.log(formatEntity((await kb.card(entity.id))!));
    }
  } finally {
    kb.stop();
    kb.db.close();
  }
  return 0;
}

// process.exitCode, never process.exit(): exiting at once would drop what is still queued for a pipe.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`kb: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);
