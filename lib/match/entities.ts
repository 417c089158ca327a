import type { Alias, EntityType } from '../model/types';
import { SpanPacker, type MatchedSpan, type PackedSpans } from './spans';
import { WordTrie, type WordTrieSnapshot } from './word-trie';
import { gatedLangs } from './lang';
import type { MatcherData } from '../model/knowledge';
export type { MatcherData };

// The entity matcher as the pages use it: the alias word trie plus what turns its spans into
// typed mentions. The background builds the data from the knowledge base and sends it to each
// page once (a few hundred kilobytes at most); the page compiles and runs it next to the text,
// so a page's text never has to cross a message boundary.

const FALLBACK_TYPE: EntityType = 'organization';

/** A compiled EntityMatcher as plain data (typed arrays): what the background stores per build. */
export interface MatcherSnapshot {
  build: string;
  wordTrie: WordTrieSnapshot;
  types: Record<string, EntityType>;
  hidden: string[];
}

function isMatcherSnapshot(x: MatcherData | MatcherSnapshot): x is MatcherSnapshot {
  return 'wordTrie' in x;
}

export class EntityMatcher {
  readonly build: string;
  private readonly wordTrie: WordTrie;
  private readonly types: Map<string, EntityType>;
  private readonly hidden: Set<string>;

  private readonly typeRecord: Record<string, EntityType>;

  /** Compiles matcher data, or loads a snapshot() without compiling. */
  constructor(data: MatcherData | MatcherSnapshot) {
    this.build = data.build;
    this.wordTrie = new WordTrie(isMatcherSnapshot(data) ? data.wordTrie : data.aliases);
    this.typeRecord = data.types;
    this.types = new Map(Object.entries(data.types));
    this.hidden = new Set(data.hidden);
  }

  /** The compiled matcher as plain data, to store and load without compiling. */
  snapshot(): MatcherSnapshot {
    return { build: this.build, wordTrie: this.wordTrie.snapshot(), types: this.typeRecord, hidden: [...this.hidden] };
  }

  get aliasCount(): number {
    return this.wordTrie.aliasCount;
  }

  /** Frees the scratch space kept for the next scan (it is made again when needed). */
  release(): void {
    this.wordTrie.releaseScratch();
  }

  /** The entities mentioned in `text`, in order, not overlapping; offsets into `text`.
   *  `pageLang`: the page's language, for paragraphs too short to guess (see WordTrie.scan). */
  match(text: string, pageLang: string | null = null): MatchedSpan[] {
    const out: MatchedSpan[] = [];
    for (const s of this.wordTrie.scan(text, pageLang)) {
      if (this.hidden.has(s.entityId)) continue;
      out.push({ start: s.start, end: s.end, entityId: s.entityId, type: this.types.get(s.entityId) ?? FALLBACK_TYPE });
    }
    return out;
  }

  /** ru-match: the entities named inside the names `texts` of entity `outerId` ("генсек ОДКБ" names
   *  the CSTO, "МИД России" Russia), in order of first appearance: each name is read again from every
   *  word after its first, so the longest match of the whole name does not hide the names in it. */
  namedInside(texts: readonly string[], outerId: string): string[] {
    const out = new Set<string>();
    for (const text of texts) {
      for (const m of text.matchAll(/(?<=[\s\-–—«"„(])[\p{L}\p{N}]/gu)) {
        for (const s of this.match(text.slice(m.index))) if (s.entityId !== outerId) out.add(s.entityId);
      }
    }
    return [...out];
  }

  /** match() packed (lib/match/spans.ts): one flat array of integers plus the entities named. */
  matchPacked(text: string, pageLang: string | null = null): PackedSpans {
    const packer = new SpanPacker();
    for (const s of this.wordTrie.scan(text, pageLang)) {
      if (!this.hidden.has(s.entityId)) packer.add(s.start, s.end, s.entityId, this.types.get(s.entityId) ?? FALLBACK_TYPE);
    }
    return packer.finish();
  }
}

/** The matcher data for a knowledge base: every alias, the types of the entities they name. */
export function matcherData(build: string, aliases: Alias[], entities: readonly { id: string; type: EntityType; highlight?: boolean }[]): MatcherData {
  const named = new Set(aliases.map((a) => a.entityId));
  const types: Record<string, EntityType> = {};
  const hidden: string[] = [];
  for (const e of entities) {
    if (!named.has(e.id)) continue;
    types[e.id] = e.type;
    if (e.highlight === false) hidden.push(e.id);
  }
  // Only what the word trie reads: an alias's language only where it gates matching ("Rusia": Spanish text).
  const slim = aliases.map(({ text, entityId, caseSensitive, context, lang }) => ({
    text,
    entityId,
    caseSensitive,
    ...(context ? { context } : {}),
    ...(gatedLangs(lang) ? { lang } : {}),
  }));
  return { build, aliases: slim, types, hidden };
}
