// Pull: from the stored cursor, page by page until `more` is false. Each page is decrypted completely
// before any of it is applied; one payload that does not open stops the pull with nothing of that page
// applied and the cursor where it was. Remote tombstones merge like any other version.

import type { Annotation } from '../annotations/model';
import type { AnnotationStore } from '../kb/annotation-store';
import type { SyncApi } from './api';
import { open } from './envelope';
import { WrongPassphraseError } from './errors';
import { isKeyCheck, verifyKeyCheck } from './key-check';
import type { SyncState } from './state';

export interface PullResult {
  /** Changes received (key check included). */
  pulled: number;
  /** Records whose local version changed. */
  applied: number;
  pages: number;
}

export async function pullAll(
  api: SyncApi,
  key: CryptoKey,
  accountId: string,
  notes: AnnotationStore,
  state: SyncState,
  pageLimit?: number,
): Promise<PullResult> {
  let cursor = await state.cursor();
  const result: PullResult = { pulled: 0, applied: 0, pages: 0 };
  for (;;) {
    const page = await api.pull(cursor, pageLimit);
    result.pages++;
    result.pulled += page.changes.length;
    for (const c of page.changes) {
      if (isKeyCheck(c) && !(await verifyKeyCheck(key, accountId, c))) throw new WrongPassphraseError();
    }
    const records: Annotation[] = await Promise.all(page.changes.filter((c) => !isKeyCheck(c)).map((c) => open(key, c)));
    result.applied += (await notes.applyRemote(records)).length;
    if (page.cursor !== cursor) {
      cursor = page.cursor;
      await state.setCursor(cursor);
    }
    if (!page.more || page.changes.length === 0) return result;
  }
}
