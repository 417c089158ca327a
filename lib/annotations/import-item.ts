// One imported item (a W3C annotation in any of its serialisations, or a Hypothesis API row) → a
// draft of our record, or the reason it cannot be one, with the JSON path of what is wrong.
//
// By construction a draft can only become a record the sync protocol accepts: its id is our own
// lowercase UUID (a foreign id is kept as `via` and our id derived from it, so importing the same
// file twice finds the same records), its page is an http(s) address through canonicalUrl, and a
// foreign HLC stamp is kept only when stampProblem accepts it (otherwise the record is stamped by
// this device's clock when it is written).

import type { SelectorPair, TextQuoteSelector } from '../anchoring/types';
import { canonicalUrl } from './canonical-url';
import type { CodePointSpan } from '../anchoring/anchor';
import { codePointLength, toUtf16Offsets } from './code-points';
import { decode, isValidDevice, stampProblem } from './hlc';
import type { Candidate } from './import-shapes';
import { COLORS, normalizeTags, type AnnotationBody, type Color } from './model';
import type { ImportNote } from '../model/import';
export type { ImportNote };

export const MAX_TEXT = 100_000;
const MAX_ID = 300;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An imported annotation before it is stamped and written. */
export interface ImportDraft {
  /** JSON path of the item in the file. */
  path: string;
  /** Our id: a lowercase UUID. */
  id: string;
  /** The annotation's IRI in the tool it came from (absent for our own exports). */
  via?: string;
  created: string;
  modified: string;
  source: string;
  title: string;
  selector: SelectorPair;
  /** The position in code points, as the file gave it (absent for files that count UTF-16 units). */
  codePoints?: CodePointSpan;
  /** A TextPositionSelector alone: anchored by position only (the quote is read from the page). */
  byPosition?: true;
  body: AnnotationBody[];
  color: Color;
  entityIds: string[];
  /** A stamp from our own export that this device accepts; absent: stamp on write. */
  hlc?: string;
  /** What was filled in or changed on the way (said in the preview). */
  notes: ImportNote[];
}

export type ItemResult = { ok: true; draft: ImportDraft } | { ok: false; path: string; reason: string };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const asList = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);

class Refused extends Error {
  constructor(
    readonly at: string,
    message: string,
  ) {
    super(message);
  }
}

const join = (base: string, key: string | number) =>
  typeof key === 'number' ? `${base === '(root)' ? '' : base}[${key}]` : base === '(root)' || base === '' ? key : `${base}.${key}`;

// ---- ids ----------------------------------------------------------------------------------------

