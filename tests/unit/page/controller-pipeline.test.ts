// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { ENTITY_TYPES } from '../../../lib/model/types';
import { IN_FLIGHT, PageController } from '../../../lib/page/controller';
import type { MatchedSpan } from '../../../lib/match/spans';
import type { PageReport } from '../../../lib/model/page';
import { packSpans, type PackedSpans } from '../../../lib/match/spans';
import { installHighlightApi, uninstallHighlightApi } from '../fake-highlight-api';

// The controller's matching pipeline: several matchText messages in flight, packed replies,
// highlights filled while replies arrive and shown at the end.

const NAMES: [string, string, MatchedSpan['type']][] = [
  ['CSTO', 'org:csto', 'organization'],
  ['Russia', 'country:russia', 'country'],
  ['Moscow', 'place:moscow', 'place'],
];
function match(text: string): MatchedSpan[] {
  const out: MatchedSpan[] = [];
  const re = /\b(CSTO|Russia|Moscow)\b/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const [, id, type] = NAMES.find(([n]) => n === m![1])!;
    out.push({ start: m.index, end: m.index + m[0].length, entityId: id, type });
  }
  return out;
}

const aborts: AbortController[] = [];
afterEach(() => {
  for (const a of aborts.splice(0)) a.abort();
  uninstallHighlightApi();
  document.body.innerHTML = '';
});

const install = () => installHighlightApi();

const PARAS = Array.from({ length: 40 }, (_, i) => `<p>Item ${i}: the CSTO met in Moscow; Russia agreed.</p>`).join('');

function controller(match: (t: string) => Promise<PackedSpans | readonly MatchedSpan[]>, chunkChars = 200, viewport?: (r: Range) => number) {
  const abort = new AbortController();
  aborts.push(abort);
  const reports: PageReport[] = [];
  const c = new PageController({ match, report: (r) => reports.push(r) }, { document, signal: abort.signal, mode: 'highlight-api', types: new Set(ENTITY_TYPES), chunkChars, viewport });
  return { c, reports, abort };
}

describe('PageController matching pipeline', () => {
  it('packed replies draw exactly what span objects draw', async () => {
    const registry = install();
    document.body.innerHTML = PARAS;
    const plain = controller(async (t) => match(t));
    await plain.c.start();
    const expected = plain.c.mentions();
    expect(expected).toHaveLength(120);
    plain.abort.abort();
    expect(registry.size).toBe(0);

    const packed = controller(async (t) => JSON.parse(JSON.stringify(packSpans(match(t)))) as PackedSpans);
    await packed.c.start();
    expect(packed.c.mentions()).toEqual(expected);
    expect(packed.reports).toEqual([{ entities: 3, mentions: 120, partial: false }]);
    expect([...registry.values()].reduce((n, h) => n + h.size, 0)).toBe(120);
  });

  it('keeps a few messages in flight, handles replies in order whatever order they come in, and (nothing near the viewport) shows highlights only at the end', async () => {
    const registry = install();
    document.body.innerHTML = PARAS;
    const pending: { text: string; resolve: (s: PackedSpans) => void }[] = [];
    let maxInFlight = 0;
    let inFlight = 0;
    const { c, reports } = controller(
      (text) =>
        new Promise<PackedSpans>((resolve) => {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          pending.push({ text, resolve: (s) => (inFlight--, resolve(s)) });
        }),
      200,
      () => 1, // every mention below the viewport: none is drawn before the rest
    );
    const done = c.start();
    const tick = () => new Promise((r) => setTimeout(r, 5));
    await tick();
    expect(pending.length).toBe(IN_FLIGHT);
    // answer the later ones first
    for (let k = IN_FLIGHT - 1; k > 0; k--) pending[k]!.resolve(packSpans(match(pending[k]!.text)));
    await tick();
    expect(c.mentions()).toEqual([]);
    pending[0]!.resolve(packSpans(match(pending[0]!.text)));
    let answered = IN_FLIGHT;
    for (let guard = 0; guard < 200 && answered < pending.length + 1; guard++) {
      await tick();
      // filled but not shown while replies are still due
      if (answered < pending.length) expect(registry.size).toBe(0);
      while (answered < pending.length) {
        const p = pending[answered++]!;
        p.resolve(packSpans(match(p.text)));
      }
      if (reports.length) break;
    }
    await done;
    expect(pending.length).toBeGreaterThan(5);
    expect(maxInFlight).toBeLessThanOrEqual(IN_FLIGHT);
    expect(c.mentions()).toHaveLength(120);
    expect(reports).toEqual([{ entities: 3, mentions: 120, partial: false }]);
    expect([...registry.values()].reduce((n, h) => n + h.size, 0)).toBe(120);
  });

  it('a failed message fails the scan (no unhandled rejection from the others in flight)', async () => {
    install();
    document.body.innerHTML = PARAS;
    let n = 0;
    const { c, reports } = controller(async (t) => {
      if (n++ === 1) throw new Error('background gone');
      if (n > 2) throw new Error('also gone');
      return match(t);
    });
    await expect(c.start()).rejects.toThrow('background gone');
    expect(reports).toEqual([]);
  });

  it('a text node the page changed before its reply came is skipped, and read again by the observer', async () => {
    const registry = install();
    document.body.innerHTML = '<p>The CSTO met.</p><p>Russia agreed.</p>';
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { c } = controller(async (t) => (await gate, match(t)));
    const done = c.start();
    await new Promise((r) => setTimeout(r, 5));
    document.querySelector('p')!.firstChild!.textContent = 'The OTSC met.';
    release();
    await done;
    expect(c.mentions().map((m) => m.text)).toEqual(['Russia']);
    document.querySelector('p')!.firstChild!.textContent = 'The CSTO met!';
    await expect.poll(() => c.mentions().map((m) => m.text), { timeout: 3000 }).toEqual(['CSTO', 'Russia']);
    expect([...registry.values()].reduce((n, h) => n + h.size, 0)).toBe(2);
  });

  it('after the page swaps in another body (unobserved), a node changed before its reply came is still skipped', async () => {
    install();
    document.body.innerHTML = '<p>Moscow.</p>';
    let gate: Promise<void> = Promise.resolve();
    const { c } = controller(async (t) => (await gate, match(t)));
    await c.start();
    expect(c.mentions().map((m) => m.text)).toEqual(['Moscow']);
    const fresh = document.createElement('body');
    fresh.innerHTML = '<p>The CSTO met.</p><p>Russia agreed.</p>';
    document.documentElement.replaceChild(fresh, document.body);
    let release!: () => void;
    gate = new Promise<void>((r) => (release = r));
    const done = c.rescan();
    await new Promise((r) => setTimeout(r, 5));
    fresh.querySelector('p')!.firstChild!.textContent = 'The OTSC met.';
    release();
    await done;
    expect(c.mentions().map((m) => m.text)).toEqual(['Russia']);
  });
});
