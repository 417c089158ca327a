// Change notices from the sync server (GET /v1/events, Server-Sent Events), read with fetch and a
// stream reader (EventSource cannot send the token; Chrome's extension worker has no EventSource) and
// parsed by eventsource-parser. Every `ready` (each connect) and every `changed` from another device
// asks for a pull; the alarm's polling stays underneath, for when the stream is down.
//
// Reconnects with backoff (1 s … 5 min, with jitter; `Retry-After` on 429); a stream that sends nothing
// for two heartbeats is treated as dead and reopened; 401 stops it until the account changes (the pull
// reports the error). Chrome stops an idle MV3 worker after 30 s without extension events, and an open
// fetch does not count as one: the stream then ends with the worker, and the next event that wakes the
// worker (a tab or window getting focus, a message from a page, the alarm) opens it again and pulls.

import { createParser } from 'eventsource-parser';
import type { Fetch } from './api';
import { backoffDelay } from './backoff';
import { EVENT_HEARTBEAT_MS, EVENTS_PATH, syncEventSchemas, type SyncEventName } from './protocol';

export const NOTICE_BACKOFF = { baseMs: 1_000, capMs: 5 * 60_000 } as const;

export interface NoticeTarget {
  serverUrl: string;
  token: string;
  /** This device's id: a `changed` notice for its own push only needs no pull. */
  deviceId: string;
}

export type NoticeState = 'off' | 'connecting' | 'open' | 'waiting' | 'stopped';

export interface ChangeNoticesOptions {
  fetch: Fetch;
  /** The account to listen to now; null when sync is off (or has no key yet). */
  target: () => Promise<NoticeTarget | null>;
  /** A pull is due (`ready` after a connect, or another device's `changed`). */
  onNotice: (event: 'ready' | 'changed') => void;
  random?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /** Silence after which a stream counts as dead (default: two heartbeats). */
  idleMs?: number;
  log?: (message: string) => void;
}

/** Why the stream closed: `retryAfterMs` from a 429, `stop` for an answer only a new account fixes. */
interface Outcome {
  opened: boolean;
  retryAfterMs?: number;
  stop?: boolean;
}

export class ChangeNotices {
  private controller: AbortController | null = null;
  private timer: unknown = null;
  private failures = 0;
  private generation = 0;
  state: NoticeState = 'off';

  constructor(private readonly opts: ChangeNoticesOptions) {}

  /** (Re)starts listening for the current account; safe to call often (after link, disconnect, wake-up). */
  restart(): void {
    this.stop();
    this.failures = 0;
    const gen = ++this.generation;
    void this.loop(gen);
  }

  /** Starts if not running (a wake-up); leaves an open or reconnecting stream alone. */
  ensure(): void {
    if (this.state === 'off' || this.state === 'stopped') this.restart();
  }

  stop(): void {
    this.generation++;
    this.controller?.abort();
    this.controller = null;
    if (this.timer !== null) (this.opts.clearTimer ?? clearTimeout)(this.timer as ReturnType<typeof setTimeout>);
    this.timer = null;
    this.state = 'off';
  }

  private async loop(gen: number): Promise<void> {
    const target = await this.opts.target().catch(() => null);
    if (gen !== this.generation) return;
    if (!target) {
      this.state = 'off';
      return;
    }
    this.state = 'connecting';
    const outcome = await this.listen(target, gen);
    if (gen !== this.generation) return;
    if (outcome.stop) {
      this.state = 'stopped';
      return;
    }
    this.failures = outcome.opened ? 1 : this.failures + 1;
    const delay = Math.max(outcome.retryAfterMs ?? 0, backoffDelay(this.failures, this.opts.random, NOTICE_BACKOFF));
    this.state = 'waiting';
    this.timer = (this.opts.setTimer ?? setTimeout)(() => {
      this.timer = null;
      if (gen === this.generation) void this.loop(gen);
    }, delay);
  }

  /** One stream, from connect to its end. */
  private async listen(target: NoticeTarget, gen: number): Promise<Outcome> {
    const controller = new AbortController();
    this.controller = controller;
    const idleMs = this.opts.idleMs ?? 2 * EVENT_HEARTBEAT_MS;
    let idle: unknown = null;
    const arm = () => {
      if (idle !== null) (this.opts.clearTimer ?? clearTimeout)(idle as ReturnType<typeof setTimeout>);
      idle = (this.opts.setTimer ?? setTimeout)(() => controller.abort(), idleMs);
    };
    let opened = false;
    try {
      arm();
      const res = await this.opts.fetch(`${target.serverUrl}${EVENTS_PATH}`, {
        method: 'GET',
        headers: { accept: 'text/event-stream', authorization: `Bearer ${target.token}` },
        signal: controller.signal,
      });
      if (res.status === 401) return { opened, stop: true };
      if (res.status === 429) {
        const after = Number(res.headers.get('retry-after'));
        return { opened, retryAfterMs: Number.isFinite(after) && after > 0 ? after * 1000 : 60_000 };
      }
      if (!res.ok || !res.body || !/text\/event-stream/i.test(res.headers.get('content-type') ?? '')) {
        this.opts.log?.(`change notices: ${res.status} ${res.statusText}`);
        return { opened };
      }
      const parser = createParser({
        onEvent: (m) => {
          const name = (m.event ?? 'message') as SyncEventName;
          const schema = syncEventSchemas[name];
          if (!schema) return;
          let data: unknown;
          try {
            data = JSON.parse(m.data);
          } catch {
            return;
          }
          const ok = schema.safeParse(data);
          if (!ok.success || gen !== this.generation) return;
          if (name === 'ready') {
            opened = true;
            this.state = 'open';
            this.opts.onNotice('ready');
          } else if (name === 'changed') {
            const devices = (ok.data as { devices: string[] }).devices;
            if (devices.length === 0 || devices.some((d) => d !== target.deviceId)) this.opts.onNotice('changed');
          }
        },
      });
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        arm();
        parser.feed(value);
      }
      return { opened };
    } catch (err) {
      if (!controller.signal.aborted) this.opts.log?.(`change notices: ${err instanceof Error ? err.message : String(err)}`);
      return { opened };
    } finally {
      if (idle !== null) (this.opts.clearTimer ?? clearTimeout)(idle as ReturnType<typeof setTimeout>);
      if (this.controller === controller) this.controller = null;
      controller.abort();
    }
  }
}