/** cyrb128: a fast, well-mixed 128-bit string hash (public domain), as four 32-bit words. */
function hash128(str: string): [number, number, number, number] {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** A UUID (version 8, RFC 9562: custom) derived from a key: the same foreign id always gets the same id. */
export function uuidFromKey(key: string): string {
  const hex = hash128(`csto-lens-import:${key}`).map((w) => w.toString(16).padStart(8, '0')).join('');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function isAbsoluteIri(s: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\S+$/i.test(s);
}

/** Our id and the via IRI for an item's foreign id (or for the item itself when it has none). */
function identity(rawId: unknown, raw: unknown, at: string, foreignBase?: string): { id: string; via?: string } {
  if (rawId === undefined || rawId === null || rawId === '') return { id: uuidFromKey(`item:${JSON.stringify(raw)}`) };
  if (typeof rawId !== 'string') throw new Refused(at, 'expected the id as a string');
  if (rawId.length > MAX_ID) throw new Refused(at, `id longer than ${MAX_ID} characters`);
  const m = /^urn:uuid:([0-9a-f-]{36})$/i.exec(rawId);
  if (m && UUID.test(m[1]!.toLowerCase())) return { id: m[1]!.toLowerCase() };
  const via = isAbsoluteIri(rawId) ? rawId : foreignBase ? foreignBase + encodeURIComponent(rawId) : `urn:csto-lens:foreign:${encodeURIComponent(rawId)}`;
  return { id: uuidFromKey(`via:${via}`), via };
}

// ---- dates --------------------------------------------------------------------------------------

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function date(v: unknown, at: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || !ISO.test(v)) throw new Refused(at, 'expected an ISO 8601 date-time');
  // Milliseconds only: a longer fraction (Hypothesis writes microseconds) sends Date.parse down its slow path.
  const t = Date.parse(v.replace(/(\.\d{3})\d+/, '$1'));
  if (Number.isNaN(t)) throw new Refused(at, 'expected an ISO 8601 date-time');
  return new Date(t).toISOString();
}

function dates(created: unknown, modified: unknown, at: string, now: number, notes: ImportNote[]): { created: string; modified: string } {
  const c = date(created, join(at, 'created'));
  const m = date(modified, join(at, 'modified'));
  if (!c || !m) notes.push('dates filled');
  const fill = new Date(now).toISOString();
  const cc = c ?? m ?? fill;
  const mm = m ?? c ?? fill;
  return { created: cc, modified: mm < cc ? cc : mm };
}

// ---- target -------------------------------------------------------------------------------------

/** canonicalUrl is the costly step of reading an item, and an import's notes share few pages. */
const canonical = new Map<string, string>();
function canonicalOf(href: string): string {
  let c = canonical.get(href);
  if (c === undefined) {
    if (canonical.size > 5000) canonical.clear();
    canonical.set(href, (c = canonicalUrl(href)));
  }
  return c;
}

function httpSource(v: unknown, at: string): string {
  const s = isObj(v) ? v.id ?? v['@id'] : v;
  if (typeof s !== 'string' || !s.trim()) throw new Refused(at, 'expected the address of the page');
  let u: URL;
  try {
    u = new URL(s.trim());
  } catch {
    throw new Refused(at, 'expected an absolute URL');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Refused(at, `only http(s) pages can be imported, not ${u.protocol}`);
  return canonicalOf(u.href);
}

interface Found {
  quote?: { sel: Obj; at: string };
  position?: { sel: Obj; at: string };
  others: string[];
}

/** TextQuote and TextPosition selectors, also inside RangeSelector and refinedBy chains. */
function findSelectors(v: unknown, at: string, found: Found, depth = 0): void {
  if (depth > 8) return;
  asList(v).forEach((s, i) => {
    const p = Array.isArray(v) ? join(at, i) : at;
    if (typeof s === 'string') {
      found.others.push('a selector given by its IRI');
      return;
    }
    if (!isObj(s)) return;
    const type = s.type;
    if (type === 'TextQuoteSelector') found.quote ??= { sel: s, at: p };
    else if (type === 'TextPositionSelector') found.position ??= { sel: s, at: p };
    else if (type === 'RangeSelector') {
      findSelectors(s.startSelector, join(p, 'startSelector'), found, depth + 1);
      if (!found.quote && !found.position) found.others.push('RangeSelector');
    } else found.others.push(typeof type === 'string' ? type : 'a selector without type');
    if (s.refinedBy !== undefined) findSelectors(s.refinedBy, join(p, 'refinedBy'), found, depth + 1);
  });
}

function text(v: unknown, at: string, opts: { required?: boolean } = {}): string {
  if (v === undefined || v === null) {
    if (opts.required) throw new Refused(at, 'required (expected string)');
    return '';
  }
  if (typeof v !== 'string') throw new Refused(at, `expected string, received ${Array.isArray(v) ? 'array' : typeof v}`);
  if (v.length > MAX_TEXT) throw new Refused(at, `longer than ${MAX_TEXT} characters`);
  return v;
}

function offset(v: unknown, at: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw new Refused(at, 'expected an integer offset');
  if (v < 0) throw new Refused(at, 'Number must be greater than or equal to 0');
  return v;
}

/** Why a selector that is not a text quote or position cannot anchor on a page's text. */
function describeSelector(type: string): string {
  switch (type) {
    case 'SvgSelector':
      return 'SvgSelector: a region of an image, not text';
    case 'DataPositionSelector':
      return 'DataPositionSelector: byte offsets in binary data, not text';
    case 'CssSelector':
    case 'XPathSelector':
      return `${type}: a page element, not a passage of its text (not supported)`;
    case 'FragmentSelector':
      return 'FragmentSelector: a part of the resource by its fragment, not a passage of text';
    case 'RangeSelector':
      return 'RangeSelector: between selectors that are not text quotes or positions';
    case 'a selector given by its IRI':
      return 'a selector given only by its IRI, not in the file';
    default:
      return type;
  }
}

interface Selected {
  selector: SelectorPair;
  codePoints?: CodePointSpan;
  byPosition?: true;
}

function positionOf(p: { sel: Obj; at: string }): { start: number; end: number } {
  const start = offset(p.sel.start, join(p.at, 'start'));
  const end = offset(p.sel.end, join(p.at, 'end'));
  if (end <= start) throw new Refused(join(p.at, 'end'), 'expected end > start');
  return { start, end };
}

function selectorPair(selectors: unknown, at: string, utf16: boolean, notes: ImportNote[]): Selected {
  const found: Found = { others: [] };
  findSelectors(selectors, at, found);
  if (!found.quote) {
    if (found.position) {
      // Anchored by position on the page's text (nothing to verify it against); the quote is read
      // from the page when it first anchors there.
      const o = positionOf(found.position);
      notes.push('position only');
      const quote: TextQuoteSelector = { type: 'TextQuoteSelector', exact: '', prefix: '', suffix: '' };
      return { selector: [quote, { type: 'TextPositionSelector', ...o }], byPosition: true, ...(utf16 ? {} : { codePoints: o }) };
    }
    throw new Refused(at, found.others.length ? `${[...new Set(found.others)].map(describeSelector).join('; ')}: expected a TextQuoteSelector or a TextPositionSelector` : 'expected a TextQuoteSelector or a TextPositionSelector');
  }
  const q = found.quote;
  const exact = text(q.sel.exact, join(q.at, 'exact'), { required: true });
  if (!exact) throw new Refused(join(q.at, 'exact'), 'expected a non-empty quote');
  const quote: TextQuoteSelector = { type: 'TextQuoteSelector', exact, prefix: text(q.sel.prefix, join(q.at, 'prefix')), suffix: text(q.sel.suffix, join(q.at, 'suffix')) };
  if (found.position) {
    const { start } = positionOf(found.position);
    if (utf16) return { selector: [quote, { type: 'TextPositionSelector', start, end: start + exact.length }] };
    // Code points: kept as given (exact on the page's text); the UTF-16 position is a hint from the prefix.
    const o = toUtf16Offsets(start, quote.prefix, exact);
    return { selector: [quote, { type: 'TextPositionSelector', start: o.start, end: o.start + exact.length }], codePoints: { start, end: start + codePointLength(exact) } };
  }
  // Found by its quote when the page is opened; the position is only a hint.
  notes.push('no position');
  return { selector: [quote, { type: 'TextPositionSelector', start: quote.prefix.length, end: quote.prefix.length + exact.length }] };
}

/** A target with no selector: CSTO Lens keeps highlights of passages, and has no notes on a whole page. */
export const WHOLE = 'a note on the whole resource, with no passage: only highlights of passages are kept (no page notes)';

export const HYPOTHESIS_PAGE_NOTE = 'a Hypothesis page note (on the whole page, no passage): only highlights of passages are kept (no page notes)';

const article = (w: string) => `${/^[aeiou]/i.test(w) ? 'an' : 'a'} ${w}`;

const NON_TEXT_TYPES = ['Image', 'Video', 'Sound', 'Dataset'];

/** What a target (or the resource it refines) is when it says it is no text page: "an Image", "a application/pdf resource". */
function nonText(t: Obj): string | null {
  const src = isObj(t.source) ? t.source : t;
  for (const r of [t, src]) {
    const type = asList(r.type).find((x): x is string => typeof x === 'string' && NON_TEXT_TYPES.includes(x));
    if (type) return article(type);
    const format = asList(r.format).find((x): x is string => typeof x === 'string');
    if (format && !/^text\/|^application\/(xhtml\+)?xml|html/.test(format)) return article(`${format} resource`);
  }
  return null;
}

interface TargetOut extends Selected {
  source: string;
  title: string;
}

function target(v: unknown, at: string, utf16: boolean, notes: ImportNote[]): TargetOut {
  const list = asList(v);
  if (!list.length) throw new Refused(at, 'required: the page and the quoted passage');
  // The first target that is a page with selectors; else the reason the first one cannot be used.
  let firstError: Refused | null = null;
  for (let i = 0; i < list.length; i++) {
    const t = list[i];
    const p = Array.isArray(v) ? join(at, i) : at;
    try {
      if (typeof t === 'string') throw new Refused(p, WHOLE);
      if (!isObj(t)) throw new Refused(p, 'expected an object');
      if (['Composite', 'List', 'Independents', 'Choice'].includes(String(t.type))) throw new Refused(p, `${article(String(t.type))} of several resources cannot be highlighted`);
      const kind = nonText(t);
      if (kind) throw new Refused(p, `${kind}, not a text page: nothing to highlight`);
      if (t.source === undefined) throw new Refused(p, WHOLE);
      const source = httpSource(t.source, join(p, 'source'));
      if (t.selector === undefined) throw new Refused(join(p, 'selector'), WHOLE);
      return { source, ...selectorPair(t.selector, join(p, 'selector'), utf16, notes), title: text(t['csto:title'], join(p, 'csto:title')) };
    } catch (e) {
      if (!(e instanceof Refused)) throw e;
      firstError ??= e;
    }
  }
  throw firstError!;
}

// ---- bodies -------------------------------------------------------------------------------------

interface BodyParts {
  note: string[];
  tags: string[];
  dropped: boolean;
}

function purposes(b: Obj): string[] {
  return asList(b.purpose).filter((p): p is string => typeof p === 'string');
}

function body(b: unknown, at: string, out: BodyParts, depth = 0): void {
  if (depth > 4) return;
  if (typeof b === 'string') {
    // An IRI body (a link to a comment elsewhere): kept as a link in the note.
    out.note.push(b);
    return;
  }
  if (!isObj(b)) throw new Refused(at, 'expected a body object or IRI');
  if (b.type === 'Choice' || (Array.isArray(b.items) && b.value === undefined)) {
    // A choice of alternatives: the first (the default) one.
    const [first] = asList(b.items);
    if (first !== undefined) body(first, join(join(at, 'items'), 0), out, depth + 1);
    return;
  }
  const tagging = purposes(b).includes('tagging');
  if (b.value !== undefined) {
    const value = text(b.value, join(at, 'value')).trim();
    if (!value) return;
    if (tagging) out.tags.push(value);
    else out.note.push(value);
    return;
  }
  const link = b.source ?? b.id ?? b['@id'];
  const href = isObj(link) ? link.id : link;
  if (typeof href === 'string' && href) {
    if (tagging) out.tags.push(href);
    else out.note.push(href);
    return;
  }
  out.dropped = true;
}

function bodies(raw: Obj, at: string, notes: ImportNote[]): AnnotationBody[] {
  const out: BodyParts = { note: [], tags: [], dropped: false };
  if (raw.bodyValue !== undefined) out.note.push(text(raw.bodyValue, join(at, 'bodyValue')).trim());
  const list = raw.body;
  asList(list).forEach((b, i) => body(b, Array.isArray(list) ? join(join(at, 'body'), i) : join(at, 'body'), out));
  if (out.dropped) notes.push('unsupported bodies dropped');
  return assemble(out.note, out.tags, at);
}

function assemble(note: string[], tags: string[], at: string): AnnotationBody[] {
  const value = note.filter(Boolean).join('\n\n');
  if (value.length > MAX_TEXT) throw new Refused(join(at, 'body'), `note longer than ${MAX_TEXT} characters`);
  const out: AnnotationBody[] = [];
  if (value) out.push({ type: 'TextualBody', purpose: 'commenting', value });
  for (const t of normalizeTags(tags)) {
    if (t.length > 200) throw new Refused(join(at, 'body'), 'tag longer than 200 characters');
    out.push({ type: 'TextualBody', purpose: 'tagging', value: t });
  }
  return out;
}

// ---- extension fields ---------------------------------------------------------------------------

function color(v: unknown, at: string): Color {
  if (v === undefined) return 'yellow';
  if (typeof v !== 'string' || !(COLORS as readonly string[]).includes(v)) {
    throw new Refused(at, `expected one of ${COLORS.map((c) => JSON.stringify(c)).join(', ')}, received ${JSON.stringify(v)}`);
  }
  return v as Color;
}

function entityIds(v: unknown, at: string): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new Refused(at, 'expected array');
  if (v.length > 1000) throw new Refused(at, 'more than 1000 entity ids');
  v.forEach((e, i) => {
    if (typeof e !== 'string') throw new Refused(join(at, i), `expected string, received ${typeof e}`);
    if (!e || e.length > MAX_ID) throw new Refused(join(at, i), `expected an entity id of 1 to ${MAX_ID} characters`);
  });
  return [...new Set(v as string[])];
}

/** Our own export's stamp, when this device can accept it (never for a foreign id). */
function stamp(hlc: unknown, device: unknown, now: number, ownId: boolean, notes: ImportNote[]): string | undefined {
  if (hlc === undefined) return undefined;
  if (!ownId || stampProblem(hlc, now) !== null || (device !== undefined && (typeof device !== 'string' || !isValidDevice(device) || decode(hlc as string).device !== device))) {
    notes.push('stamp refused');
    return undefined;
  }
  return hlc as string;
}

const extras = (t: Selected): Pick<ImportDraft, 'codePoints' | 'byPosition'> => ({
  ...(t.codePoints ? { codePoints: t.codePoints } : {}),
  ...(t.byPosition ? { byPosition: t.byPosition } : {}),
});

// ---- items --------------------------------------------------------------------------------------

function w3c(c: Candidate, now: number): ImportDraft {
  const raw = c.raw;
  const at = c.path;
  if (!isObj(raw)) throw new Refused(at, `expected object, received ${Array.isArray(raw) ? 'array' : raw === null ? 'null' : typeof raw}`);
  const type = asList(raw.type ?? raw['@type']);
  if (!type.includes('Annotation')) throw new Refused(join(at, 'type'), `expected "Annotation", received ${JSON.stringify(raw.type)}`);
  const notes: ImportNote[] = [];
  const { id, via } = identity(raw.id ?? raw['@id'], raw, join(at, 'id'));
  const t = target(raw.target, join(at, 'target'), !!c.utf16, notes);
  const d = dates(raw.created, raw.modified, at, now, notes);
  const draft: ImportDraft = {
    path: at,
    id,
    created: d.created,
    modified: d.modified,
    source: t.source,
    title: t.title,
    selector: t.selector,
    ...extras(t),
    body: bodies(raw, at, notes),
    color: color(raw['csto:color'], join(at, 'csto:color')),
    entityIds: entityIds(raw['csto:entityIds'], join(at, 'csto:entityIds')),
    notes,
  };
  const viaIri = via ?? (typeof raw.via === 'string' && isAbsoluteIri(raw.via) && raw.via.length <= MAX_ID ? raw.via : undefined);
  if (viaIri) draft.via = viaIri;
  const hlc = stamp(raw['csto:hlc'], raw['csto:device'], now, !via, notes);
  if (hlc) draft.hlc = hlc;
  return draft;
}

function titleOf(doc: unknown): string {
  const t = isObj(doc) ? doc.title : undefined;
  const first = Array.isArray(t) ? t[0] : t;
  return typeof first === 'string' ? first.slice(0, 1000) : '';
}

/** A Hypothesis API row: `uri`, `text` (Markdown note), `tags`, `target[{source, selector}]`, `document.title`. */
function hypothesis(c: Candidate, now: number): ImportDraft {
  const raw = c.raw;
  const at = c.path;
  if (!isObj(raw)) throw new Refused(at, 'expected object');
  const notes: ImportNote[] = [];
  const html = isObj(raw.links) && typeof raw.links.html === 'string' ? raw.links.html : undefined;
  const { id, via } = html && typeof raw.id === 'string' ? { id: uuidFromKey(`via:${html}`), via: html } : identity(raw.id, raw, join(at, 'id'), 'https://hypothes.is/a/');
  const targets = asList(raw.target).map((t) => (isObj(t) && t.source === undefined ? { ...t, source: raw.uri } : t));
  if (!targets.length || targets.every((t) => isObj(t) && t.selector === undefined)) {
    throw new Refused(targets.length ? `${join(at, 'target')}[0].selector` : join(at, 'target'), HYPOTHESIS_PAGE_NOTE);
  }
  const t = target(Array.isArray(raw.target) ? targets : targets[0], join(at, 'target'), false, notes);
  const d = dates(raw.created, raw.updated, at, now, notes);
  if (raw.tags !== undefined && !Array.isArray(raw.tags)) throw new Refused(join(at, 'tags'), 'expected array');
  const tags = asList(raw.tags).map((x, i) => text(x, join(join(at, 'tags'), i)));
  const draft: ImportDraft = {
    path: at,
    id,
    created: d.created,
    modified: d.modified,
    source: t.source,
    title: titleOf(raw.document),
    selector: t.selector,
    ...extras(t),
    body: assemble([text(raw.text, join(at, 'text')).trim()], tags, at),
    color: 'yellow',
    entityIds: [],
    notes,
  };
  if (via) draft.via = via;
  return draft;
}

/** One item → a draft, or why not (with the path of what is wrong). `now`: the import's time. */
export function readItem(c: Candidate, now: number): ItemResult {
  try {
    return { ok: true, draft: c.kind === 'hypothesis' ? hypothesis(c, now) : w3c(c, now) };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, path: e.at, reason: e.message };
    return { ok: false, path: c.path, reason: `unreadable: ${(e as Error).message}` };
  }
}
