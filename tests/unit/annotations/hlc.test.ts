import { describe, expect, it } from 'vitest';
import {
  compare, compareEncoded, decode, encode, HybridClock, MAX_COUNTER, receive, tick, zero, type HlcStamp,
} from '../../../lib/annotations/hlc';

function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DEVICES = ['a', 'b', 'A', 'Z', 'dev-1', 'dev_2', '6f1c2a34-0b1d-4c9e-9a57-0d7c7d1f2e3a', 'a-b', 'ab'];

function randomStamp(r: () => number): HlcStamp {
  // few distinct walls and counters, so ties on wall and counter happen often
  return {
    wall: [0, 1, 1_700_000_000_000, 1_700_000_000_001, 4_102_444_800_000][Math.floor(r() * 5)]!,
    counter: [0, 1, 35, 36, MAX_COUNTER][Math.floor(r() * 5)]!,
    device: DEVICES[Math.floor(r() * DEVICES.length)]!,
  };
}

describe('hlc: tick', () => {
  it('is strictly monotonic under any physical clock, including one going backwards', () => {
    const r = rng(1);
    let s = zero('dev');
    let now = 1_700_000_000_000;
    for (let i = 0; i < 5000; i++) {
      now += Math.floor(r() * 5) - 2; // jitters back and forth
      const next = tick(s, now);
      expect(compare(next, s)).toBe(1);
      expect(next.wall).toBeGreaterThanOrEqual(now);
      s = next;
    }
  });

  it('follows physical time when it moves ahead, and counts within a millisecond', () => {
    const s = tick(zero('d'), 1000);
    expect(s).toEqual({ wall: 1000, counter: 0, device: 'd' });
    expect(tick(s, 1000)).toEqual({ wall: 1000, counter: 1, device: 'd' });
    expect(tick(s, 999)).toEqual({ wall: 1000, counter: 1, device: 'd' });
    expect(tick(s, 2000)).toEqual({ wall: 2000, counter: 0, device: 'd' });
  });

  it('carries a full counter into the next millisecond', () => {
    expect(tick({ wall: 5, counter: MAX_COUNTER, device: 'd' }, 0)).toEqual({ wall: 6, counter: 0, device: 'd' });
  });
});

describe('hlc: receive', () => {
  it('is greater than both the local and the remote stamp, keeping the local device', () => {
    const r = rng(2);
    for (let i = 0; i < 3000; i++) {
      const local = randomStamp(r);
      const remote = randomStamp(r);
      const now = [0, 1_700_000_000_000, 1_700_000_000_001][Math.floor(r() * 3)]!;
      const out = receive(local, remote, now);
      expect(compare(out, local)).toBe(1);
      expect(out.wall > remote.wall || (out.wall === remote.wall && out.counter > remote.counter)).toBe(true);
      expect(out.device).toBe(local.device);
    }
  });

  it.each([
    ['physical time ahead of both', { wall: 10, counter: 3 }, { wall: 20, counter: 7 }, 30, { wall: 30, counter: 0 }],
    ['remote ahead', { wall: 10, counter: 3 }, { wall: 20, counter: 7 }, 15, { wall: 20, counter: 8 }],
    ['local ahead', { wall: 25, counter: 3 }, { wall: 20, counter: 7 }, 15, { wall: 25, counter: 4 }],
    ['same wall', { wall: 20, counter: 3 }, { wall: 20, counter: 7 }, 15, { wall: 20, counter: 8 }],
  ])('%s', (_n, l, rm, now, want) => {
    expect(receive({ ...l, device: 'l' }, { ...rm, device: 'r' }, now)).toEqual({ ...want, device: 'l' });
  });
});

describe('hlc: encoding', () => {
  it('round-trips and sorts as strings exactly as compare orders the stamps', () => {
    const r = rng(3);
    const stamps = Array.from({ length: 2000 }, () => randomStamp(r));
    for (const s of stamps) expect(decode(encode(s))).toEqual(s);
    const byCompare = [...stamps].sort(compare).map(encode);
    const byString = stamps.map(encode).sort();
    expect(byString).toEqual(byCompare);
    for (let i = 0; i < 2000; i++) {
      const a = stamps[i]!;
      const b = stamps[(i * 7 + 3) % stamps.length]!;
      expect(Math.sign(compareEncoded(encode(a), encode(b)))).toBe(Math.sign(compare(a, b)));
    }
  });

  it('has a fixed-width shape', () => {
    expect(encode({ wall: 1_700_000_000_000, counter: 1, device: 'dev-a' })).toBe('000loyw3v28-00001-dev-a');
  });

  it.each([
    ['', 'empty'],
    ['000loyw3v28-00001', 'no device'],
    ['000loyw3v28-0001-dev', 'short counter'],
    ['000LOYW3V28-00001-dev', 'upper-case digits'],
    ['000loyw3v28-00001-dev a', 'space in device'],
  ])('decode rejects %j (%s)', (s) => {
    expect(() => decode(s)).toThrow(SyntaxError);
  });

  it.each<[string, HlcStamp]>([
    ['negative wall', { wall: -1, counter: 0, device: 'd' }],
    ['fractional counter', { wall: 1, counter: 0.5, device: 'd' }],
    ['counter too wide', { wall: 1, counter: MAX_COUNTER + 1, device: 'd' }],
    ['non-ASCII device', { wall: 1, counter: 0, device: 'ноутбук' }],
    ['empty device', { wall: 1, counter: 0, device: '' }],
  ])('encode rejects a %s', (_n, s) => {
    expect(() => encode(s)).toThrow(RangeError);
  });
});

describe('HybridClock', () => {
  it('resumes after its persisted stamp and advances on receive', () => {
    let now = 1000;
    const c = new HybridClock('dev', encode({ wall: 5000, counter: 2, device: 'dev' }), () => now);
    expect(c.tick()).toEqual({ wall: 5000, counter: 3, device: 'dev' });
    now = 6000;
    expect(c.receive('000000000zz-00009-other')).toEqual({ wall: 6000, counter: 0, device: 'dev' });
    expect(c.receive({ wall: 7000, counter: 4, device: 'x' })).toEqual({ wall: 7000, counter: 5, device: 'dev' });
    expect(c.last).toEqual({ wall: 7000, counter: 5, device: 'dev' });
  });
});
