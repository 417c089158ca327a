import { withDefaults, type Settings } from '../settings';

// speed (issue 13): the page's settings, from storage or from the reply to the page's first request
// (matchText withSettings, which the background answers with the settings as last written),
// whichever comes first. Neither may leave the page with stale settings: a write seen meanwhile
// (storage.onChanged) wins over both, and storage's own answer, if it comes second and differs from
// the reply's, replaces them.

export interface FirstSettings {
  /** Resolves once settings are known (rejects if storage fails before a reply brought them);
   *  then current() has them. */
  readonly known: Promise<void>;
  /** The settings now: the latest of storage's answer, the reply's and the writes seen. */
  current(): Settings | null;
  /** The reply's settings, as stored (filled in with defaults here). */
  fromReply(stored: Record<string, unknown>): void;
  /** A write seen by the page's watch (storage.onChanged). */
  written(next: Settings): void;
}

/** `changed` is called each time current() changes after `known` resolved. */
export function firstSettings(stored: Promise<Settings>, changed: (next: Settings) => void): FirstSettings {
  let now: Settings | null = null;
  let fromStorage = false; // storage's answer is in (it is the truth, but for later writes)
  let writtenSince = false;
  let isKnown = false;
  let settle: () => void = () => {};
  let fail: (err: unknown) => void = () => {};
  const known = new Promise<void>((resolve, reject) => ((settle = resolve), (fail = reject)));
  const set = (next: Settings) => {
    const differs = now === null || JSON.stringify(now) !== JSON.stringify(next);
    now = next;
    if (!isKnown) {
      isKnown = true;
      settle();
    } else if (differs) changed(next);
  };
  stored.then(
    (s) => {
      fromStorage = true;
      if (!writtenSince) set(s); // a write seen meanwhile is newer
    },
    (err: unknown) => {
      if (!isKnown) fail(err); // after a reply, its settings stand
    },
  );
  return {
    known,
    current: () => now,
    fromReply(s) {
      if (!fromStorage && !writtenSince && !isKnown) set(withDefaults(s as Partial<Settings>));
    },
    written(next) {
      writtenSince = true;
      set(next);
    },
  };
}
