import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EntityMatcher, matcherData } from '../lib/match/entities';
import { parseRegistry, registryAliases, registryEntities } from '../lib/registry/aliases';
import type { Registry } from '../lib/registry/schema';
import { CASE_NAMES, CORE_FORMS, FRAMES, fill } from '../tests/unit/match/ru-cases';
import { ROOT } from './lib/sources';

// `npx tsx scripts/ru-eval.ts [--before <git rev>]`: the Russian matcher measured two ways,
//  1. the six-case probe (tests/unit/match/ru-cases.ts): how many core names are found whole, per case;
//  2. precision and recall on tests/fixtures/ru-eval/paragraphs.json (Russian news-like paragraphs with
//     every expected mention), with the mentions it misses and the ones it should not have found.
// With --before REV the same figures for the registry at that revision, without generated forms.

interface Paragraph {
  style: string;
  text: string;
  expected: [string, string][];
}

export function matcherFor(registry: Registry, withForms: boolean): EntityMatcher {
  const aliases = withForms ? registryAliases(registry) : registryAliases(registry, { generator: 0, forms: {} });
  return new EntityMatcher(matcherData('eval', aliases, registryEntities(registry)));
}

export function probe(m: EntityMatcher): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [i, c] of CASE_NAMES.entries()) {
    let hit = 0;
    for (const [id, ...forms] of CORE_FORMS) {
      const form = forms[i]!;
      const sentence = fill(FRAMES[c][(id.length + i) % FRAMES[c].length]!, form);
      if (m.match(sentence).some((s) => s.entityId === id && sentence.slice(s.start, s.end) === form)) hit++;
    }
    out[c] = hit;
  }
  return out;
}

export function evaluate(m: EntityMatcher, paragraphs: Paragraph[]) {
  let tp = 0;
  let found = 0;
  let expected = 0;
  const misses: string[] = [];
  const extras: string[] = [];
  for (const p of paragraphs) {
    const got = m.match(p.text).map((s) => `${p.text.slice(s.start, s.end)}|${s.entityId}`);
    const want = p.expected.map(([t, id]) => `${t}|${id}`);
    found += got.length;
    expected += want.length;
    const left = [...want];
    for (const g of got) {
      const k = left.indexOf(g);
      if (k >= 0) {
        tp++;
        left.splice(k, 1);
      } else extras.push(`${p.style}: ${g}`);
    }
    for (const w of left) misses.push(`${p.style}: ${w}`);
  }
  return { precision: found ? tp / found : 1, recall: expected ? tp / expected : 1, tp, found, expected, misses, extras };
}

/** `paragraphs.json` (tuned on) or `held-out.json` (written afterwards, never tuned on). */
export function loadParagraphs(set: 'paragraphs' | 'held-out' = 'paragraphs'): Paragraph[] {
  return (JSON.parse(readFileSync(join(ROOT, 'tests', 'fixtures', 'ru-eval', `${set}.json`), 'utf8')) as { paragraphs: Paragraph[] }).paragraphs;
}

function report(label: string, m: EntityMatcher, paragraphs: Paragraph[], heldOut: Paragraph[]): void {
  const p = probe(m);
  const e = evaluate(m, paragraphs);
  const h = evaluate(m, heldOut);
  const total = CORE_FORMS.length;
  console.log(`\n== ${label}`);
  console.log(`six-case probe (${total} core names): ${CASE_NAMES.map((c) => `${c} ${p[c]}/${total}`).join(', ')}; all ${Object.values(p).reduce((a, b) => a + b, 0)}/${total * 6}`);
  console.log(`corpus (${paragraphs.length} paragraphs, ${e.expected} mentions): precision ${(100 * e.precision).toFixed(1)} %, recall ${(100 * e.recall).toFixed(1)} % (${e.tp} right of ${e.found} found)`);
  if (e.misses.length) console.log(`missed:\n  ${e.misses.join('\n  ')}`);
  if (e.extras.length) console.log(`not expected:\n  ${e.extras.join('\n  ')}`);
  console.log(`held-out (${heldOut.length} paragraphs, ${h.expected} mentions): precision ${(100 * h.precision).toFixed(1)} %, recall ${(100 * h.recall).toFixed(1)} % (${h.tp} right of ${h.found} found)`);
  if (h.misses.length) console.log(`missed:\n  ${h.misses.join('\n  ')}`);
  if (h.extras.length) console.log(`not expected:\n  ${h.extras.join('\n  ')}`);
}

function main(): void {
  const paragraphs = loadParagraphs();
  const heldOut = loadParagraphs('held-out');
  const i = process.argv.indexOf('--before');
  if (i >= 0) {
    const rev = process.argv[i + 1] ?? 'HEAD';
    const old = parseRegistry(JSON.parse(execFileSync('git', ['show', `${rev}:assets/registry.json`], { cwd: ROOT, encoding: 'utf8' })));
    report(`before: registry at ${rev}, no generated forms`, matcherFor(old, false), paragraphs, heldOut);
  }
  const registry = parseRegistry(JSON.parse(readFileSync(join(ROOT, 'assets', 'registry.json'), 'utf8')));
  report('now: registry with generated forms', matcherFor(registry, true), paragraphs, heldOut);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) main();
