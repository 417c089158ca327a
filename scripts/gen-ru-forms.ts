import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRegistry } from '../lib/registry/aliases';
import { generateRuForms, initMorphology } from './lib/ru-forms';
import { ROOT } from './lib/sources';

// `npx tsx scripts/gen-ru-forms.ts [--check]`: writes assets/ru-forms.json, every case form of the
// registry's Russian aliases (see scripts/lib/ru-forms.ts); --check only says whether the committed
// file is what the generator makes (exit code 1 when it drifted).

export const RU_FORMS_PATH = join(ROOT, 'assets', 'ru-forms.json');

export async function renderRuForms(): Promise<string> {
  await initMorphology();
  const registry = parseRegistry(JSON.parse(readFileSync(join(ROOT, 'assets', 'registry.json'), 'utf8')));
  return `${JSON.stringify(generateRuForms(registry), null, 1)}\n`;
}

async function main(): Promise<void> {
  const text = await renderRuForms();
  if (process.argv.includes('--check')) {
    const same = readFileSync(RU_FORMS_PATH, 'utf8') === text;
    console.log(same ? 'assets/ru-forms.json is up to date' : 'assets/ru-forms.json drifted: run npx tsx scripts/gen-ru-forms.ts');
    process.exitCode = same ? 0 : 1;
    return;
  }
  writeFileSync(RU_FORMS_PATH, text);
  const n = Object.values((JSON.parse(text) as { forms: Record<string, string[]> }).forms).reduce((s, f) => s + f.length, 0);
  console.log(`wrote ${RU_FORMS_PATH}: ${n} forms`);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) void main();
