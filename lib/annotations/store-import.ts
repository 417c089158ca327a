// Imports in two steps: stage (read the file's items in slices, compare with what is stored: a
// preview of what would change, nothing written), then commit (write what was accepted, in one
// transaction) or cancel (drop it). Slices keep the background responsive: each stage call reads at
// most STAGE_SLICE items, and a commit writes WRITE_SLICE records per request inside its transaction,
// so the worker's event loop is free while IndexedDB writes.
//
// Every record written passes `importedRecordProblem` (the sync protocol's id, HLC and device rules,
// the day-ahead stamp rule and the payload size), so an import never queues a record the sync server
// refuses. Drafts get this device's fresh stamps unless they carry an accepted stamp of our own export.
//
// Deleted highlights: a record deleted here AFTER the file's version of it ("deleted since the
// backup") stays deleted unless the reader ticks "Bring back deleted" (restoreDeleted); a file version
// newer than the deletion wins by itself (the newer change wins, as in sync).

import { compareEncoded, decode, encode, type HybridClock } from './hlc';
import { recordProblem } from './record-rules';
import { countNotes, openImport, readItems, type Candidate, type ImportDraft, type ImportShape, type Rejection } from './import';
import type { Annotation } from './model';
import { SYNC_LIMITS } from '../sync/protocol';
import type { AnnotationStore } from './store';
import { setMeta } from '../db/meta';
import type { ImportPreview, ImportOutcome, ImportProgress } from '../model/import';
export type { ImportPreview, ImportOutcome, ImportProgress };

/** Items read per stage call (the caller sends the file in slices of this size). */
export const STAGE_SLICE = 250;
/** Records written per request in a commit. */
export const WRITE_SLICE = 250;
/** Rejections listed in a preview (all are counted). */
export const MAX_LISTED_REJECTIONS = 200;
const HLC_KEY = 'hlcLast';

/** The largest record JSON (bytes) that fits one sync payload once encrypted (AES-GCM IV + tag, base64url). */
const MAX_RECORD_BYTES = Math.floor((SYNC_LIMITS.maxPayloadChars * 3) / 4) - 28;
const utf8 = new TextEncoder();
/** What a record adds to its draft's JSON (stamp, device, type, deleted flag), with room to spare. */
const RECORD_SLACK_BYTES = 200;

/**
 * Why an imported record may not be written (or synced), or null. The one validation call of the
 * import: the same rules as the sync protocol and the store's write path (record-rules.ts on main).
 */
export function importedRecordProblem(a: Annotation, now: number): string | null {
  // The one record rule of every edge (lib/annotations/record-rules.ts), and an import's own check:
  // the stamp is this record's device's.
  return recordProblem(a, now) ?? (decode(a.hlc).device !== a.device ? 'device: not the device of the stamp' : null);
}

type Decision = 'add' | 'update' | 'unchanged' | 'deletedSince';

/** A position-only note whose quote was read from its page since: the same note when its position is. */
function samePositionOnly(d: ImportDraft, a: Annotation): boolean {
  if (!d.byPosition || !a.target.byPosition) return false;
  const same = (x: unknown, y: unknown) => x !== undefined && JSON.stringify(x) === JSON.stringify(y);
  return same(d.codePoints, a.target.codePoints) || same(d.selector[1], a.target.selector[1]);
}

function sameContent(d: ImportDraft, a: Annotation): boolean {
  return (
    d.source === a.target.source &&
    d.title === a.target.title &&
    d.color === a.color &&
    (JSON.stringify(d.selector) === JSON.stringify(a.target.selector) || samePositionOnly(d, a)) &&
    JSON.stringify(d.body) === JSON.stringify(a.body) &&
    JSON.stringify(d.entityIds) === JSON.stringify(a.entityIds)
  );
}

/** Is the file's version newer than the stored one? Stamps when both have one, else modification times. */
function newer(d: ImportDraft, a: Annotation): boolean {
  if (d.hlc) return compareEncoded(d.hlc, a.hlc) > 0;
  return d.modified > a.modified;
}

export function decide(d: ImportDraft, stored: Annotation | undefined): Decision {
  if (!stored) return 'add';
  if (stored.deleted) return newer(d, stored) ? 'update' : 'deletedSince';
  if (sameContent(d, stored)) return 'unchanged';
  return newer(d, stored) ? 'update' : 'unchanged';
}

