import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvField, exportCsv, exportJsonLd, exportMarkdown, hashtag } from '../../../lib/annotations/export';
import { describe as describeSpan, type TextPositionSelector, type TextQuoteSelector } from '../../../lib/anchoring';
import { toUtf16Offsets } from '../../../lib/annotations/code-points';
import { toJsonLdItem, type JsonLdAnnotation } from '../../../lib/annotations/jsonld';
import { createAnnotation, type Annotation } from '../../../lib/annotations/model';
import { fakeClock, sample } from './fixtures';

/** Minimal RFC 4180 reader for the assertions. */
function parseCsv(s: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\r' && s[i + 1] === '\n') {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else field += c;
  }
  return rows;
}

describe('exportCsv', () => {
  const rows = parseCsv(exportCsv(sample()));

  it('has the header and one row per live annotation, CRLF-terminated', () => {
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(4); // header + 3; the tombstone is left out
    expect(exportCsv(sample()).endsWith('\r\n')).toBe(true);
    for (const r of rows) expect(r).toHaveLength(CSV_COLUMNS.length);
  });

  it('quotes commas, quotes and line breaks and restores them', () => {
    const [, first] = rows;
    const col = (name: (typeof CSV_COLUMNS)[number]) => first![CSV_COLUMNS.indexOf(name)];
    expect(col('note')).toBe('Definition, with a comma, a "quote"\nand a second line');
    expect(col('title')).toBe('CSTO Should Focus On Foreign Militants, "List" Of Terror Groups - Lavrov');
    expect(col('tags')).toBe('CSTO; counter terrorism; Lavrov');
    expect(col('entityIds')).toBe('organization:csto person:sergey-lavrov');
    expect(col('quote')).toBe('Collective Security Treaty Organization (CSTO)');
    expect(col('color')).toBe('green');
  });

  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "x"', '"say ""x"""'],
    ['two\nlines', '"two\nlines"'],
    ['=SUM(A1)', "'=SUM(A1)"],
    ['-1', "'-1"],
    ['@x, y', '"\'@x, y"'],
    ['  =1+1', "'  =1+1"],
    ['\n=1', '"\'\n=1"'],
    ['＝HYPERLINK("http://x")', '"\'＝HYPERLINK(""http://x"")"'],
    ['＋1', "'＋1"],
    ['a=1', 'a=1'],
  ])('csvField(%j) = %j', (v, want) => {
    expect(csvField(v)).toBe(want);
  });

  it('can leave formula-like cells alone', () => {
    expect(csvField('=1', false)).toBe('=1');
    expect(exportCsv(sample(), { protectFormulas: false })).toContain(',-1 formula-looking note,');
  });
});

