import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { extractFiles } from './lib/extract-files';
import { openNodeKnowledgeBase } from './lib/node-kb';
import { ROOT } from './lib/sources';

// npx tsx scripts/eval-news.ts [dev|heldout|all] [--verbose]
// Recall, precision and speaker accuracy of `kb extract` on tests/fixtures/news-en (expected.json).

interface Expected { fragment: string; speakerId?: string; speakerName?: string }
const norm = (s: string): string => s.toLowerCase().replace(/[’‘`]/g, "'").replace(/[“”«»„]/g, '"').replace(/\s+/g, ' ').trim();

async function main(): Promise<number> {
  const which = process.argv[2] ?? 'heldout';
  const verbose = process.argv.includes('--verbose');
  const dir = join(ROOT, 'tests/fixtures/news-en');
  const expected = (JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as { files: Record<string, Expected[]> }).files;
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt') && (which === 'all' || f.startsWith(which))).sort();
  const kb = await openNodeKnowledgeBase();
  let exp = 0, found = 0, right = 0, returned = 0, real = 0;
  try {
    const out = await extractFiles(kb, files.map((f) => join(dir, f)), null);
    if ('error' in out) throw new Error(out.error);
    out.documents.forEach((d, i) => {
      const file = files[i]!;
      const want = expected[file] ?? [];
      exp += want.length;
      returned += d.statements.length;
      const used = new Set<number>();
      for (const s of d.statements) {
        const t = norm(s.text);
        if (want.some((w) => t.includes(norm(w.fragment)))) real++;
        else if (verbose) console.log(`  ${file}: NOT A STATEMENT? [${s.speakerMention}] ${s.text.slice(0, 90)}`);
      }
      want.forEach((w, k) => {
        const hit = d.statements.find((s, j) => !used.has(j) && norm(s.text).includes(norm(w.fragment)));
        if (!hit) {
          if (verbose) console.log(`  ${file}: MISSED ${w.fragment}`);
          return;
        }
        used.add(d.statements.indexOf(hit));
        found++;
        const ok = w.speakerId
          ? hit.speakerId === w.speakerId
          : [hit.speakerName, hit.speakerMention, hit.speakerId].some((x) => x && norm(x).includes(norm(w.speakerName!)));
        if (ok) right++;
        else if (verbose) console.log(`  ${file}: WRONG SPEAKER for ${w.fragment}: ${hit.speakerId ?? hit.speakerName} (${hit.speakerMention}) want ${w.speakerId ?? w.speakerName}`);
        void k;
      });
    });
  } finally {
    kb.stop();
    kb.db.close();
  }
  const pct = (a: number, b: number): string => (b ? `${((100 * a) / b).toFixed(1)} %` : 'n/a');
  console.log(`${which}: ${files.length} files, ${exp} statements expected`);
  console.log(`recall            ${found}/${exp} = ${pct(found, exp)}`);
  console.log(`precision         ${real}/${returned} = ${pct(real, returned)}`);
  console.log(`speaker accuracy  ${right}/${found} = ${pct(right, found)}`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`eval-news: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);
