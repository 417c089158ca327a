import { liveQuery, type Subscription } from 'dexie';
import { EntityMatcher, matcherData, type MatcherData, type MatcherSnapshot } from '../match/entities';
import type { MatchedSpan } from '../match/spans';
import type { PackedSpans } from '../match/spans';
import { computeBuildKey } from './build-key';
import { LEARNED_KEY } from './learned-store';
import { learnedSources } from '../learn/learned';
import type { KbSources } from './bundled';
import type { LensDb } from '../db/database';
import { getMeta, setMeta } from '../db/meta';
import { dropMatcherSnapshots, loadMatcherSnapshot, saveMatcherSnapshot } from './snapshot';
import { applyLearnedChange, SOURCES_SEEN, type LearnedChange } from './learned-apply';
import { BUILD_KEY, readAliases, readStats, storedBuildKey, storeKnowledgeBase, type KbStats } from './store';
import { cardFor, type CardData } from './card';
import { RelatedStatements, type RelatedStatement } from './related';
import type { KbBuildTiming } from '../model/knowledge';
export type { KbBuildTiming };

// What the background worker keeps alive: the database, the build on install or
// upgrade, and the in-memory matcher compiled from the stored aliases. The
// matcher is dropped whenever the stored build changes, from any context.

// meta row (kb-speed) SOURCES_SEEN: `${sources fingerprint}:${build key}` of the last sources checked against the stored build.

/** The last ensureBuilt: how long deciding (and, if the key changed, building) took. */
export interface KbCheckTiming {
  /** Reading the sources, hashing them into the build key, comparing it with the stored one. */
  checkMs: number;
  /** Of checkMs: parsing the registry and hashing the sources into the build key (0 when the fingerprint matched). */
  keyMs: number;
  /** Of checkMs: the IndexedDB reads (stored key, alias count, last check, learned set), which
   *  wait for the database a starting worker is opening. */
  readMs?: number;
  /** Whether the key differed and the knowledge base was built and stored. */
  built: boolean;
  at: string;
}

/** How the in-memory matcher was made: loaded from the stored snapshot, or compiled from the aliases. */
export type MatcherOrigin = 'snapshot' | 'compiled';

/** What a build needs from lib/kb/build.ts (the NLP): loaded only when the build key changed. */
export type BuildModule = Pick<typeof import('./build'), 'buildKnowledgeBase' | 'learnedRecords'>;
export type LoadBuild = () => Promise<BuildModule>;

/**
 * The service, given a way to load the build: the background worker passes one that loads the
 * build's own script (kb-build.js, lib/kb/build-script.ts) so compromise and the NLP are not in
 * its bundle; Node and the tests use KnowledgeService (below), which imports lib/kb/build.ts.
 */
export class KnowledgeServiceCore {
  private lastBuild: KbBuildTiming | null = null;
  private lastCheck: KbCheckTiming | null = null;
  private origin: MatcherOrigin | null = null;
  private compiled: Promise<EntityMatcher> | null = null;
  private data: Promise<MatcherData> | null = null;
  private building: Promise<boolean> | null = null;
  private related: Promise<RelatedStatements> | null = null;
  private cards = new Map<string, Promise<CardData | null>>();
  private watch: Subscription | null = null;

  constructor(
    readonly db: LensDb,
    private readonly sources: () => KbSources,
    private readonly loadBuild: LoadBuild,
  ) {}

