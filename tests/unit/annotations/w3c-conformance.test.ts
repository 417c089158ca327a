import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportJsonLd } from '../../../lib/annotations/jsonld';
import { createAnnotation, type Annotation } from '../../../lib/annotations/model';
import { describe as describeSpan } from '../../../lib/anchoring';
import { fakeClock, sample } from './fixtures';
import { assertions, check, type Suite } from './w3c-schemas';

// Every kind of export against the W3C annotation-model tests (the schemas in tests/fixtures/w3c).

const kinds: [string, () => Annotation[]][] = [
  ['plain highlight', () => [sample()[1]!]],
  ['note and tags', () => [sample()[0]!]],
  ['tags only', () => [{ ...sample()[0]!, body: sample()[0]!.body.filter((b) => b.purpose === 'tagging') }]],
  ['note only', () => [sample()[2]!].map((a) => ({ ...a, body: a.body.filter((b) => b.purpose === 'commenting') }))],
  ['Russian note, emoji before the quote', () => {
    const text = '🇷🇺 Заявление ОДКБ: Организация Договора о коллективной безопасности';
    const i = text.indexOf('Организация');
    return [createAnnotation({ source: 'https://ria.example/1', title: 'ОДКБ', selector: describeSpan(text, i, i + 11), note: 'важно' }, fakeClock())];
  }],
  ['imported by position only (page not opened since)', () => {
    const a = sample()[1]!;
    const position = { type: 'TextPositionSelector' as const, start: 115, end: 159 };
    return [{ ...a, target: { ...a.target, selector: [{ type: 'TextQuoteSelector' as const, exact: '', prefix: '', suffix: '' }, position], codePoints: { start: 115, end: 159 }, byPosition: true as const } }];
  }],
  ['whole sample', () => sample()],
  ['empty collection', () => []],
];

/** SHOULDs that do not apply to what the extension records, with the reason. */
const NOT_APPLICABLE: Record<string, string> = {
  'annotations/bodiesTargets/3.3.1-targSingleCreator.json': 'the target is a news page: its author is not known',
  'annotations/bodiesTargets/3.3.1-targCreated.json': 'the target is a news page: when it was written is not known',
  'annotations/specificResource/4.2.1-conformsTo.json': 'no FragmentSelector is written',
  'annotations/bodiesTargets/3.3.2-targCreatorAgentIdImplemented.json': 'no target creator: the author of a news page is not known',
  'annotations/bodiesTargets/3.3.2-targCreatorAgentTypeImplemented.json': 'no target creator: the author of a news page is not known',
  'annotations/bodiesTargets/3.3.2-targCreatorAgentNicknameImplemented.json': 'no target creator: the author of a news page is not known',
  'annotations/bodiesTargets/3.3.2-targCreatorAgentSingleNameImplemented.json': 'no target creator: the author of a news page is not known',
};
/** SHOULDs about bodies cannot hold for a plain highlight, which has none (the MUSTs forbid an empty body). */
const BODY_SHOULD = /bodiesTargets\/3\.[0-9.]+-body|3\.1-bodyKeyFound/;
/** SHOULDs about a TextQuoteSelector's context cannot hold for a note imported by position only, whose page was not opened since. */
const QUOTE_SHOULD = /specificResource\/4\.2\.4-(prefix|suffix)\.json$/;
const hasQuote = (d: unknown) => JSON.stringify((d as { target?: unknown }).target ?? null).includes('"TextQuoteSelector"');

/** One row of docs/interop.md's table: what the schemas say of one kind of export. */
interface Row {
  kind: string;
  /** The suite, and for an annotation whether it has a body. */
  suite: string;
  must: [number, number];
  should: [number, number];
  notApplicable: string[];
}
const rows: Row[] = [];

/** The SHOULDs that apply to a document: every SHOULD of its suite but those not applicable, with why. */
function applicable(suite: Suite, d: unknown): { files: string[]; skipped: [string, string][] } {
  const hasBody = !!(d as { body?: unknown }).body;
  const files: string[] = [];
  const skipped: [string, string][] = [];
  for (const a of assertions(suite).filter((x) => x.level === 'should')) {
    if (suite === 'annotation' && NOT_APPLICABLE[a.file]) skipped.push([a.file, NOT_APPLICABLE[a.file]!]);
    else if (suite === 'annotation' && !hasBody && BODY_SHOULD.test(a.file)) skipped.push([a.file, 'a plain highlight has no body (an empty one breaks MUSTs)']);
    else if (suite === 'annotation' && !hasQuote(d) && QUOTE_SHOULD.test(a.file)) skipped.push([a.file, 'no TextQuoteSelector: imported by position only, its page not opened since']);
    else files.push(a.file);
  }
  return { files, skipped };
}

