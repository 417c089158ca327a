import { liveQuery, type Subscription } from 'dexie';
import { EntityMatcher, matcherData, type MatcherData } from '../match/entities';
import type { MatchedSpan } from '../protocol/messages';
import type { PackedSpans } from '../protocol/spans';
import { buildKnowledgeBase } from './build';
import type { KbSources } from './bundled';
import type { LensDb } from './db';
import { BUILD_KEY, readAliases, readStats, storedBuildKey, storeKnowledgeBase, type KbStats } from './store';
import { cardFor, type CardData } from './card';
import { RelatedStatements, type RelatedStatement } from './related';

// What the background worker keeps alive: the database, the build on install or
// upgrade, and the in-memory matcher compiled from the stored aliases. The
// matcher is dropped whenever the stored build changes, from any context.

/** How long the last build this worker made took (none when the stored build was current). */
export interface KbBuildTiming {
  /** buildKnowledgeBase: registry and seeds to records (the NLP included). */
  buildMs: number;
  /** storeKnowledgeBase: the records into IndexedDB, in one transaction. */
  storeMs: number;
  at: string;
}

export class KnowledgeService {
  private lastBuild: KbBuildTiming | null = null;
  private compiled: Promise<{ data: MatcherData; matcher: EntityMatcher }> | null = null;
  private building: Promise<boolean> | null = null;
  private related: Promise<RelatedStatements> | null = null;
  private cards = new Map<string, Promise<CardData | null>>();
  private watch: Subscription | null = null;

  constructor(
    readonly db: LensDb,
    private readonly sources: () => KbSources,
  ) {}

  /** Builds and stores the knowledge base if the registry, seeds or extractor changed. */
  ensureBuilt(): Promise<boolean> {
    this.building ??= (async () => {
      const { registry, seeds, manifest } = this.sources();
      const t0 = performance.now();
      const data = buildKnowledgeBase(registry, seeds, manifest);
      const t1 = performance.now();
      const wrote = await storeKnowledgeBase(this.db, data);
      if (wrote) {
        this.lastBuild = { buildMs: t1 - t0, storeMs: performance.now() - t1, at: new Date().toISOString() };
        this.invalidate();
      }
      return wrote;
    })().finally(() => {
      this.building = null;
    });
    return this.building;
  }

  /** Starts watching the stored build so the matcher follows rebuilds made elsewhere. */
  watchBuilds(): void {
    if (this.watch) return;
    let first = true;
    this.watch = liveQuery(() => this.db.meta.get(BUILD_KEY)).subscribe({
      next: () => {
        if (!first) this.invalidate();
        first = false;
      },
      error: () => {},
    });
  }

  /** Drops everything derived from the stored knowledge base. */
  private invalidate(): void {
    this.compiled = null;
    this.related = null;
    this.cards.clear();
  }

  /** The card for an entity; cached until the knowledge base changes, so a repeated hover costs nothing. */
  card(entityId: string): Promise<CardData | null> {
    let card = this.cards.get(entityId);
    if (!card) {
      // ru-match: the card also offers the entities named inside this one's names.
      const inside = async (names: string[], id: string) => (await this.compile()).matcher.namedInside(names, id);
      card = cardFor(this.db, entityId, inside).catch((err) => {
        this.cards.delete(entityId);
        throw err;
      });
      this.cards.set(entityId, card);
    }
    return card;
  }

  /** Statements related to a passage: BM25 on the text plus the entities they share. */
  async relatedTo(passage: string, limit = 10): Promise<RelatedStatement[]> {
    this.related ??= (async () => new RelatedStatements(await this.db.statements.toArray(), await this.db.documents.toArray()))().catch((err) => {
      this.related = null;
      throw err;
    });
    const [index, spans] = await Promise.all([this.related, this.match(passage)]);
    return index.find(passage, [...new Set(spans.map((s) => s.entityId))], limit);
  }

  stop(): void {
    this.watch?.unsubscribe();
    this.watch = null;
  }

  private compile() {
    this.compiled ??= (async () => {
      if ((await this.db.aliases.count()) === 0) await this.ensureBuilt();
      const [aliases, entities, build] = await Promise.all([readAliases(this.db), this.db.entities.toArray(), storedBuildKey(this.db)]);
      const data = matcherData(build ?? '', aliases, entities);
      return { data, matcher: new EntityMatcher(data) };
    })().catch((err) => {
      this.compiled = null;
      throw err;
    });
    return this.compiled;
  }

  /** What a page needs to match on its own (lib/match/entities.ts), read once per build. */
  async matcherData(): Promise<MatcherData> {
    return (await this.compile()).data;
  }

  /** The CSTO entities in `text`. Context-only entities still take part in matching, so
   *  "Pakistan Point News" is not read as "Pakistan", but they are not returned. */
  async match(text: string): Promise<MatchedSpan[]> {
    return (await this.compile()).matcher.match(text);
  }

  /** match() packed (lib/protocol/spans.ts). */
  async matchPacked(text: string, pageLang: string | null = null): Promise<PackedSpans> {
    return (await this.compile()).matcher.matchPacked(text, pageLang);
  }

  async stats(): Promise<KbStats & { ready: boolean; lastBuild: KbBuildTiming | null }> {
    const stats = await readStats(this.db);
    return { ...stats, ready: stats.entities > 0, lastBuild: this.lastBuild };
  }
}
