import type { Alias, Span } from '../model/types';
import { charClass, isLetterClass, isWordUnit } from './chars';
import { ContextReader, compileContext, type CompiledContext } from './context';
import { HBR, SPACE, normalizeText, type NormalizedText } from './normalize';
import { buildTrie, childOf, type Trie } from './trie';

// Compiles aliases into two static tries over the normalized stream (one over case-folded
// keys, one over exact-case keys for case-sensitive aliases) and scans texts leftmost-longest.
//
// Scanning walks the tries from every position where a word may begin; a walk branches
// only at a "*" (0..4 more letters of the same script) and at a line-break hyphen (joined or
// read as a space), so the work per position is bounded by the depth of the longest alias
// that actually matches there: linear in the text for any realistic alias set.

/** Key unit standing for a "*" at the end of an alias word. Never occurs in a text stream. */
export const STAR = 0x01;
const STAR_LETTERS = 4;

interface Entry {
  readonly entityId: string;
  readonly context: CompiledContext | null;
  /** The alias ends in a letter or digit: the match must end at a word boundary. */
  readonly wordEnd: boolean;
}

interface Table {
  readonly trie: Trie;
  /** Entries in the order of their sorted keys (the trie's terminal ranges point here). */
  readonly entries: readonly Entry[];
}

const FOLDED = 0;
const CASED = 1;

/** The trie key of an alias: its normalized units, "*" at a word end as STAR, trimmed. */
export function aliasKey(text: string, caseSensitive: boolean): string {
  const t = normalizeText(text);
  const units = caseSensitive ? t.cased : t.folded;
  let s = '';
  for (let i = 0; i < t.length; i++) {
    const c = units[i]!;
    if (c === HBR) continue;
    const atWordEnd = i + 1 === t.length || units[i + 1] === SPACE;
    if (c === 0x2a && i > 0 && isWordUnit(units[i - 1]!) && atWordEnd) s += String.fromCharCode(STAR);
    else s += String.fromCharCode(c);
  }
  let a = 0;
  let b = s.length;
  while (a < b && s.charCodeAt(a) === SPACE) a++;
  while (b > a && s.charCodeAt(b - 1) === SPACE) b--;
  return s.slice(a, b);
}

function buildTable(items: { key: string; order: number; entry: Entry }[]): Table | null {
  if (items.length === 0) return null;
  items.sort((x, y) => {
    if (x.key !== y.key) return x.key < y.key ? -1 : 1;
    const cx = x.entry.context ? 1 : 0;
    const cy = y.entry.context ? 1 : 0;
    return cx - cy || x.order - y.order; // plain aliases before ambiguous ones, then input order
  });
  return { trie: buildTrie(items.map((i) => i.key)), entries: items.map((i) => i.entry) };
}

export class Automaton {
  readonly aliasCount: number;
  private readonly tables: (Table | null)[];
  // Scratch space reused by every scan (scans are synchronous); grown on demand.
  private stack = new Int32Array(64);
  private candTable = new Int32Array(16);
  private candNode = new Int32Array(16);
  private candEnd = new Int32Array(16);
  private candCount = 0;

  constructor(aliases: readonly Alias[]) {
    const folded: { key: string; order: number; entry: Entry }[] = [];
    const cased: { key: string; order: number; entry: Entry }[] = [];
    let order = 0;
    for (const alias of aliases) {
      const key = aliasKey(alias.text, alias.caseSensitive);
      if (key.length === 0) continue;
      let last = key.charCodeAt(key.length - 1);
      if (last === STAR && key.length > 1) last = key.charCodeAt(key.length - 2);
      const entry: Entry = {
        entityId: alias.entityId,
        context: alias.context ? compileContext(alias.context) : null,
        wordEnd: isWordUnit(last),
      };
      (alias.caseSensitive ? cased : folded).push({ key, order: order++, entry });
    }
    this.aliasCount = order;
    this.tables = [buildTable(folded), buildTable(cased)];
  }

  /** Trie size, for benchmarks: nodes and bytes of the typed arrays. */
  get stats(): { nodes: number; bytes: number } {
    let nodes = 0;
    let bytes = 0;
    for (const table of this.tables) {
      if (!table) continue;
      const t = table.trie;
      nodes += t.nodeCount;
      for (const a of [t.childStart, t.edgeChar, t.edgeNode, t.termStart, t.termCount]) bytes += a.byteLength;
    }
    return { nodes, bytes };
  }

