// Pull: from the stored cursor, page by page until `more` is false, at most `maxPages` pages per run.
// Each change is checked on its own: the wire shape (protocol schema), the key check, decryption and
// the envelope, then the record rules (lib/annotations/record-rules.ts). What does not verify is set
// aside with its reason (rejects.ts) and the rest of the page is applied; then the cursor moves on.
// A page whose cursor does not advance, or a server that never stops answering `more`, stops the run
// with an error (retried later). Remote tombstones merge like any other version.
// Record kinds (named inside the ciphertext): annotations, learned documents (learned-record.ts); a change
// of a kind this version does not read is kept as it came (kept.ts) and ignored, never set aside, and is
// replayed at the start of every run (so the version that reads it applies it).

import type { Annotation } from '../annotations/model';
import { recordProblem } from '../annotations/record-rules';
import type { AnnotationStore } from '../annotations/store';
import type { SyncApi } from './api';
import { ANNOTATION_KIND, annotationOf, openAny } from './envelope';
import type { KeptChange, KeptChanges } from './kept';
import { LEARNED_KIND, openLearned, type IncomingLearned } from './learned-record';
import type { LearnedSync } from './learned-sync';
import { DecryptError, SyncAbortedError, SyncError, WrongPassphraseError } from './errors';
import { isKeyCheck, isKeyCheckHead, verifyKeyCheck } from './key-check';
import { changeSchema } from './protocol';
import type { Reject, SyncRejects } from './rejects';
import { firstIssue } from './responses';
import type { SyncState } from './state';

/** Pages per sync run (× the page size: 100 000 changes at the server's default). */
export const MAX_PULL_PAGES = 200;

export interface PullResult {
  /** Changes received (key check included). */
  pulled: number;
  /** Records whose local version changed. */
  applied: number;
  /** Changes set aside (did not verify). */
  setAside: number;
  pages: number;
}

export interface PullOptions {
  /** Learned documents: where they go, and the account's salt (for their record ids). Absent: kept, not read. */
  learned?: { sync: LearnedSync; salt: string };
  /** Changes of unknown kinds; absent: they are dropped (still not set aside). */
  kept?: KeptChanges;
  pageLimit?: number;
  maxPages?: number;
  signal?: AbortSignal;
  now?: () => number;
}

function later(next: string, prev: string): boolean {
  return BigInt(next) > BigInt(prev);
}

type Verified = { record: Annotation } | { learned: IncomingLearned } | { kept: KeptChange } | { reject: Reject } | null;