/** A later version of the same id in the file replaces an earlier one. */
function later(a: ImportDraft, b: ImportDraft): boolean {
  if (a.hlc && b.hlc) return compareEncoded(a.hlc, b.hlc) > 0;
  return a.modified >= b.modified;
}

interface Session {
  shape: ImportShape | null;
  drafts: Map<string, ImportDraft>;
  decisions: Map<string, Decision>;
  total: number;
  rejected: Rejection[];
  rejectedCount: number;
  duplicates: number;
  progress: ImportProgress | null;
}

function record(d: ImportDraft, clock: HybridClock, keepStamp: boolean): Annotation {
  let hlc: string;
  let device: string;
  if (keepStamp && d.hlc) {
    hlc = d.hlc;
    device = decode(d.hlc).device;
  } else {
    hlc = encode(clock.tick());
    device = clock.device;
  }
  const a: Annotation = {
    id: d.id,
    type: 'Annotation',
    created: d.created,
    modified: d.modified,
    target: { source: d.source, title: d.title, selector: d.selector, ...(d.codePoints ? { codePoints: d.codePoints } : {}), ...(d.byPosition ? { byPosition: d.byPosition } : {}) },
    body: d.body,
    color: d.color,
    entityIds: d.entityIds,
    hlc,
    device,
    deleted: false,
  };
  if (d.via) a.via = d.via;
  return a;
}

/** Yields to the event loop (lets other messages in between two slices of work). */
const pause = () => new Promise<void>((r) => setTimeout(r, 0));

export class AnnotationImports {
  private sessions = new Map<string, Session>();

  constructor(
    private readonly store: AnnotationStore,
    private readonly now: () => number = Date.now,
  ) {}

  begin(): string {
    const token = crypto.randomUUID();
    this.sessions.set(token, { shape: null, drafts: new Map(), decisions: new Map(), total: 0, rejected: [], rejectedCount: 0, duplicates: 0, progress: null });
    return token;
  }

  private session(token: string): Session {
    const s = this.sessions.get(token);
    if (!s) throw new Error('this import was cancelled or has finished: choose the file again');
    return s;
  }

  /** File-level rejections (a file that cannot be read at all) are added by the caller as one rejection. */
  reject(token: string, rejections: Rejection[]): ImportPreview {
    const s = this.session(token);
    for (const r of rejections) this.addRejection(s, r);
    return this.preview(token);
  }

  private addRejection(s: Session, r: Rejection): void {
    s.rejectedCount++;
    if (s.rejected.length < MAX_LISTED_REJECTIONS) s.rejected.push(r);
  }

  /** Reads one slice of the file's items and compares them with what is stored. Writes nothing. */
  async stage(token: string, items: Candidate[], shape?: ImportShape): Promise<ImportPreview> {
    const s = this.session(token);
    if (s.progress) throw new Error('this import is being written');
    if (items.length > STAGE_SLICE) throw new RangeError(`at most ${STAGE_SLICE} items per slice`);
    if (shape) s.shape = shape;
    const { drafts, rejected } = readItems(items, this.now());
    s.total += items.length;
    for (const r of rejected) this.addRejection(s, r);
    const fresh: ImportDraft[] = [];
    for (const d of drafts) {
      // Too large for one sync record: refused now, not found out when it is written.
      const bytes = utf8.encode(JSON.stringify(d)).length + RECORD_SLACK_BYTES;
      if (bytes > MAX_RECORD_BYTES) {
        this.addRejection(s, { path: d.path, reason: `about ${bytes} bytes, more than the ${MAX_RECORD_BYTES} one synced note holds (shorten the note)` });
        continue;
      }
      const prev = s.drafts.get(d.id);
      if (prev) s.duplicates++;
      if (!prev || later(d, prev)) {
        s.drafts.set(d.id, d);
        fresh.push(d);
      }
    }
    const stored = await this.store.db.annotations.bulkGet(fresh.map((d) => d.id));
    fresh.forEach((d, i) => s.decisions.set(d.id, decide(d, stored[i])));
    return this.preview(token);
  }

  preview(token: string): ImportPreview {
    const s = this.session(token);
    const count = { add: 0, update: 0, unchanged: 0, deletedSince: 0 };
    for (const d of s.decisions.values()) count[d]++;
    return {
      token,
      shape: s.shape,
      total: s.total,
      added: count.add,
      updated: count.update,
      unchanged: count.unchanged + s.duplicates,
      deletedSince: count.deletedSince,
      rejectedCount: s.rejectedCount,
      rejected: [...s.rejected],
      notes: countNotes([...s.drafts.values()]),
    };
  }

