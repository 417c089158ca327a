// Pull: from the stored cursor, page by page until `more` is false, at most `maxPages` pages per run.
// Each change is checked on its own: the wire shape (protocol schema), the key check, decryption and
// the envelope, then the record rules (lib/annotations/record-rules.ts). What does not verify is set
// aside with its reason (rejects.ts) and the rest of the page is applied; then the cursor moves on.
// A page whose cursor does not advance, or a server that never stops answering `more`, stops the run
// with an error (retried later). Remote tombstones merge like any other version.

import type { Annotation } from '../annotations/model';
import { recordProblem } from '../annotations/record-rules';
import type { AnnotationStore } from '../annotations/store';
import type { SyncApi } from './api';
import { open } from './envelope';
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
  pageLimit?: number;
  maxPages?: number;
  signal?: AbortSignal;
  now?: () => number;
}

function later(next: string, prev: string): boolean {
  return BigInt(next) > BigInt(prev);
}

/** Checks one change as it came; the annotation it carries, or why it is set aside. */
async function verifyChange(key: CryptoKey, accountId: string, raw: unknown, now: number): Promise<{ record: Annotation } | { reject: Reject } | null> {
  const r = raw as { id?: unknown; hlc?: unknown } | null;
  const parsed = changeSchema.safeParse(raw);
  if (!parsed.success) return { reject: { source: 'server', id: r?.id, hlc: r?.hlc, reason: `malformed change: ${firstIssue(parsed.error)}` } };
  const c = parsed.data;
  if (isKeyCheck(c)) {
    if (!isKeyCheckHead(c)) return { reject: { source: 'server', id: c.id, hlc: c.hlc, reason: 'a key-check record with another version', change: c } };
    if (!(await verifyKeyCheck(key, accountId, c))) throw new WrongPassphraseError();
    return null;
  }
  let record: Annotation;
  try {
    record = await open(key, c);
  } catch (err) {
    if (err instanceof DecryptError) return { reject: { source: 'server', id: c.id, hlc: c.hlc, reason: `does not decrypt: ${err.detail}`, change: c } };
    throw err;
  }
  const problem = recordProblem(record, now);
  if (problem) return { reject: { source: 'server', id: c.id, hlc: c.hlc, reason: `invalid record: ${problem}`, change: c } };
  return { record };
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
  while (result.pages < maxPages) {
    const page = await api.pull(cursor, opts.pageLimit);
    stopped();
    result.pages++;
    result.pulled += page.changes.length;
    if ((page.changes.length > 0 || page.more) && !later(page.cursor, cursor)) {
      throw new SyncError(`the sync server's cursor did not advance (${cursor} → ${page.cursor}): pull stopped, nothing of that page applied`, true);
    }
    const now = (opts.now ?? Date.now)();
    const good: Annotation[] = [];
    const bad: Reject[] = [];
    for (const raw of page.changes) {
      const v = await verifyChange(key, accountId, raw, now);
      if (v && 'record' in v) good.push(v.record);
      else if (v) bad.push(v.reject);
    }
    stopped();
    result.applied += (await notes.applyRemote(good)).length;
    await rejects.add(bad, now);
    result.setAside += bad.length;
    if (page.cursor !== cursor) {
      cursor = page.cursor;
      await state.setCursor(cursor);
    }
    if (!page.more) return result;
  }
  throw new SyncError(`the sync server still had more after ${maxPages} pages: pull stopped, the rest comes with the next sync`, true);
}