  /**
   * Builds and stores the knowledge base if the registry, seeds or extractor changed. The build
   * key is compared first: when it is the stored one, nothing is built and the build module (the
   * NLP, compromise) is not even loaded. It is imported only when a build is needed.
   */
  ensureBuilt(): Promise<boolean> {
    this.building ??= (async () => {
      const c0 = performance.now();
      const sources = this.sources();
      const [stored, aliases, seen, learnedSet = ''] = await Promise.all([
        storedBuildKey(this.db),
        this.db.aliases.count(),
        getMeta(this.db, SOURCES_SEEN),
        getMeta(this.db, LEARNED_KEY),
      ]);
      const readMs = performance.now() - c0;
      // The reader's learned pages (db.ts v7) are sources too: their set's key is in meta, so the
      // comparison reads no document; the build reads them only when it runs.
      const withLearned = (shipped: string) => (learnedSet ? `${shipped}+${learnedSet}` : shipped);
      // The unparsed sources were already checked against this very build, and the learned set is the
      // one it was built with: nothing to parse or hash.
      if (
        sources.fingerprint !== undefined &&
        stored !== undefined &&
        aliases > 0 &&
        seen === `${sources.fingerprint}:${stored}` &&
        withLearned(stored.split('+')[0]!) === stored
      ) {
        this.lastCheck = { checkMs: performance.now() - c0, keyMs: 0, readMs, built: false, at: new Date().toISOString() };
        return false;
      }
      const { registry, seeds, manifest } = sources;
      const k0 = performance.now();
      const key = withLearned(computeBuildKey(registry, seeds, manifest));
      const keyMs = performance.now() - k0;
      const remember = () =>
        sources.fingerprint === undefined ? undefined : setMeta(this.db, SOURCES_SEEN, `${sources.fingerprint}:${key}`);
      if (stored === key && aliases > 0) {
        await remember();
        this.lastCheck = { checkMs: performance.now() - c0, keyMs, readMs, built: false, at: new Date().toISOString() };
        return false;
      }
      const { buildKnowledgeBase } = await this.loadBuild();
      const t0 = performance.now();
      const learned = learnedSources(learnedSet ? await this.db.learned.toArray() : []);
      const data = buildKnowledgeBase(registry, [...seeds, ...learned.seeds], { documents: { ...manifest.documents, ...learned.entries } });
      data.buildKey = key;
      const t1 = performance.now();
      const wrote = await storeKnowledgeBase(this.db, data);
      await remember();
      if (wrote) {
        this.lastBuild = { buildMs: t1 - t0, storeMs: performance.now() - t1, at: new Date().toISOString() };
        this.invalidate();
      }
      this.lastCheck = { checkMs: performance.now() - c0, keyMs, readMs, built: wrote, at: new Date().toISOString() };
      return wrote;
    })().finally(() => {
      this.building = null;
    });
    return this.building;
  }

  /**
   * One learned document added, updated or removed (issue 17): `change` edits `learned` and its key
   * (lib/kb/learned-store.ts) in the same transaction as the knowledge base takes that document's
   * records in or out (lib/kb/learned-apply.ts); nothing else is rebuilt. When the stored build was
   * not current (a first start, a new release) it builds as before, the change included.
   */
  async updateLearned<T>(change: () => Promise<LearnedChange<T>>): Promise<T> {
    await this.ensureBuilt();
    const { learnedRecords } = await this.loadBuild();
    const { registry } = this.sources();
    const { result, applied } = await applyLearnedChange(this.db, (doc, stored) => learnedRecords(registry, doc, stored), change);
    if (applied) this.invalidate();
    // A build that started before this change read the learned set without it: check again after it.
    if (!applied || this.building) {
      await this.ensureBuilt();
      await this.ensureBuilt();
    }
    return result;
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
    this.data = null;
    this.pageSnapshot = null;
    this.origin = null;
    this.related = null;
    this.cards.clear();
  }

