
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
  return factKeyer(names)(text);
}

/** factKey with the names folded once (a card tidies thousands of facts with 1,000 learned pages). */
function factKeyer(names: readonly string[]): (text: string) => string {
  // Longest names first, so "sergey viktorovich lavrov" goes before "lavrov".
  const folded = [...names].map((x) => fold(x).replace(/[*]/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim()).filter(Boolean).sort((a, b) => b.length - a.length);
  // The same words recur across articles ("Russian Foreign Minister Sergey Lavrov"): each text once.
  const keys = new Map<string, string>();
  return (text) => {
    let key = keys.get(text);
    if (key === undefined) {
      let t = ` ${fold(text).replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
      for (const n of folded) t = t.split(` ${n} `).join(' ');
      key = t.replace(/\s+/g, ' ').trim();
      keys.set(text, key);
    }
    return key;
  };
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
  const keyOf = factKeyer(names);
  const byKey = new Map<string, { fact: F & { also: S[] }; sources: Set<string> }>();
  for (const f of facts) {
    const key = keyOf(f.text);
    if (!key) continue;
    const seen = byKey.get(key);
    if (seen) {
      if (f.source && !seen.sources.has(f.source.documentId)) {
        seen.sources.add(f.source.documentId);
        seen.fact.also.push(f.source);
      }
      continue;
    }
    const text = f.kind === 'role' ? rolePhrase(f.text, names) || f.text : f.text.replace(/\s+/g, ' ').trim();
    // The first source counts as seen (a later fact of the same document adds nothing to `also`).
    byKey.set(key, { fact: { ...f, text, also: [] }, sources: new Set(f.source ? [f.source.documentId] : []) });
  }
  return [...byKey.values()].map((v) => v.fact);
}