describe('exportMarkdown', () => {
  const md = exportMarkdown(sample());
  const lines = md.split('\n');

  it('groups highlights under one linked heading per page, with its date', () => {
    const headings = lines.filter((l) => l.startsWith('## '));
    expect(headings).toEqual([
      '## [CSTO Should Focus On Foreign Militants, "List" Of Terror Groups - Lavrov](https://www.pakistanpoint.com/en/world/news/csto-should-focus-1000000.html)',
      '## [Collective Security Council \\[session\\]](https://en.odkb-csto.org/news/news_odkb/example/)',
    ]);
    expect(lines.filter((l) => l.startsWith('Highlighted 2024-05-01'))).toHaveLength(2);
    expect(lines[0]).toBe('# CSTO Lens highlights');
  });

  it('writes each quote as a blockquote, in text order, followed by its note and tags', () => {
    const quotes = lines.filter((l) => l.startsWith('> '));
    expect(quotes).toEqual(['> Collective Security Treaty Organization (CSTO)', '> should focus on counterterrorism cooperation', '> "foreign militants"']);
    const i = lines.indexOf('> Collective Security Treaty Organization (CSTO)');
    expect(lines.slice(i + 1, i + 6)).toEqual(['', 'Definition, with a comma, a "quote"', 'and a second line', '', '#CSTO #counter-terrorism #Lavrov']);
  });

  it.each([
    ['an HTML tag', '<img src=x onerror=alert(1)>', '\\<img src=x onerror=alert(1)\\>'],
    ['a script', '<script>alert(1)</script>', '\\<script\\>alert(1)\\</script\\>'],
    ['an iframe', '<iframe src="https://evil.example">', '\\<iframe src="https://evil.example"\\>'],
    ['a javascript: link', '[x](javascript:alert(1))', '\\[x\\](javascript:alert(1))'],
    ['a fake heading', '# Fake heading', '\\# Fake heading'],
    ['a list item', '- item', '\\- item'],
    ['an ordered list item', '1. item', '1\\. item'],
    ['a setext underline', '===', '\\==='],
    ['a code fence', '```js', '\\`\\`\\`js'],
    ['emphasis and an entity', '*bold* &amp; _it_ ~~x~~ | y', '\\*bold\\* \\&amp; \\_it\\_ \\~\\~x\\~\\~ \\| y'],
  ])('writes %s in a note, a quote or a title as literal text', (_n, text, escaped) => {
    const [a] = sample() as [Annotation];
    const evil = { ...a, target: { ...a.target, title: text, selector: [{ ...a.target.selector[0], exact: text }, a.target.selector[1]] as Annotation['target']['selector'] }, body: [{ type: 'TextualBody' as const, purpose: 'commenting' as const, value: `line\n${text}` }, { type: 'TextualBody' as const, purpose: 'tagging' as const, value: text }] };
    const out = exportMarkdown([evil]).split('\n');
    expect(out).toContain(`> ${escaped}`);
    expect(out).toContain(escaped);
    expect(out.find((l) => l.startsWith('## '))).toContain(`[${escaped.replace(/[()]/g, (c) => `\\${c}`)}]`);
    expect(out.filter((l) => l.startsWith('#') && !l.startsWith('# CSTO') && !l.startsWith('## ['))).toEqual(out.filter((l) => /^#[\p{L}\p{N}_\-/]+( #[\p{L}\p{N}_\-/]+)*$/u.test(l)));
  });

  it.each(['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'chrome://settings', 'file:///etc/passwd'])('writes no link to %s', (url) => {
    const [a] = sample() as [Annotation];
    const md = exportMarkdown([{ ...a, target: { ...a.target, source: url } }]);
    expect(md).not.toMatch(/\]\((?!https?:)/);
    expect(md.split('\n').find((l) => l.startsWith('## '))).not.toContain('](');
  });

  it('percent-encodes what would end a link destination', () => {
    const [a] = sample() as [Annotation];
    const md = exportMarkdown([{ ...a, target: { ...a.target, source: "https://x.example/a(b)'c\"d" } }]);
    expect(md).toContain("](https://x.example/a%28b%29%27c%22d)");
  });

  it('leaves tombstones out', () => {
    expect(md).not.toContain('Deleted');
  });

  it.each([
    ['CSTO', '#CSTO'],
    ['counter terrorism', '#counter-terrorism'],
    ['a, b.', '#a-b'],
  ])('hashtag(%j) = %j', (t, want) => {
    expect(hashtag(t)).toBe(want);
  });
});

describe('exportJsonLd', () => {
  const doc = exportJsonLd(sample());

  it('is a W3C AnnotationCollection with ids, one page and the extension namespace in its context', () => {
    expect(doc['@context'][0]).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(doc['@context'][1]).toHaveProperty('csto', 'urn:csto-lens:terms#');
    expect(doc.type).toBe('AnnotationCollection');
    expect(doc.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(doc.total).toBe(3);
    expect(doc.first).toMatchObject({ type: 'AnnotationPage', id: `${doc.id}:page:1`, partOf: { id: doc.id, total: 3 }, startIndex: 0 });
    expect(doc.last).toBe(doc.first.id);
    expect(doc.first.items).toHaveLength(3);
    expect(doc.generator).toMatchObject({ type: 'Software', name: 'CSTO Lens' });
  });

  it('writes each item in the W3C shape with motivation, creator, typed bodies and sync fields under csto:', () => {
    const [item, plain, noted] = doc.first.items as [JsonLdAnnotation, JsonLdAnnotation, JsonLdAnnotation];
    expect(item.id).toBe('urn:uuid:11111111-1111-4111-8111-111111111111');
    expect(item.type).toBe('Annotation');
    expect([item.motivation, plain.motivation, noted.motivation]).toEqual(['commenting', 'highlighting', 'commenting']);
    expect(item.creator).toMatchObject({ type: 'Person', nickname: 'dev-a' });
    expect(item.target.selector.map((s) => s.type)).toEqual(['TextQuoteSelector', 'TextPositionSelector']);
    expect(item.body![0]).toMatchObject({ type: 'TextualBody', purpose: 'commenting', value: 'Definition, with a comma, a "quote"\nand a second line', format: 'text/plain', language: 'en' });
    expect(plain).not.toHaveProperty('body');
    expect(Object.keys(item).filter((k) => k.startsWith('csto:')).sort()).toEqual(['csto:color', 'csto:device', 'csto:entityIds', 'csto:hlc']);
    expect(item).not.toHaveProperty('deleted');
  });

  it.each([
    ['no astral character', 'The CSTO said', 'CSTO', 4, 8, 4, 8],
    ['an emoji before the quote', '🇷🇺 The CSTO said', 'CSTO', 9, 13, 7, 11],
    ['an emoji inside the quote', 'The CSTO 🛡 said', 'CSTO 🛡', 4, 11, 4, 10],
  ])('counts TextPositionSelector offsets in code points (%s), and import converts back', (_n, text, quote, s16, e16, sCp, eCp) => {
    const i = text.indexOf(quote);
    const a = createAnnotation({ source: 'https://x.example/', title: '', selector: describeSpan(text, i, i + quote.length) }, fakeClock());
    expect([a.target.selector[1].start, a.target.selector[1].end]).toEqual([s16, e16]);
    const [q, pos] = toJsonLdItem(a).target.selector as [TextQuoteSelector, TextPositionSelector];
    expect([pos.start, pos.end]).toEqual([sCp, eCp]);
    expect(toUtf16Offsets(pos.start, q.prefix, q.exact)).toEqual({ start: s16, end: e16 });
  });

  it('survives JSON serialisation unchanged', () => {
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });
});

describe('a note imported by position only, its page not opened since', () => {
  const a = sample()[1]!;
  const byPosition: Annotation = { ...a, target: { ...a.target, selector: [{ type: 'TextQuoteSelector', exact: '', prefix: '', suffix: '' }, { type: 'TextPositionSelector', start: 3, end: 9 }], codePoints: { start: 3, end: 9 }, byPosition: true } };

  it('is exported with its position only (no empty quote), in code points', () => {
    expect(toJsonLdItem(byPosition).target.selector).toEqual([{ type: 'TextPositionSelector', start: 3, end: 9 }]);
  });

  it('says so in Markdown instead of an empty quote', () => {
    expect(exportMarkdown([byPosition])).toContain('_(anchored by position only: its quote is read when the page is next opened)_');
    expect(exportMarkdown([byPosition])).not.toMatch(/^>\s*$/m);
  });
});
