import type { Annotation } from '../annotations/model';
import type { LearnedDocument } from '../model/types';

// The user-data tables: the reader's own, kept across knowledge-base rebuilds and migrations.

/** A local change not yet pushed to the sync server: one row per annotation id, however many edits. */
export interface OutboxRow {
  id: string;
  queuedAt: number;
}

/** Where an annotation last anchored: an orphan is shown in the notebook with its quote, never dropped. */
export interface AnchorStateRow {
  id: string;
  source: string;
  orphan: boolean;
  checkedAt: number;
}

/** sync (v5): a change sync set aside because it did not verify; never applied, never pushed (lib/sync/rejects.ts). */
export interface SyncRejectRow {
  /** `${source}|${id}|${hlc}`: one row per version. */
  key: string;
  /** 'server': pulled (did not decrypt, parse or pass the record rules); 'local': refused before or by a push. */
  source: 'server' | 'local';
  id: string;
  hlc: string;
  reason: string;
  at: number;
  /** The pulled change as it came (ciphertext only), when it had the wire shape. */
  change?: { id: string; hlc: string; device: string; deleted: boolean; payload: string };
}

/** The rows of each user-data table. */
export interface UserDataRows {
  annotations: Annotation;
  outbox: OutboxRow;
  anchorState: AnchorStateRow;
  syncRejects: SyncRejectRow;
  learned: LearnedDocument;
}

export const USER_TABLES = ['annotations', 'outbox', 'anchorState', 'syncRejects', 'learned'] as const satisfies readonly (keyof UserDataRows)[];
