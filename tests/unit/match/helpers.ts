import { expect } from 'vitest';
import { buildMatcher, type Matcher } from '../../../lib/match';
import type { Alias, ContextRule } from '../../../lib/model/types';

export function alias(text: string, entityId: string, opts: { cs?: boolean; context?: ContextRule } = {}): Alias {
  return { text, entityId, caseSensitive: opts.cs ?? false, ...(opts.context ? { context: opts.context } : {}) };
}

/** Scan and return [matched text, entity id] pairs, checking the span invariants on the way. */
export function found(m: Matcher, text: string): [string, string][] {
  const spans = m.scan(text);
  let last = -1;
  for (const s of spans) {
    expect(s.text).toBe(text.slice(s.start, s.end));
    expect(s.start).toBeGreaterThanOrEqual(last);
    expect(s.end).toBeGreaterThan(s.start);
    last = s.end;
  }
  return spans.map((s) => [s.text, s.entityId]);
}

export function texts(m: Matcher, text: string): string[] {
  return found(m, text).map(([t]) => t);
}

export { buildMatcher };