it('lists only SHOULDs that exist in the W3C suite as not applicable', () => {
  const all = new Set(assertions('annotation').filter((a) => a.level === 'should').map((a) => a.file));
  expect(Object.keys(NOT_APPLICABLE).filter((f) => !all.has(f))).toEqual([]);
  expect([...all].filter((f) => BODY_SHOULD.test(f)).length).toBeGreaterThan(5);
});

describe.each(kinds)('W3C annotation-model tests: %s', (name, make) => {
  const doc = JSON.parse(JSON.stringify(exportJsonLd(make(), { id: 'urn:uuid:00000000-0000-4000-8000-000000000001', now: Date.UTC(2024, 5, 1) })));
  const docs: [Suite, unknown][] = [
    ['collection', doc],
    ['page', doc.first],
    ...doc.first.items.map((item: unknown): [Suite, unknown] => ['annotation', item]),
  ];

  it('passes every MUST', () => {
    for (const [suite, d] of docs) {
      const r = check(suite, d, 'must');
      expect(r.failed.map((f) => `${suite}: ${f.file}: ${f.message}`)).toEqual([]);
      expect(r.passed.length).toBeGreaterThan(0);
    }
  });

  it('passes every applicable SHOULD, each listed', () => {
    for (const [suite, d] of docs) {
      const { files, skipped } = applicable(suite, d);
      const r = check(suite, d, 'should');
      const passed = new Set(r.passed.map((a) => a.file));
      expect(files.filter((f) => !passed.has(f)).map((f) => `${suite}: ${f}`)).toEqual([]);
      expect(files.length).toBeGreaterThan(0);
      const must = check(suite, d, 'must');
      const row: Row = {
        kind: name,
        suite: suite === 'annotation' ? `annotation (${(d as { body?: unknown }).body ? 'with body' : 'no body'})` : suite,
        must: [must.passed.length, must.passed.length + must.failed.length],
        should: [files.length, files.length],
        notApplicable: skipped.map(([f, why]) => `${f.replace(/^.*\//, '').replace(/\.json$/, '')}: ${why}`),
      };
      if (!rows.some((x) => JSON.stringify(x) === JSON.stringify(row))) rows.push(row);
    }
  });
});

// docs/interop.md's conformance table is written from the rows above: a table that no longer says
// what the schemas say fails here (regenerate: CSTO_UPDATE_DOCS=1 npx vitest run <this file>).
const DOC = join(__dirname, '../../../docs/interop.md');
const BEGIN = '<!-- w3c-conformance:begin (generated by tests/unit/annotations/w3c-conformance.test.ts) -->';
const END = '<!-- w3c-conformance:end -->';

function table(): string {
  const lines = ['| export | document | MUST pass/total | applicable SHOULD pass/total | SHOULD not applicable |', '| --- | --- | --- | --- | --- |'];
  const reasons = new Map<string, string>();
  for (const r of rows) {
    for (const n of r.notApplicable) reasons.set(n.slice(0, n.indexOf(':')), n.slice(n.indexOf(':') + 2));
    lines.push(`| ${r.kind} | ${r.suite} | ${r.must[0]}/${r.must[1]} | ${r.should[0]}/${r.should[1]} | ${r.notApplicable.length} |`);
  }
  lines.push('', 'SHOULDs not applicable, and why:', '');
  for (const [file, why] of [...reasons].sort()) lines.push(`- \`${file}\`: ${why}`);
  return lines.join('\n');
}

afterAll(() => {
  if (rows.length === 0) return;
  const doc = readFileSync(DOC, 'utf8');
  const a = doc.indexOf(BEGIN);
  const b = doc.indexOf(END);
  const want = `${doc.slice(0, a + BEGIN.length)}\n${table()}\n${doc.slice(b)}`;
  if (process.env.CSTO_UPDATE_DOCS) writeFileSync(DOC, want);
});

describe('docs/interop.md', () => {
  it('holds the conformance table the schemas give today', () => {
    const doc = readFileSync(DOC, 'utf8');
    const a = doc.indexOf(BEGIN);
    const b = doc.indexOf(END);
    expect(a).toBeGreaterThan(-1);
    expect(b).toBeGreaterThan(a);
    if (process.env.CSTO_UPDATE_DOCS) return;
    expect(doc.slice(a + BEGIN.length, b).trim(), 'regenerate: CSTO_UPDATE_DOCS=1 npx vitest run tests/unit/annotations/w3c-conformance.test.ts').toBe(table());
  });
});
