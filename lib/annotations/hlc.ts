// Hybrid logical clock (Kulkarni et al., 2014): timestamps that follow physical time when the
// clocks agree and still order every event causally when they do not.
//
// WIRE FORMAT. A stamp travels and is stored as one string,
//   `${wall in base 36, 11 digits}-${counter in base 36, 5 digits}-${device}`
//   e.g. "0lx3k9a1c00-00000-6f1c2a34-...", whose plain lexicographic (byte / UTF-16 code unit)
// order is exactly `compare` order: wall and counter are fixed-width lowercase base 36 and
// device ids are limited to ASCII [0-9A-Za-z_-]. The sync server treats it as an opaque,
// lexicographically ordered stamp: it only compares stamps as strings (in Postgres, with
// COLLATE "C"; never a locale collation) and never parses them.

export interface HlcStamp {
  /** Milliseconds since the epoch (the largest physical time seen). */
  wall: number;
  /** Orders events within one wall millisecond. */
  counter: number;
  /** The device that made the event; breaks ties between devices. */
  device: string;
}

const WALL_DIGITS = 11;
const COUNTER_DIGITS = 5;
export const MAX_COUNTER = 36 ** COUNTER_DIGITS - 1;
const MAX_WALL = 36 ** WALL_DIGITS - 1;
/**
 * Device ids are at most 46 characters, so that an encoded stamp (11 + 1 + 5 + 1 + 46) fits the sync
 * protocol's 64-character HLC limit (`lib/sync/protocol.ts`, `hlcSchema`).
 */
const MAX_DEVICE_CHARS = 46;
const DEVICE = new RegExp(`^[0-9A-Za-z_-]{1,${MAX_DEVICE_CHARS}}$`);
/**
 * How far ahead of this device's clock a stamp that arrives (import, sync) may be. A stamp further in the
 * future is impossible: accepting it would drag this device's clock there, and one near the largest
 * representable time would leave no room for the next local stamp (every later edit would throw).
 */
export const MAX_FUTURE_SKEW_MS = 24 * 60 * 60 * 1000;

export function isValidDevice(device: string): boolean {
  return DEVICE.test(device);
}

function check(s: HlcStamp): void {
  if (!Number.isSafeInteger(s.wall) || s.wall < 0 || s.wall > MAX_WALL) throw new RangeError(`invalid HLC wall time: ${s.wall}`);
  if (!Number.isSafeInteger(s.counter) || s.counter < 0 || s.counter > MAX_COUNTER) throw new RangeError(`invalid HLC counter: ${s.counter}`);
  if (!isValidDevice(s.device)) throw new RangeError(`invalid HLC device id: ${JSON.stringify(s.device)}`);
}

/** A counter past its width moves the stamp to the next millisecond instead (still monotonic). */
function carry(wall: number, counter: number, device: string): HlcStamp {
  return counter > MAX_COUNTER ? { wall: wall + 1, counter: 0, device } : { wall, counter, device };
}

/** The first stamp of a device. */
export function zero(device: string): HlcStamp {
  const s = { wall: 0, counter: 0, device };
  check(s);
  return s;
}

/** Stamp for a local event at physical time now (ms). Always greater than local. */
export function tick(local: HlcStamp, now: number): HlcStamp {
  const wall = Math.max(local.wall, Math.floor(now));
  return carry(wall, wall === local.wall ? local.counter + 1 : 0, local.device);
}

/** Stamp for receiving remote at physical time now. Greater than both local and remote (wall and counter). */
export function receive(local: HlcStamp, remote: HlcStamp, now: number): HlcStamp {
  const wall = Math.max(local.wall, remote.wall, Math.floor(now));
  let counter: number;
  if (wall === local.wall && wall === remote.wall) counter = Math.max(local.counter, remote.counter) + 1;
  else if (wall === local.wall) counter = local.counter + 1;
  else if (wall === remote.wall) counter = remote.counter + 1;
  else counter = 0;
  return carry(wall, counter, local.device);
}

