// Test helpers: a tiny stand-in for the real matcher, and the hand-made entity map for the seeds.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { EntityInfo, MentionIn } from '../../../lib/nlp';

/** Find the given surface forms in the text (case-sensitive, whole words, longest first, no overlaps). */
export function mentionsFor(text: string, forms: [string, string][]): MentionIn[] {
  const sorted = [...forms].sort((a, b) => b[0].length - a[0].length);
  const out: MentionIn[] = [];
  for (const [form, entityId] of sorted) {
    const esc = form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${esc}(?![\\p{L}\\p{N}])`, 'gu');
    for (const m of text.matchAll(re)) {
      const start = m.index!;
      const end = start + form.length;
      if (out.some((o) => o.start < end && o.end > start)) continue;
      out.push({ start, end, entityId });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

export function entityMap(list: EntityInfo[]): Map<string, EntityInfo> {
  return new Map(list.map((e) => [e.id, e]));
}

export const LAVROV: EntityInfo = {
  id: 'person:sergey-lavrov',
  type: 'person',
  name: 'Sergey Lavrov',
  titles: ['Russian Foreign Minister', 'foreign minister', 'top diplomat', 'head of the Russian Foreign Ministry', 'Minister of Foreign Affairs of the Russian Federation', 'министр иностранных дел России'],
};
export const ZAS: EntityInfo = { id: 'person:stanislav-zas', type: 'person', name: 'Stanislav Zas', titles: ['CSTO Secretary General', 'Secretary General of the CSTO'] };
export const PETRISHENKO: EntityInfo = { id: 'person:igor-petrishenko', type: 'person', name: 'Igor Petrishenko', titles: ['Belarusian Ambassador to Russia', 'Belarusian diplomat'] };
export const PUTIN: EntityInfo = { id: 'person:vladimir-putin', type: 'person', name: 'Vladimir Putin', titles: ['Russian President'] };

export const SEED_ENTITIES: EntityInfo[] = [
  LAVROV, ZAS, PETRISHENKO, PUTIN,
  { id: 'organization:csto', type: 'organization', name: 'Collective Security Treaty Organization' },
  { id: 'body:csto-pa', type: 'body', name: 'CSTO Parliamentary Assembly' },
  { id: 'organization:cis', type: 'organization', name: 'Commonwealth of Independent States' },
  { id: 'organization:sco', type: 'organization', name: 'Shanghai Cooperation Organisation' },
  { id: 'organization:un', type: 'organization', name: 'United Nations' },
  { id: 'document:collective-security-treaty', type: 'document', name: 'Collective Security Treaty' },
  { id: 'body:belarus-national-assembly', type: 'body', name: 'National Assembly of the Republic of Belarus' },
  { id: 'body:kazakhstan-parliament', type: 'body', name: 'Parliament of the Republic of Kazakhstan' },
  { id: 'body:kyrgyzstan-supreme-council', type: 'body', name: 'Supreme Council of the Kyrgyz Republic' },
  { id: 'body:russia-federal-assembly', type: 'body', name: 'Federal Assembly of the Russian Federation' },
  { id: 'body:tajikistan-supreme-assembly', type: 'body', name: 'Supreme Assembly of the Republic of Tajikistan' },
  ...['Armenia', 'Belarus', 'Kazakhstan', 'Kyrgyzstan', 'Russia', 'Tajikistan', 'Afghanistan', 'Serbia', 'Ukraine'].map(
    (n): EntityInfo => ({ id: `country:${n.toLowerCase()}`, type: 'country', name: n }),
  ),
];

export const SEED_FORMS: [string, string][] = [
  ['Sergey Lavrov', LAVROV.id], ['Sergei Lavrov', LAVROV.id], ['Lavrov', LAVROV.id],
  ['Stanislav Zas', ZAS.id],
  ['Igor Petrishenko', PETRISHENKO.id], ['Petrishenko', PETRISHENKO.id],
  ['Putin', PUTIN.id],
  ['Collective Security Treaty Organization', 'organization:csto'], ['Collective Security Treaty Organisation', 'organization:csto'], ['CSTO', 'organization:csto'],
  ['CSTO PA', 'body:csto-pa'], ['CSTO Parliamentary Assembly', 'body:csto-pa'],
  ['CIS', 'organization:cis'], ['Commonwealth of Independent States', 'organization:cis'],
  ['SCO', 'organization:sco'], ['Shanghai Cooperation Organization', 'organization:sco'], ['Shanghai Cooperation Organisation', 'organization:sco'],
  ['UN', 'organization:un'],
  ['Collective Security Treaty', 'document:collective-security-treaty'],
  ['National Assembly of the Republic of Belarus', 'body:belarus-national-assembly'],
  ['Parliament of the Republic of Kazakhstan', 'body:kazakhstan-parliament'],
  ['Supreme Council of the Kyrgyz Republic', 'body:kyrgyzstan-supreme-council'],
  ['Federal Assembly of the Russian Federation', 'body:russia-federal-assembly'],
  ['Supreme Assembly of the Republic of Tajikistan', 'body:tajikistan-supreme-assembly'],
  ['Armenia', 'country:armenia'], ['Belarus', 'country:belarus'], ['Kazakhstan', 'country:kazakhstan'],
  ['Kyrgyzstan', 'country:kyrgyzstan'], ['Kyrgyz Republic', 'country:kyrgyzstan'], ['Russia', 'country:russia'],
  ['Russian Federation', 'country:russia'], ['Tajikistan', 'country:tajikistan'], ['Afghanistan', 'country:afghanistan'],
  ['Ukraine', 'country:ukraine'], ['Serbian', 'country:serbia'],
];

export function readSeed(file: string): string {
  return readFileSync(fileURLToPath(new URL(`../../../assets/seeds/${file}`, import.meta.url)), 'utf8');
}

import { extractStatementsFor, splitSentences, type ExtractedStatement } from '../../../lib/nlp';

/** Statements of a text, with mentions from the given forms (default: the seed forms). */
export function statementsOf(text: string, forms: [string, string][] = SEED_FORMS, entities: EntityInfo[] = SEED_ENTITIES): ExtractedStatement[] {
  return extractStatementsFor(text, splitSentences(text), mentionsFor(text, forms), entityMap(entities));
}

/** Compact view for table assertions. */
export const brief = (s: ExtractedStatement): { kind: string; speakerId: string | null; speakerMention: string | null; text: string } => ({
  kind: s.kind,
  speakerId: s.speakerId,
  speakerMention: s.speakerMention,
  text: s.text,
});
