import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvField, exportCsv, exportJsonLd, exportMarkdown, hashtag } from '../../../lib/annotations/export';
import { sample } from './fixtures';

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

  it('is a W3C AnnotationCollection with the extension namespace in its context', () => {
    expect(doc['@context'][0]).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(doc['@context'][1]).toHaveProperty('csto');
    expect(doc.type).toBe('AnnotationCollection');
    expect(doc.total).toBe(3);
    expect(doc.first.type).toBe('AnnotationPage');
    expect(doc.first.items).toHaveLength(3);
  });

  it('writes each item in the W3C shape with sync fields under csto:', () => {
    const item = doc.first.items[0]!;
    expect(item.id).toBe('urn:uuid:11111111-1111-4111-8111-111111111111');
    expect(item.type).toBe('Annotation');
    expect(item.target.selector.map((s) => s.type)).toEqual(['TextQuoteSelector', 'TextPositionSelector']);
    expect(item.body[0]).toEqual({ type: 'TextualBody', purpose: 'commenting', value: 'Definition, with a comma, a "quote"\nand a second line' });
    expect(Object.keys(item).filter((k) => k.startsWith('csto:')).sort()).toEqual(['csto:color', 'csto:device', 'csto:entityIds', 'csto:hlc']);
    expect(item).not.toHaveProperty('deleted');
  });

  it('survives JSON serialisation unchanged', () => {
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });
});