  scan(text: string): Span[] {
    const spans: Span[] = [];
    if (this.aliasCount === 0 || text.length === 0) return spans;
    const t = normalizeText(text);
    const n = t.length;
    const foldedTable = this.tables[FOLDED];
    const casedTable = this.tables[CASED];
    let reader: ContextReader | null = null;
    let i = 0;
    let prevWord = false;
    while (i < n) {
      const c = t.cased[i]!;
      const word = isWordUnit(c);
      if (c === SPACE || (word && prevWord)) {
        prevWord = word;
        i++;
        continue;
      }
      prevWord = word;
      this.candCount = 0;
      if (foldedTable && childOf(foldedTable.trie, 0, t.folded[i]!) >= 0) this.walk(FOLDED, foldedTable.trie, t.folded, i, n);
      if (casedTable && childOf(casedTable.trie, 0, c) >= 0) this.walk(CASED, casedTable.trie, t.cased, i, n);
      if (this.candCount === 0) {
        i++;
        continue;
      }
      reader ??= new ContextReader(text, t);
      const hit = this.choose(t, reader, i);
      if (hit === null) {
        i++;
        continue;
      }
      const start = t.starts[i]!;
      const end = t.ends[hit.end - 1]!;
      spans.push({ start, end, text: text.slice(start, end), entityId: hit.entityId });
      i = hit.end;
      prevWord = isWordUnit(t.cased[i - 1]!);
    }
    return spans;
  }

  private addCandidate(table: number, node: number, end: number): void {
    if (this.candCount === this.candEnd.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.candTable = grow(this.candTable);
      this.candNode = grow(this.candNode);
      this.candEnd = grow(this.candEnd);
    }
    const k = this.candCount++;
    this.candTable[k] = table;
    this.candNode[k] = node;
    this.candEnd[k] = end;
  }

  private push(sp: number, node: number, p: number): number {
    if (sp + 2 > this.stack.length) {
      const b = new Int32Array(this.stack.length * 2);
      b.set(this.stack);
      this.stack = b;
    }
    this.stack[sp] = node;
    this.stack[sp + 1] = p;
    return sp + 2;
  }

  /** Every (node, end) a walk from `start` reaches where some alias key ends. */
  private walk(table: number, trie: Trie, stream: Uint16Array, start: number, n: number): void {
    let sp = this.push(0, 0, start);
    while (sp > 0) {
      sp -= 2;
      const node = this.stack[sp]!;
      const p = this.stack[sp + 1]!;
      if (trie.termStart[node]! >= 0 && p > start && stream[p - 1] !== HBR) this.addCandidate(table, node, p);
      const first = trie.childStart[node]!;
      if (first === trie.childStart[node + 1]!) continue;
      if (trie.edgeChar[first] === STAR) {
        const next = trie.edgeNode[first]!;
        sp = this.push(sp, next, p);
        const script = charClass(stream[p - 1]!);
        if (isLetterClass(script)) {
          let q = p;
          for (let m = 0; m < STAR_LETTERS && q < n && charClass(stream[q]!) === script; m++) sp = this.push(sp, next, ++q);
        }
      }
      if (p >= n) continue;
      const c = stream[p]!;
      if (c === HBR) {
        sp = this.push(sp, node, p + 1); // "Organi-\nzation": one word
        const s = childOf(trie, node, SPACE); // "CSTO-\nled": two
        if (s >= 0) sp = this.push(sp, s, p + 1);
        continue;
      }
      const child = childOf(trie, node, c);
      if (child >= 0) sp = this.push(sp, child, p + 1);
    }
  }

  /** The longest candidate whose boundary and context hold; case-sensitive ones win ties. */
  private choose(t: NormalizedText, reader: ContextReader, start: number): { end: number; entityId: string } | null {
    const ends = this.candEnd;
    const count = this.candCount;
    for (;;) {
      let best = -1;
      for (let k = 0; k < count; k++) {
        const e = ends[k]!;
        if (e < 0) continue;
        if (best < 0 || e > ends[best]! || (e === ends[best]! && this.candTable[k]! > this.candTable[best]!)) best = k;
      }
      if (best < 0) return null;
      const end = ends[best]!;
      ends[best] = -1;
      const table = this.tables[this.candTable[best]!]!;
      const node = this.candNode[best]!;
      const from = table.trie.termStart[node]!;
      const to = from + table.trie.termCount[node]!;
      const boundary = end >= t.length || !isWordUnit(t.cased[end]!);
      for (let k = from; k < to; k++) {
        const entry = table.entries[k]!;
        const ctx = entry.context;
        if (entry.wordEnd && !boundary && !(ctx?.yearSuffix && reader.yearFollows(end))) continue;
        if (ctx && !reader.holds(ctx, start, end)) continue;
        return { end, entityId: entry.entityId };
      }
    }
  }
}
