// Change notices for GET /v1/events: an in-process hub, per account, of the open streams. A push that
// applied changes publishes {cursor, devices}; every stream of that account wakes and sends it.
// One process is enough for PGlite (one instance per data directory). Several server processes on one
// PostgreSQL would each notify only their own streams: they would need PostgreSQL LISTEN/NOTIFY (publish
// with NOTIFY, and every instance LISTENs and fans out), which this hub leaves out.
// Memory per stream is bounded: notices that a slow stream has not sent yet merge into one.
import type { ChangedEvent } from '../lib/sync/protocol.ts';

export type Next = ChangedEvent | 'ping' | 'closed';

export class EventStream {
  private pending: ChangedEvent | null = null;
  private wake: (() => void) | null = null;
  closed = false;

  constructor(private readonly onClose: (s: EventStream) => void) {}

  notify(notice: ChangedEvent): void {
    if (this.closed) return;
    const prev = this.pending;
    this.pending = prev
      ? { cursor: BigInt(notice.cursor) > BigInt(prev.cursor) ? notice.cursor : prev.cursor, devices: [...new Set([...prev.devices, ...notice.devices])].sort() }
      : notice;
    this.wake?.();
  }

  /** The next notice; 'ping' if none came within `heartbeatMs`; 'closed' once closed. */
  async next(heartbeatMs: number): Promise<Next> {
    if (!this.pending && !this.closed) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.wake = null;
          resolve();
        };
        const timer = setTimeout(done, heartbeatMs);
        this.wake = done;
      });
    }
    if (this.closed) return 'closed';
    const notice = this.pending;
    this.pending = null;
    return notice ?? 'ping';
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.wake?.();
    this.onClose(this);
  }
}

export class EventHub {
  private readonly byAccount = new Map<string, Set<EventStream>>();
  private shut = false;

  constructor(private readonly maxPerAccount: number) {}

  /** A new stream for the account, or null when it has its maximum (or the hub is closed). */
  open(accountId: string): EventStream | null {
    if (this.shut) return null;
    const set = this.byAccount.get(accountId) ?? new Set<EventStream>();
    if (set.size >= this.maxPerAccount) return null;
    const stream = new EventStream((s) => {
      set.delete(s);
      if (!set.size && this.byAccount.get(accountId) === set) this.byAccount.delete(accountId);
    });
    set.add(stream);
    this.byAccount.set(accountId, set);
    return stream;
  }

  publish(accountId: string, notice: ChangedEvent): void {
    for (const s of this.byAccount.get(accountId) ?? []) s.notify(notice);
  }

  /** Open streams: of one account, or all. */
  count(accountId?: string): number {
    if (accountId !== undefined) return this.byAccount.get(accountId)?.size ?? 0;
    let n = 0;
    for (const set of this.byAccount.values()) n += set.size;
    return n;
  }

  /** Ends every stream (server shutdown) and refuses new ones. */
  close(): void {
    this.shut = true;
    for (const set of [...this.byAccount.values()]) for (const s of [...set]) s.close();
  }
}
