import { liveQuery, type Subscription } from 'dexie';
import type { EntityType } from '../model/types';
import { buildMatcher, type Matcher } from '../match';
import type { MatchedSpan } from '../protocol/messages';
import { SpanPacker, type PackedSpans } from '../protocol/spans';
import { buildKnowledgeBase } from './build';
import type { KbSources } from './bundled';
import type { LensDb } from './db';
import { BUILD_KEY, readAliases, readStats, storeKnowledgeBase, type KbStats } from './store';
import { cardFor, type CardData } from './card';
import { RelatedStatements, type RelatedStatement } from './related';

// What the background worker keeps alive: the database, the build on install or
// upgrade, and the in-memory matcher compiled from the stored aliases. The
// matcher is dropped whenever the stored build changes, from any context.

export class KnowledgeService {
  private compiled: Promise<{ matcher: Matcher; types: Map<string, EntityType>; hidden: Set<string> }> | null = null;
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
      const wrote = await storeKnowledgeBase(this.db, buildKnowledgeBase(registry, seeds, manifest));
      if (wrote) this.invalidate();
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
      card = cardFor(this.db, entityId).catch((err) => {
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
      const [aliases, entities] = await Promise.all([readAliases(this.db), this.db.entities.toArray()]);
      return {
        matcher: buildMatcher(aliases),
        types: new Map(entities.map((e) => [e.id, e.type])),
        hidden: new Set(entities.filter((e) => e.highlight === false).map((e) => e.id)),
      };
    })().catch((err) => {
      this.compiled = null;
      throw err;
    });
    return this.compiled;
  }

  /** The CSTO entities in `text`. Context-only entities still take part in matching, so
   *  "Pakistan Point News" is not read as "Pakistan", but they are not returned. */
  async match(text: string): Promise<MatchedSpan[]> {
    const { matcher, types, hidden } = await this.compile();
    const spans: MatchedSpan[] = [];
    for (const s of matcher.scan(text)) {
      if (hidden.has(s.entityId)) continue;
      spans.push({ start: s.start, end: s.end, entityId: s.entityId, type: types.get(s.entityId) ?? 'organization' });
    }
    return spans;
  }

  /** match() in the packed form of a matchText reply (lib/protocol/spans.ts): one flat array of
   *  integers and a table of the entities named, instead of an object per span. */
  async matchPacked(text: string): Promise<PackedSpans> {
    const { matcher, types, hidden } = await this.compile();
    const packer = new SpanPacker();
    for (const s of matcher.scan(text)) {
      if (!hidden.has(s.entityId)) packer.add(s.start, s.end, s.entityId, types.get(s.entityId) ?? 'organization');
    }
    return packer.finish();
  }

  async stats(): Promise<KbStats & { ready: boolean }> {
    const stats = await readStats(this.db);
    return { ...stats, ready: stats.entities > 0 };
  }
}