/** Checks one change as it came; what it carries, or why it is set aside. */
async function verifyChange(key: CryptoKey, accountId: string, raw: unknown, now: number, opts: PullOptions): Promise<Verified> {
  const r = raw as { id?: unknown; hlc?: unknown } | null;
  const parsed = changeSchema.safeParse(raw);
  if (!parsed.success) return { reject: { source: 'server', id: r?.id, hlc: r?.hlc, reason: `malformed change: ${firstIssue(parsed.error)}` } };
  const c = parsed.data;
  if (isKeyCheck(c)) {
    if (!isKeyCheckHead(c)) return { reject: { source: 'server', id: c.id, hlc: c.hlc, reason: 'a key-check record with another version', change: c } };
    if (!(await verifyKeyCheck(key, accountId, c))) throw new WrongPassphraseError();
    return null;
  }
  const refuse = (reason: string): Verified => ({ reject: { source: 'server', id: c.id, hlc: c.hlc, reason, change: c } });
  let opened: Awaited<ReturnType<typeof openAny>>;
  try {
    opened = await openAny(key, c);
  } catch (err) {
    if (err instanceof DecryptError) return refuse(`does not decrypt: ${err.detail}`);
    throw err;
  }
  if (opened.kind === LEARNED_KIND && opts.learned) {
    try {
      return { learned: await openLearned(opened.json, c, opts.learned.salt, now) };
    } catch (err) {
      return refuse(`invalid learned page: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (opened.kind !== ANNOTATION_KIND) return { kept: { kind: opened.kind.slice(0, 100), change: c, at: now } };
  let record: Annotation;
  try {
    record = annotationOf(opened.json, c);
  } catch (err) {
    if (err instanceof DecryptError) return refuse(`does not decrypt: ${err.detail}`);
    throw err;
  }
  const problem = recordProblem(record, now);
  if (problem) return refuse(`invalid record: ${problem}`);
  return { record };
}

/** Applies one batch of verified changes; returns how many records changed here. */
async function applyVerified(notes: AnnotationStore, rejects: SyncRejects, verified: Verified[], now: number, opts: PullOptions, replayed: string[] = []): Promise<{ applied: number; setAside: number }> {
  const good: Annotation[] = [];
  const learned: IncomingLearned[] = [];
  const kept: KeptChange[] = [];
  const bad: Reject[] = [];
  for (const v of verified) {
    if (!v) continue;
    if ('record' in v) good.push(v.record);
    else if ('learned' in v) learned.push(v.learned);
    else if ('kept' in v) kept.push(v.kept);
    else bad.push(v.reject);
  }
  let applied = (await notes.applyRemote(good)).length;
  if (opts.learned) applied += (await opts.learned.sync.applyRemote(learned)).length;
  await rejects.add(bad, now);
  await opts.kept?.update(kept, replayed);
  return { applied, setAside: bad.length };
}

/** Kept changes of kinds this version now reads are verified and applied; the rest stay kept. */
async function replayKept(key: CryptoKey, accountId: string, notes: AnnotationStore, rejects: SyncRejects, opts: PullOptions, now: number): Promise<{ applied: number; setAside: number }> {
  const kept = (await opts.kept?.all()) ?? [];
  const readable = kept.filter((k) => k.kind === ANNOTATION_KIND || (k.kind === LEARNED_KIND && opts.learned));
  if (readable.length === 0) return { applied: 0, setAside: 0 };
  const verified = await Promise.all(readable.map((k) => verifyChange(key, accountId, k.change, now, opts)));
  return applyVerified(notes, rejects, verified, now, opts, readable.map((k) => k.change.id));
}

export async function pullAll(
  api: SyncApi,
  key: CryptoKey,
  accountId: string,
  notes: AnnotationStore,
  state: SyncState,
  rejects: SyncRejects,
  opts: PullOptions = {},
): Promise<PullResult> {
  const maxPages = opts.maxPages ?? MAX_PULL_PAGES;
  const stopped = () => {
    if (opts.signal?.aborted) throw new SyncAbortedError();
  };
  let cursor = await state.cursor();
  const result: PullResult = { pulled: 0, applied: 0, setAside: 0, pages: 0 };
  const replay = await replayKept(key, accountId, notes, rejects, opts, (opts.now ?? Date.now)());
  result.applied += replay.applied;
  result.setAside += replay.setAside;
  while (result.pages < maxPages) {
    const page = await api.pull(cursor, opts.pageLimit);
    stopped();
    result.pages++;
    result.pulled += page.changes.length;
    if ((page.changes.length > 0 || page.more) && !later(page.cursor, cursor)) {
      throw new SyncError(`the sync server's cursor did not advance (${cursor} → ${page.cursor}): pull stopped, nothing of that page applied`, true);
    }
    const now = (opts.now ?? Date.now)();
    const verified: Verified[] = [];
    for (const raw of page.changes) verified.push(await verifyChange(key, accountId, raw, now, opts));
    stopped();
    const done = await applyVerified(notes, rejects, verified, now, opts);
    result.applied += done.applied;
    result.setAside += done.setAside;
    if (page.cursor !== cursor) {
      cursor = page.cursor;
      await state.setCursor(cursor);
    }
    if (!page.more) return result;
  }
  throw new SyncError(`the sync server still had more after ${maxPages} pages: pull stopped, the rest comes with the next sync`, true);
}
