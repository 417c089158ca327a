import type { Alias, Span } from '../model/types';
import { charClass, isLetterClass, isWordUnit } from './chars';
import { ContextReader, compileContext, type CompiledContext } from './context';
import { HBR, SPACE, StreamBuilder, normalizeInto, foldForMatching, type NormalizedText } from './normalize';
import { gatedLangs } from './lang';
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
  /** Spanish, French or German forms ("Rusia"): only in a paragraph of that language. */
  readonly langs: readonly string[] | null;
}

interface Table {
  readonly trie: Trie;
  /** Entries in the order of their sorted keys (the trie's terminal ranges point here). */
  readonly entries: readonly Entry[];
  /** The root's child along each code unit below ROOT_DIRECT (Latin, Cyrillic), or -1. */
  readonly rootDirect: Int32Array;
}

/** Code units below this have their root child looked up directly (ASCII through Cyrillic). */
const ROOT_DIRECT = 0x500;
/** Streams of at most this many units (~24 MB) are kept between scans: allocating them anew costs ~15% of a scan. */
const KEEP_STREAM_UNITS = 1 << 21;

function rootChild(table: Table, c: number): number {
  return c < ROOT_DIRECT ? table.rootDirect[c]! : childOf(table.trie, 0, c);
}

const FOLDED = 0;
const CASED = 1;

/** The trie key of an alias: its normalized units, "*" at a word end as STAR, trimmed. */
export function aliasKey(text: string, caseSensitive: boolean): string {
  const t = foldForMatching(text);
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
  const trie = buildTrie(items.map((i) => i.key));
  const rootDirect = new Int32Array(ROOT_DIRECT).fill(-1);
  for (let e = trie.childStart[0]!; e < trie.childStart[1]!; e++) {
    const c = trie.edgeChar[e]!;
    if (c < ROOT_DIRECT) rootDirect[c] = trie.edgeNode[e]!;
  }
  return { trie, entries: items.map((i) => i.entry), rootDirect };
}

/** Bump when what a compiled word trie holds or means changes: stored snapshots of another format are compiled again. */
export const WORD_TRIE_FORMAT = 2; // 2: entries carry their languages (es/fr/de forms)

/** One table as plain data: the trie's typed arrays and its entries in columns (structured-clonable). */
interface TableSnapshot {
  trie: Trie;
  rootDirect: Int32Array;
  /** The distinct entity ids; entryEntity[k] indexes into it. */
  entityIds: string[];
  entryEntity: Int32Array;
  entryWordEnd: Uint8Array;
  /** The entries that carry a context rule, already compiled: [entry index, rule]. */
  contexts: [number, CompiledContext][];
  /** The entries limited to languages: [entry index, languages]. */
  langs?: [number, readonly string[]][];
}

/** A compiled word trie as plain data, to store (IndexedDB, a file) and load without compiling. */
export interface WordTrieSnapshot {
  format: number;
  aliasCount: number;
  tables: (TableSnapshot | null)[];
}

function snapshotTable(table: Table | null): TableSnapshot | null {
  if (!table) return null;
  const ids = new Map<string, number>();
  const entryEntity = new Int32Array(table.entries.length);
  const entryWordEnd = new Uint8Array(table.entries.length);
  const contexts: [number, CompiledContext][] = [];
  const langs: [number, readonly string[]][] = [];
  table.entries.forEach((e, k) => {
    if (e.langs) langs.push([k, e.langs]);
    let id = ids.get(e.entityId);
    if (id === undefined) ids.set(e.entityId, (id = ids.size));
    entryEntity[k] = id;
    entryWordEnd[k] = e.wordEnd ? 1 : 0;
    if (e.context) contexts.push([k, e.context]);
  });
  return { trie: table.trie, rootDirect: table.rootDirect, entityIds: [...ids.keys()], entryEntity, entryWordEnd, contexts, langs };
}