  progress(token: string): ImportProgress | null {
    return this.sessions.get(token)?.progress ?? null;
  }

  cancel(token: string): void {
    const s = this.sessions.get(token);
    if (s && !s.progress) this.sessions.delete(token);
  }

  /**
   * Writes what the preview accepted, in one transaction, re-deciding against what is stored now (a
   * change made while the preview was open is not overwritten by an older version).
   */
  async commit(token: string, opts: { restoreDeleted?: boolean } = {}): Promise<ImportOutcome> {
    const s = this.session(token);
    if (s.progress) throw new Error('this import is already being written');
    const drafts = [...s.drafts.values()];
    s.progress = { written: 0, total: drafts.length, done: false };
    const clock = await this.store.clock();
    const out: ImportOutcome = { added: 0, updated: 0, restored: 0, unchanged: s.duplicates, rejected: s.rejectedCount };
    const db = this.store.db;
    try {
      await db.transaction('rw', db.annotations, db.outbox, db.meta, async () => {
        let newestForeign: string | null = null;
        for (let i = 0; i < drafts.length; i += WRITE_SLICE) {
          const slice = drafts.slice(i, i + WRITE_SLICE);
          const stored = await db.annotations.bulkGet(slice.map((d) => d.id));
          const now = this.now();
          const put: Annotation[] = [];
          slice.forEach((d, j) => {
            const decision = decide(d, stored[j]);
            const restore = decision === 'deletedSince' && !!opts.restoreDeleted;
            if (decision === 'unchanged' || (decision === 'deletedSince' && !restore)) {
              out.unchanged++;
              return;
            }
            // A restored deletion needs a stamp newer than its tombstone: this device's.
            const a = record(d, clock, !restore);
            const problem = importedRecordProblem(a, now);
            if (problem) {
              out.rejected++;
              return;
            }
            if (a.device !== clock.device && (!newestForeign || compareEncoded(a.hlc, newestForeign) > 0)) newestForeign = a.hlc;
            put.push(a);
            if (restore || (stored[j]?.deleted && decision === 'update')) out.restored++;
            else if (decision === 'add') out.added++;
            else out.updated++;
          });
          await db.annotations.bulkPut(put);
          await db.outbox.bulkPut(put.map((a) => ({ id: a.id, queuedAt: now })));
          s.progress!.written = Math.min(drafts.length, i + slice.length);
        }
        if (newestForeign) clock.receive(newestForeign);
        await setMeta(db, HLC_KEY, encode(clock.last));
      });
    } catch (e) {
      s.progress = null;
      throw e;
    }
    s.progress.done = true;
    this.sessions.delete(token);
    return out;
  }

  /** The whole import in one call (small files, the legacy message): stage in slices, then commit. */
  async importAll(items: Candidate[], shape: ImportShape, opts: { restoreDeleted?: boolean } = {}): Promise<{ preview: ImportPreview; outcome: ImportOutcome | null }> {
    const token = this.begin();
    let preview = this.preview(token);
    for (let i = 0; i < items.length; i += STAGE_SLICE) {
      preview = await this.stage(token, items.slice(i, i + STAGE_SLICE), shape);
      await pause();
    }
    if (preview.added + preview.updated + preview.deletedSince === 0 && preview.rejectedCount > 0) {
      this.cancel(token);
      return { preview, outcome: null };
    }
    return { preview, outcome: await this.commit(token, opts) };
  }
}

/** The one-call import (the `annotationsImport` message): the file's text, read, previewed and written. */
export async function importText(
  imports: AnnotationImports,
  json: string,
): Promise<{ ok: true; result: { added: number; updated: number; skipped: number } } | { ok: false; errors: string[] }> {
  const file = openImport(json);
  if (!file.ok) return file;
  const { preview, outcome } = await imports.importAll(file.items, file.shape);
  const reasons = preview.rejected.map((r) => `${r.path}: ${r.reason}`);
  if (!outcome) return { ok: false, errors: reasons.length ? reasons : ['nothing to import'] };
  return { ok: true, result: { added: outcome.added, updated: outcome.updated + outcome.restored, skipped: outcome.unchanged + outcome.rejected } };
}
