import type { Alias } from '../../../lib/model/types';
import { rng } from '../../../scripts/lib/rng';
export { rng };

// Deterministic synthetic aliases and news-like text, shared by the scale test and
// scripts/bench-match.ts.


const LATIN = ['ka', 'ro', 'vel', 'min', 'to', 'sar', 'ben', 'lu', 'dor', 'gi', 'pan', 'tre', 'os', 'mar', 'quin', 'zed'];
const CYRILLIC = ['ка', 'ро', 'вел', 'мин', 'то', 'сар', 'бен', 'лу', 'дор', 'ги', 'пан', 'тре', 'ос', 'мар', 'жин', 'зед'];
const CAPS = 'ABCDEFGHIKLMNOPRSTUVZ';

function word(r: () => number, syllables: string[]): string {
  const n = 2 + Math.floor(r() * 3);
  let w = '';
  for (let i = 0; i < n; i++) w += syllables[Math.floor(r() * syllables.length)];
  return w;
}

const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

/** `count` distinct aliases: multi-word names, acronyms, declinable Russian names, a few ambiguous. */
export function syntheticAliases(count: number, seed = 1): Alias[] {
  const r = rng(seed);
  const out: Alias[] = [];
  const seen = new Set<string>();
  while (out.length < count) {
    const i = out.length;
    const kind = r();
    let a: Alias;
    if (kind < 0.1) {
      let t = '';
      const n = 3 + Math.floor(r() * 3);
      for (let k = 0; k < n; k++) t += CAPS[Math.floor(r() * CAPS.length)];
      a = { text: t, entityId: `syn:${i}`, caseSensitive: true };
    } else if (kind < 0.35) {
      const n = 1 + Math.floor(r() * 4);
      const words = Array.from({ length: n }, () => word(r, CYRILLIC));
      a = { text: cap(words.join(' ')) + (r() < 0.5 ? '*' : ''), entityId: `syn:${i}`, caseSensitive: false, lang: 'ru' };
    } else {
      const n = 1 + Math.floor(r() * 4);
      const words = Array.from({ length: n }, () => cap(word(r, LATIN)));
      a = { text: words.join(' '), entityId: `syn:${i}`, caseSensitive: false };
      if (r() < 0.05) a.context = { cues: [word(r, LATIN)], yearSuffix: true };
    }
    const key = a.text.toLowerCase().replace(/\*$/, '');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(a);
  }
  return out;
}

const FILLER = (
  'the officials said on Tuesday that talks in the capital would continue next week while ministers ' +
  'discussed border security, drills and regional cooperation; according to the statement, ' +
  'министры обсудили вопросы безопасности и сотрудничества в регионе, сообщили в пресс-службе. ' +
  'Analysts noted — “this is not new” — that the 2024 meeting had been postponed twice.'
).split(' ');

/** About `bytes` characters of news-like prose with alias mentions sprinkled in. */
export function syntheticText(aliases: readonly Alias[], chars: number, seed = 2): string {
  const r = rng(seed);
  const parts: string[] = [];
  let len = 0;
  while (len < chars) {
    let s: string;
    const x = r();
    if (x < 0.04 && aliases.length > 0) {
      const a = aliases[Math.floor(r() * aliases.length)]!;
      s = a.text.endsWith('*') ? a.text.slice(0, -1) + 'ами' : a.text;
      if (r() < 0.2) s += '’s';
    } else if (x < 0.05) s = '🙂';
    else if (x < 0.08) s = '\n';
    else s = FILLER[Math.floor(r() * FILLER.length)]!;
    parts.push(s);
    len += s.length + 1;
  }
  return parts.join(' ');
}