function restoreTable(s: TableSnapshot | null): Table | null {
  if (!s) return null;
  const context = new Map(s.contexts);
  const langs = new Map(s.langs ?? []);
  const entries: Entry[] = [];
  for (let k = 0; k < s.entryEntity.length; k++) {
    entries.push({ entityId: s.entityIds[s.entryEntity[k]!]!, context: context.get(k) ?? null, wordEnd: s.entryWordEnd[k] === 1, langs: langs.get(k) ?? null });
  }
  return { trie: s.trie, entries, rootDirect: s.rootDirect };
}

function isSnapshot(x: readonly Alias[] | WordTrieSnapshot): x is WordTrieSnapshot {
  return !Array.isArray(x);
}

/** A trie of alias keys walked from every word start (not Aho-Corasick: no failure links), leftmost-longest. */
export class WordTrie {
  readonly aliasCount: number;
  private readonly tables: (Table | null)[];
  // Scratch space reused by every scan (scans are synchronous); grown on demand.
  private stack = new Int32Array(64);
  private candTable = new Int32Array(16);
  private candNode = new Int32Array(16);
  private candEnd = new Int32Array(16);
  private candCount = 0;
  private builder: StreamBuilder | null = null;

  /** Compiles `aliases`, or takes a snapshot made by snapshot() (no compiling: the arrays are used as they are). */
  constructor(source: readonly Alias[] | WordTrieSnapshot) {
    if (isSnapshot(source)) {
      if (source.format !== WORD_TRIE_FORMAT || source.tables.length !== 2) {
        throw new Error(`word trie snapshot: format ${source.format}, expected ${WORD_TRIE_FORMAT}`);
      }
      this.aliasCount = source.aliasCount;
      this.tables = source.tables.map(restoreTable);
      return;
    }
    const aliases = source;
    const folded: { key: string; order: number; entry: Entry }[] = [];
    const cased: { key: string; order: number; entry: Entry }[] = [];
    let order = 0;
    // The generated case forms of an alias share its context rule: compile each rule once.
    const contexts = new Map<object, CompiledContext>();
    const contextOf = (rule: NonNullable<Alias['context']>) => {
      let c = contexts.get(rule);
      if (!c) contexts.set(rule, (c = compileContext(rule)));
      return c;
    };
    for (const alias of aliases) {
      const key = aliasKey(alias.text, alias.caseSensitive);
      if (key.length === 0) continue;
      let last = key.charCodeAt(key.length - 1);
      if (last === STAR && key.length > 1) last = key.charCodeAt(key.length - 2);
      const entry: Entry = {
        entityId: alias.entityId,
        context: alias.context ? contextOf(alias.context) : null,
        wordEnd: isWordUnit(last),
        langs: gatedLangs(alias.lang),
      };
      (alias.caseSensitive ? cased : folded).push({ key, order: order++, entry });
    }
    this.aliasCount = order;
    this.tables = [buildTable(folded), buildTable(cased)];
  }

