import { collectTextAsync, type AsyncCollectOptions, type TextIndex } from '../dom/collect';
import { observeMutations, type MutationWatch } from '../dom/observe';
import { yieldTask, yieldToMain } from '../dom/schedule';
import type { MatchedSpan, PackedSpans } from '../match/spans';
import { previewRequest, sameRequest } from './chunks';

type Reply = Promise<PackedSpans | readonly MatchedSpan[]>;

// speed (issue 13): the page is read while the reader's settings are still on their way (reading
// them from storage took Firefox 27-53 ms on a big page's load, where reading the first screen's
// text takes 3). The session starts the read; once the first screen's text is read it is sent to be
// matched (`ask`, whose reply also brings the settings: lib/page/first-settings.ts). The first
// controller follows the read once the settings say it may (highlighting on for this site, the
// whole page read), and its preview takes that reply (`askedFor`); or it is cancelled. An observer
// runs from the read's start: if the page changed before the follow (a node removed under the
// paused walk would end it early; one added would be read by the walk and by the observer's
// batch), the read is dropped and the controller reads the page itself, as it would have
// without the early read. Only an unchanged page is handed over, with that observer.

type Callback<T extends 'onPrefix' | 'onLength'> = NonNullable<AsyncCollectOptions[T]>;

/** What the follower attaches: called as if it had started the read itself. */
export interface ReadFollower {
  onPrefix?: Callback<'onPrefix'>;
  onLength?: Callback<'onLength'>;
  onAdded(nodes: Node[]): void;
  onRemoved(nodes: Node[]): void;
  signal: AbortSignal;
}

export interface EarlyRead {
  readonly root: HTMLElement;
  /** The read's own prefix and length marks (the follower's must be the same). */
  readonly prefixChars: number;
  readonly lengthChars: number | undefined;
  /** Takes the read over: its text, and the observer that has watched the page since it began
   *  (no change seen yet: `changes` is 0). Null when the follower must read the page itself: the
   *  page changed since the read began, the follower's marks are not the read's, its signal is
   *  aborted already, the read was cancelled, or another follower has it. In the first three
   *  cases the read is cancelled too. */
  follow(follower: ReadFollower): { index: Promise<TextIndex>; watch: MutationWatch } | null;
  /** The reply to the first screen's request (chunks.ts previewRequest), if the read asked for that
   *  very request before the follower came (EarlyReadOptions.ask). Once. */
  askedFor(asked: NonNullable<ReturnType<typeof previewRequest>>): { reply: Reply; at: number } | null;
  /** Stops the read and its observer (the settings asked for another read, or none). Does nothing
   *  once the read is followed: the follower's signal stops it then. */
  cancel(): void;
}

export interface EarlyReadOptions {
  /** The follower's preview mark (PageController's PREVIEW_CHARS). */
  prefixChars: number;
  /** The follower's onLength mark, if it will have one (the page matcher's minChars). */
  lengthChars?: number;
  debounceMs: number;
  /** speed: asks the matcher for the first screen's chunk as soon as the prefix is read, if nobody
   *  follows yet (the settings are still on their way, and nearly always let the page be
   *  highlighted); the follower's preview then finds its reply under way (askedFor). */
  ask?: (text: string, total: number) => Reply;
}

const timer = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function startEarlyRead(root: HTMLElement, opts: EarlyReadOptions): EarlyRead {
  const abort = new AbortController();
  let follower: ReadFollower | null = null;
  let prefix: TextIndex | null = null;
  let longEnough = false;
  let followed: () => void = () => {};
  const whenFollowed = new Promise<void>((resolve) => (followed = resolve));
  // The follower's preview work, when it was handed the prefix late: the walk yields with timers
  // while it is pending (as collectTextAsync does for a callback's promise), so the reply that
  // work waits for is not held behind the rest of the walk.
  let lateWork = false;
  let asked: { request: NonNullable<ReturnType<typeof previewRequest>>; reply: Reply; at: number } | null = null;

  const watch = observeMutations(
    root,
    // Before the follow, a batch only tells that the page changed (watch.changes): the read is dropped then.
    (nodes) => follower?.onAdded(nodes),
    (nodes) => follower?.onRemoved(nodes),
    { debounceMs: opts.debounceMs, signal: abort.signal },
  );
  const index = collectTextAsync(root, {
    signal: abort.signal,
    // Until followed, a macrotask yield (a scheduler.yield() continuation would run before the
    // settings' reply, which would then wait for the whole walk), and past the prefix a pause: the
    // settings' reply comes sooner on an idle thread, and the preview can start at once.
    yieldFn: () => (follower ? (lateWork ? timer() : yieldToMain()) : prefix ? whenFollowed : yieldTask()),
    onPrefix: {
      chars: opts.prefixChars,
      callback: (p) => {
        prefix = p;
        if (follower) return follower.onPrefix?.callback(p);
        const request = opts.ask ? previewRequest(p) : null;
        if (request && opts.ask) {
          const reply = opts.ask(request.sent.slice(request.request.from), request.total);
          reply.catch(() => {}); // taken by the follower's preview, or by nobody
          asked = { request, reply, at: performance.now() };
        }
      },
    },
    ...(opts.lengthChars !== undefined
      ? {
          onLength: {
            chars: opts.lengthChars,
            callback: () => {
              longEnough = true;
              follower?.onLength?.callback();
            },
          },
        }
      : {}),
  });
  index.catch(() => {}); // cancelled: nobody waits for it
  /** keepReply: the read was refused (the follower reads the page itself, and may come to the same first chunk). */
  const cancel = (keepReply = false) => {
    if (!keepReply) asked = null; // its reply is nobody's
    abort.abort(); // the walk and the observer stop
    followed(); // a walk paused at the prefix wakes, to end
  };

  return {
    root,
    prefixChars: opts.prefixChars,
    lengthChars: opts.lengthChars,
    follow(f) {
      if (follower || abort.signal.aborted) return null;
      const sameMarks = (!f.onPrefix || f.onPrefix.chars === opts.prefixChars) && (!f.onLength || f.onLength.chars === opts.lengthChars);
      watch.flush(); // the page's changes until now, delivered (to nobody) and counted
      if (!sameMarks || watch.changes > 0 || f.signal.aborted) {
        cancel(true);
        return null;
      }
      follower = f;
      if (!f.onPrefix) asked = null; // no preview to take the reply (a later scan asks for itself)
      f.signal.addEventListener('abort', () => abort.abort(), { once: true });
      // A prefix not reached yet: the walk calls the follower's own callback then.
      const work = prefix ? f.onPrefix?.callback(prefix) : undefined;
      if (work) {
        lateWork = true;
        const done = () => (lateWork = false);
        work.then(done, done);
      }
      if (longEnough) f.onLength?.callback();
      followed();
      return { index, watch };
    },
    askedFor(request) {
      const a = asked;
      if (!a || a.request.total !== request.total || a.request.sent !== request.sent || !sameRequest(a.request.request, request.request)) return null;
      asked = null;
      return a;
    },
    cancel() {
      if (!follower) cancel();
    },
  };
}
