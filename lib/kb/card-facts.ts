
// The card's facts as a reader wants them: one line per fact, not one per document that states it.
// Extraction yields "Russian Foreign Minister Sergey Lavrov" once per article that names him so: that
// is one fact (a role) with several sources, and a fact that is only the entity's name says nothing.

/** What tidyFacts needs of a fact (CardFact in lib/kb/card.ts has it). */
interface FactLike<S extends { documentId: string }> {
  kind: string;
  text: string;
  source: S | null;
}

const fold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** What a fact says once the entity's own names are taken out: lowercase words, no punctuation. */
export function factKey(text: string, names: readonly string[]): string {
  let t = ` ${fold(text).replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  // Longest names first, so "sergey viktorovich lavrov" goes before "lavrov".
  for (const n of [...names].map((x) => fold(x).replace(/[*]/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim()).filter(Boolean).sort((a, b) => b.length - a.length)) {
    t = t.split(` ${n} `).join(' ');
  }
  return t.replace(/\s+/g, ' ').trim();
}

/** The role phrase of a role fact ("Russian Foreign Minister Sergey Lavrov" → "Russian Foreign Minister"). */
function rolePhrase(text: string, names: readonly string[]): string {
  let t = text.replace(/\s+/g, ' ').trim();
  for (const n of [...names].filter((x) => x && !x.includes('*')).sort((a, b) => b.length - a.length)) {
    const i = t.toLowerCase().lastIndexOf(n.toLowerCase());
    if (i > 0 && i + n.length >= t.length - 1) t = t.slice(0, i).trim();
  }
  return t.replace(/[,;:–—-]+$/, '').trim();
}

/**
 * Facts merged by what they say (the first of each keeps its place, later ones become `also`),
 * without the ones that only name the entity; role facts read as the role.
 */
export function tidyFacts<S extends { documentId: string }, F extends FactLike<S>>(facts: readonly F[], names: readonly string[]): (F & { also: S[] })[] {
  const byKey = new Map<string, F & { also: S[] }>();
  for (const f of facts) {
    const key = factKey(f.text, names);
    if (!key) continue;
    const seen = byKey.get(key);
    if (seen) {
      if (f.source && f.source.documentId !== seen.source?.documentId && !seen.also.some((s) => s.documentId === f.source!.documentId)) seen.also.push(f.source);
      continue;
    }
    const text = f.kind === 'role' ? rolePhrase(f.text, names) || f.text : f.text.replace(/\s+/g, ' ').trim();
    byKey.set(key, { ...f, text, also: [] });
  }
  return [...byKey.values()];
}
