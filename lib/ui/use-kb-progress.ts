import { useEffect, useState } from 'react';
import type { KbStats } from '../kb/store';
import { sendMessage } from '../protocol/to-background';

export type KbProgress = { ready: false; stats: KbStats | null } | { ready: true; stats: KbStats };

/** The knowledge base's state, asked of the background until its build is done. */
export function useKbProgress(intervalMs = 400): KbProgress {
  const [progress, setProgress] = useState<KbProgress>({ ready: false, stats: null });
  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = async () => {
      const stats = await sendMessage('kbStats').catch(() => null);
      if (!alive) return;
      if (stats?.ready && stats.entities > 0) {
        setProgress({ ready: true, stats });
        return;
      }
      setProgress({ ready: false, stats });
      timer = setTimeout(() => void ask(), intervalMs);
    };
    void ask();
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [intervalMs]);
  return progress;
}