  /** The compiled word trie as plain data (shares its typed arrays: do not change them). */
  snapshot(): WordTrieSnapshot {
    return { format: WORD_TRIE_FORMAT, aliasCount: this.aliasCount, tables: this.tables.map(snapshotTable) };
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

  /** `pageLang`: the page's language (its lang attribute), for paragraphs too short to guess. */
  scan(text: string, pageLang: string | null = null): Span[] {
    const spans: Span[] = [];
    if (this.aliasCount === 0 || text.length === 0) return spans;
    const t = this.normalize(text);
    try {
      this.scanStream(text, t, spans, pageLang);
    } finally {
      if (this.builder && this.builder.capacity > KEEP_STREAM_UNITS) this.builder = null;
    }
    return spans;
  }

  /** Lets go of the streams kept between scans (a page's matcher, once the page is read). */
  releaseScratch(): void {
    this.builder = null;
  }

  /** The normalized text, built in the streams kept from the last scan when they are big enough. */
  private normalize(text: string): NormalizedText {
    const need = text.length + 16;
    if (!this.builder || this.builder.capacity < need) this.builder = new StreamBuilder(need);
    normalizeInto(text, this.builder);
    return this.builder.finish();
  }

  private scanStream(text: string, t: NormalizedText, spans: Span[], pageLang: string | null): void {
    const n = t.length;
    const cased = t.cased;
    const folded = t.folded;
    const foldedTable = this.tables[FOLDED];
    const casedTable = this.tables[CASED];
    let reader: ContextReader | null = null;
    let i = 0;
    let prevWord = false;
    while (i < n) {
      const c = cased[i]!;
      const word = isWordUnit(c);
      if (c === SPACE || (word && prevWord)) {
        prevWord = word;
        i++;
        continue;
      }
      prevWord = word;
      this.candCount = 0;
      if (foldedTable) {
        const child = rootChild(foldedTable, folded[i]!);
        if (child >= 0) this.walk(FOLDED, foldedTable.trie, folded, i, child, n);
      }
      if (casedTable) {
        const child = rootChild(casedTable, c);
        if (child >= 0) this.walk(CASED, casedTable.trie, cased, i, child, n);
      }
      if (this.candCount === 0) {
        i++;
        continue;
      }
      reader ??= new ContextReader(text, t, pageLang);
      const hit = this.choose(t, reader, i);
      if (hit === null) {
        i++;
        continue;
      }
      const start = t.starts[i]!;
      const end = t.ends[hit.end - 1]!;
      spans.push({ start, end, text: text.slice(start, end), entityId: hit.entityId });
      i = hit.end;
      prevWord = isWordUnit(cased[i - 1]!);
    }
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

  /**
   * Every (node, end) a walk from `start` reaches where some alias key ends, `first` being the
   * root's child along stream[start]. Depth first with an explicit stack; the child along the
   * next unit is followed in place instead of being pushed and popped at once, which keeps the
   * order of candidates (it decides ties) the same as pushing every branch.
   */
  private walk(table: number, trie: Trie, stream: Uint16Array, start: number, first: number, n: number): void {
    const childStart = trie.childStart;
    const edgeChar = trie.edgeChar;
    const edgeNode = trie.edgeNode;
    const termStart = trie.termStart;
    let sp = this.push(0, first, start + 1);
    while (sp > 0) {
      sp -= 2;
      let node = this.stack[sp]!;
      let p = this.stack[sp + 1]!;
      for (;;) {
        if (termStart[node]! >= 0 && stream[p - 1] !== HBR) this.addCandidate(table, node, p);
        let lo = childStart[node]!;
        const hi = childStart[node + 1]!;
        if (lo === hi) break;
        if (edgeChar[lo] === STAR) {
          const next = edgeNode[lo]!;
          sp = this.push(sp, next, p);
          const script = charClass(stream[p - 1]!);
          if (isLetterClass(script)) {
            let q = p;
            for (let m = 0; m < STAR_LETTERS && q < n && charClass(stream[q]!) === script; m++) sp = this.push(sp, next, ++q);
          }
        }
        if (p >= n) break;
        const c = stream[p]!;
        if (c === HBR) {
          sp = this.push(sp, node, p + 1); // "Organi-\nzation": one word
          const s = childOf(trie, node, SPACE); // "CSTO-\nled": two
          if (s >= 0) sp = this.push(sp, s, p + 1);
          break;
        }
        let child = -1;
        if (hi - lo <= 8) {
          for (; lo < hi; lo++) {
            const ec = edgeChar[lo]!;
            if (ec >= c) {
              if (ec === c) child = edgeNode[lo]!;
              break;
            }
          }
        } else {
          child = childOf(trie, node, c);
        }
        if (child < 0) break;
        node = child;
        p++;
      }
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
        if (entry.langs && !reader.inLanguage(entry.langs, start)) continue;
        if (ctx && !reader.holds(ctx, start, end)) continue;
        // A year glued to the name is part of it: "Взаимодействие-2024" is that year's exercise.
        const year = ctx?.yearSuffix ? reader.yearEnd(end) : -1;
        return { end: year >= 0 ? year : end, entityId: entry.entityId };
      }
    }
  }
}
