import { entityView, exportKnowledgeBase, findEntity, type EntityView } from '../lib/kb/queries';
import { openNodeKnowledgeBase } from './lib/node-kb';

// npm run --silent kb -- export | stats | entity NAME
const USAGE = 'usage: npm run --silent kb -- export | stats | entity NAME';

function formatEntity(v: EntityView, docTitle: (id: string) => string): string {
  const lines = [`${v.entity.name}  [${v.entity.type}]  ${v.entity.id}`, `  ${v.entity.description}`];
  if (v.aliases.length) lines.push(`  also: ${v.aliases.filter((a) => a !== v.entity.name).join(', ')}`);
  if (v.facts.length) {
    lines.push('', 'Facts:');
    for (const f of v.facts) lines.push(`  - ${f.text.replace(/\s+/g, ' ')}`, `      source: ${docTitle(f.documentId)}`);
  }
  const statements = (title: string, list: typeof v.spoken) => {
    if (!list.length) return;
    lines.push('', `${title}:`);
    for (const s of list) {
      lines.push(`  - [${s.kind}] ${s.speakerName ?? 'unknown speaker'}${s.date ? `, ${s.date}` : ''}: “${s.text.replace(/\s+/g, ' ')}”`);
      lines.push(`      source: ${docTitle(s.documentId)}`);
    }
  };
  statements('Statements by this entity', v.spoken);
  statements('Statements naming this entity', v.mentioning);
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || !['export', 'stats', 'entity'].includes(command)) {
    console.error(USAGE);
    return 2;
  }
  if (command === 'entity' && rest.length === 0) {
    console.error('kb entity: give an entity name, alias or id, e.g. npm run --silent kb -- entity Lavrov');
    return 2;
  }
  const kb = await openNodeKnowledgeBase();
  try {
    if (command === 'export') {
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
      const view = (await entityView(kb.db, entity.id))!;
      const docs = new Map((await kb.db.documents.toArray()).map((d) => [d.id, d]));
      const docTitle = (id: string) => {
        const d = docs.get(id);
        return d ? `${d.outlet}, ${d.date ?? 'undated'}: “${d.title}” (${id})` : id === 'registry' ? 'CSTO Lens registry' : id;
      };
      console.log(formatEntity(view, docTitle));
    }
  } finally {
    kb.stop();
    kb.db.close();
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`kb: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
