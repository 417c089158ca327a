import { useEffect, useState } from 'react';
import type { LearnedSummary } from '../kb/learn-service';
import type { LearnedDocument } from '../model/types';
import { sendMessage } from '../protocol/to-background';

export type LearnState =
  | { kind: 'unknown' }
  | { kind: 'idle' }
  | { kind: 'working'; what: 'learning' | 'removing' }
  | { kind: 'learned'; summary: LearnedSummary; created: boolean | null }
  | { kind: 'removed'; doc: LearnedDocument }
  | { kind: 'error'; error: string };

export interface LearnControl {
  state: LearnState;
  learn: () => void;
  remove: () => void;
  undo: () => void;
}

/** Whether the tab's page is in the reader's knowledge base, and the actions to add, remove and undo. */
export function useLearn(tabId: number | null): LearnControl {
  const [state, setState] = useState<LearnState>({ kind: 'unknown' });
  useEffect(() => {
    if (tabId === null) return;
    let alive = true;
    void sendMessage('learnedForPage', { tabId })
      .catch(() => null)
      .then((summary) => alive && setState(summary ? { kind: 'learned', summary, created: null } : { kind: 'idle' }));
    return () => {
      alive = false;
    };
  }, [tabId]);
  const fail = (err: unknown) => setState({ kind: 'error', error: (err as Error).message ?? String(err) });
  return {
    state,
    learn: () => {
      if (tabId === null) return;
      setState({ kind: 'working', what: 'learning' });
      void sendMessage('learnPage', { tabId })
        .then((r) => setState(r.ok ? { kind: 'learned', summary: r.summary, created: r.created } : { kind: 'error', error: r.error }))
        .catch(fail);
    },
    remove: () => {
      if (state.kind !== 'learned') return;
      setState({ kind: 'working', what: 'removing' });
      void sendMessage('learnedRemove', { id: state.summary.id })
        .then(({ removed }) => setState(removed ? { kind: 'removed', doc: removed } : { kind: 'idle' }))
        .catch(fail);
    },
    undo: () => {
      if (state.kind !== 'removed') return;
      setState({ kind: 'working', what: 'learning' });
      void sendMessage('learnedRestore', { doc: state.doc })
        .then((summary) => setState({ kind: 'learned', summary, created: null }))
        .catch(fail);
    },
  };
}