/** Total order: wall, then counter, then device (code-unit order). */
export function compare(a: HlcStamp, b: HlcStamp): number {
  if (a.wall !== b.wall) return a.wall < b.wall ? -1 : 1;
  if (a.counter !== b.counter) return a.counter < b.counter ? -1 : 1;
  return a.device < b.device ? -1 : a.device > b.device ? 1 : 0;
}

export function encode(s: HlcStamp): string {
  check(s);
  return `${s.wall.toString(36).padStart(WALL_DIGITS, '0')}-${s.counter.toString(36).padStart(COUNTER_DIGITS, '0')}-${s.device}`;
}

const ENCODED = /^([0-9a-z]{11})-([0-9a-z]{5})-([0-9A-Za-z_-]{1,46})$/;

/** The stamp an encoded string holds; throws on anything encode could not have produced. */
export function decode(encoded: string): HlcStamp {
  const m = ENCODED.exec(encoded);
  if (!m) throw new SyntaxError(`not an HLC stamp: ${JSON.stringify(encoded)}`);
  return { wall: parseInt(m[1]!, 36), counter: parseInt(m[2]!, 36), device: m[3]! };
}

/**
 * Why a stamp that arrives from outside (an import, another device, the server) cannot be accepted, or
 * null when it can: it must be well formed and not more than MAX_FUTURE_SKEW_MS ahead of `now`.
 */
export function stampProblem(encoded: unknown, now: number): string | null {
  if (typeof encoded !== 'string' || !ENCODED.test(encoded)) return 'not an HLC stamp "wall-counter-device"';
  const { wall } = decode(encoded);
  if (!Number.isSafeInteger(wall) || wall > now + MAX_FUTURE_SKEW_MS) return 'HLC stamp is more than a day ahead of this device\'s clock';
  return null;
}

/** Compares two encoded stamps (same result as compare on the decoded ones). */
export function compareEncoded(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** What model.ts needs from a clock: fresh stamps and physical time. */
export interface Clock {
  readonly device: string;
  /** Physical time in ms, for the ISO `created` / `modified` fields. */
  now(): number;
  /** A new stamp for a local event at physical time now (default: read the clock). */
  tick(now?: number): HlcStamp;
}

/**
 * A device's clock, holding the last stamp. Persist `last` (encoded) and pass it back on
 * start-up; call `receive` with the stamps of records that arrive by sync or import.
 */
export class HybridClock implements Clock {
  private stamp: HlcStamp;

  constructor(
    readonly device: string,
    last: HlcStamp | string | null = null,
    private readonly physical: () => number = Date.now,
  ) {
    const prev = typeof last === 'string' ? decode(last) : last;
    this.stamp = { wall: prev?.wall ?? 0, counter: prev?.counter ?? 0, device };
    check(this.stamp);
  }

  get last(): HlcStamp {
    return this.stamp;
  }

  now(): number {
    return this.physical();
  }

  tick(now: number = this.physical()): HlcStamp {
    return (this.stamp = tick(this.stamp, now));
  }

  /**
   * Advances past a stamp that arrived by sync or import. Throws a RangeError, and stays where it was,
   * for a stamp more than MAX_FUTURE_SKEW_MS ahead of physical time: it would drag this clock there
   * (near the largest representable time, no later local stamp could be made). Callers check arriving
   * stamps with `stampProblem` first; this is the last guard.
   */
  receive(remote: HlcStamp | string): HlcStamp {
    const r = typeof remote === 'string' ? decode(remote) : remote;
    const now = this.physical();
    if (!(r.wall <= now + MAX_FUTURE_SKEW_MS)) throw new RangeError(`HLC stamp refused: more than a day ahead of this device's clock (wall ${r.wall})`);
    return (this.stamp = receive(this.stamp, r, now));
  }
}