  /** The card for an entity; cached until the knowledge base changes, so a repeated hover costs nothing. */
  card(entityId: string): Promise<CardData | null> {
    let card = this.cards.get(entityId);
    if (!card) {
      // ru-match: the card also offers the entities named inside this one's names.
      const inside = async (names: string[], id: string) => (await this.matcher()).namedInside(names, id);
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

  /**
   * Forgets the compiled matcher and its stored snapshots: after an install or an update the
   * extension's code, and so how aliases compile, may have changed while the build key has not.
   */
  async dropMatcherSnapshots(): Promise<void> {
    await dropMatcherSnapshots(this.db);
    this.invalidate();
  }

  /** Starts making the matcher now (a worker calls it as it starts, before the first page asks). */
  warm(): void {
    const t = this.startTimes;
    t.warm = performance.now();
    setTimeout(() => (t.tick ??= performance.now()), 0);
    void this.db
      .open()
      .then(() => (t.dbOpen = performance.now()))
      .catch(() => {});
    void this.matcher().catch(() => {});
  }

  /**
   * The matcher of the stored build: its snapshot (db.ts v6) when one was saved for this build,
   * else compiled from the aliases, and the snapshot saved for the next worker start.
   */
  private compile(): Promise<EntityMatcher> {
    this.compiled ??= (async () => {
      const t0 = performance.now();
      const snapshot = await loadMatcherSnapshot(this.db);
      if (snapshot) {
        this.origin = 'snapshot';
        const matcher = new EntityMatcher(snapshot);
        this.startTimes.matcherLoad ??= { from: t0, to: performance.now() };
        return matcher;
      }
      const data = await this.readMatcherData();
      const matcher = new EntityMatcher(data);
      this.origin = 'compiled';
      // Best effort: a failed write only means the next cold start compiles again.
      await saveMatcherSnapshot(this.db, matcher.snapshot()).catch(() => false);
      return matcher;
    })().catch((err) => {
      this.compiled = null;
      throw err;
    });
    return this.compiled;
  }

  /**
   * The matcher, building first when nothing is stored yet. The build happens before the
   * compile starts, as a build drops whatever is derived from the previous one.
   */
  private async matcher(): Promise<EntityMatcher> {
    if (!this.compiled && (await this.db.aliases.count()) === 0) await this.ensureBuilt();
    return this.compile();
  }

  private readMatcherData(): Promise<MatcherData> {
    this.data ??= (async () => {
      const [aliases, entities, build] = await Promise.all([readAliases(this.db), this.db.entities.toArray(), storedBuildKey(this.db)]);
      return matcherData(build ?? '', aliases, entities);
    })().catch((err) => {
      this.data = null;
      throw err;
    });
    return this.data;
  }

  private pageSnapshot: Promise<MatcherSnapshot> | null = null;

  /**
   * The compiled matcher as data (typed arrays), for a page to match with on its own without
   * compiling (Firefox's big pages: lib/page/matcher-script.ts); made once per build.
   */
  matcherSnapshot(): Promise<MatcherSnapshot> {
    this.pageSnapshot ??= this.matcher()
      .then((m) => m.snapshot())
      .catch((err) => {
        this.pageSnapshot = null;
        throw err;
      });
    return this.pageSnapshot;
  }

  /** What a page needs to match on its own (lib/match/entities.ts), read once per build. */
  async matcherData(): Promise<MatcherData> {
    if (!this.data && (await this.db.aliases.count()) === 0) await this.ensureBuilt();
    return this.readMatcherData();
  }

  /** The CSTO entities in `text`. Context-only entities still take part in matching, so
   *  "Pakistan Point News" is not read as "Pakistan", but they are not returned. */
  /** The distinct entities a text names (a new note's entityIds). */
  async entitiesIn(text: string): Promise<string[]> {
    return [...new Set((await this.match(text)).map((s) => s.entityId))];
  }

  async match(text: string): Promise<MatchedSpan[]> {
    this.startTimes.firstMatch ??= performance.now();
    return (await this.matcher()).match(text);
  }

  /** match() packed (lib/match/spans.ts). */
  async matchPacked(text: string, pageLang: string | null = null): Promise<PackedSpans> {
    this.startTimes.firstMatch ??= performance.now();
    return (await this.matcher()).matchPacked(text, pageLang);
  }

  /** Where the current matcher came from (null before the first match). */
  get matcherOrigin(): MatcherOrigin | null {
    return this.origin;
  }

  /** The worker's start: ms from its time origin to its composition root (the bundle loaded and evaluated). */
  workerStartMs: number | null = null;
  /** When this worker (performance.now()) loaded its matcher snapshot and got its first match request: for benchmarks. */
  private readonly startTimes: { matcherLoad?: { from: number; to: number }; firstMatch?: number; warm?: number; tick?: number; dbOpen?: number } = {};

  async stats(): Promise<
    KbStats & {
      ready: boolean;
      lastBuild: KbBuildTiming | null;
      lastCheck: KbCheckTiming | null;
      matcher: MatcherOrigin | null;
      workerStartMs: number | null;
      start: { timeOrigin: number; matcherLoad?: { from: number; to: number }; firstMatch?: number; warm?: number; tick?: number; dbOpen?: number };
    }
  > {
    const stats = await readStats(this.db);
    return {
      ...stats,
      ready: stats.entities > 0,
      lastBuild: this.lastBuild,
      lastCheck: this.lastCheck,
      matcher: this.origin,
      workerStartMs: this.workerStartMs,
      start: { timeOrigin: performance.timeOrigin, ...this.startTimes },
    };
  }
}

/** The knowledge service as Node tools and tests use it: a build imports lib/kb/build.ts. The
 *  background worker uses KnowledgeServiceCore with a loader of its own (tree-shaking drops this
 *  class and its import from the worker's bundle). */
export class KnowledgeService extends KnowledgeServiceCore {
  constructor(db: LensDb, sources: () => KbSources, loadBuild: LoadBuild = () => import('./build')) {
    super(db, sources, loadBuild);
  }
}
