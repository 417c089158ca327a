// W3C Web Annotation JSON-LD (https://www.w3.org/TR/annotation-model/): an AnnotationCollection with
// one embedded AnnotationPage, written to pass every MUST and every applicable SHOULD of the W3C
// annotation-model tests (tests/unit/annotations/w3c-conformance.test.ts counts them).
//
// EXTENSION CONTEXT. What the W3C vocabulary lacks goes under our own namespace `csto:`
// (urn:csto-lens:terms#), declared in the context, so that export → import restores every field:
//   csto:title      (on the target) the page's title when it was highlighted
//   csto:color      highlight colour: yellow | green | blue | pink | purple
//   csto:entityIds  ids of the CSTO knowledge-base entities the quote mentions, e.g. "organization:csto"
//   csto:hlc        hybrid-logical-clock stamp of the last change (lib/annotations/hlc.ts), for sync order
//   csto:device     the device that made the last change
// Offsets in TextPositionSelector are code points, as the model says (code-points.ts converts).

import type { TextPositionSelector, TextQuoteSelector } from '../anchoring/types';
import { toCodePointOffsets } from './code-points';
import type { Annotation, Color } from './model';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** Namespace of the extension's own terms. */
export const CSTO_NS = 'urn:csto-lens:terms#';
export const JSONLD_CONTEXT = [
  ANNO_CONTEXT,
  {
    csto: CSTO_NS,
    'csto:title': { '@id': 'csto:title' },
    'csto:color': { '@id': 'csto:color' },
    'csto:entityIds': { '@id': 'csto:entityIds', '@container': '@set' },
    'csto:hlc': { '@id': 'csto:hlc' },
    'csto:device': { '@id': 'csto:device' },
  },
] as const;

/** The software that wrote the file (W3C `generator`). */
export const GENERATOR = { id: 'urn:csto-lens:software', type: 'Software', name: 'CSTO Lens', nickname: 'csto-lens' } as const;

export interface Agent {
  id: string;
  type: 'Person';
  name: string;
  nickname: string;
}

export interface JsonLdBody {
  type: 'TextualBody';
  purpose: 'commenting' | 'tagging';
  value: string;
  format: 'text/plain';
  language: string;
  creator: Agent;
  created: string;
  modified: string;
}

export interface JsonLdAnnotation {
  '@context': typeof JSONLD_CONTEXT;
  /** `urn:uuid:<id>` */
  id: string;
  type: 'Annotation';
  motivation: 'highlighting' | 'commenting' | 'tagging';
  created: string;
  modified: string;
  creator: Agent;
  generator: typeof GENERATOR;
  /** Where an imported annotation came from (its id in the other tool). */
  via?: string;
  target: {
    type: 'SpecificResource';
    source: string;
    format: 'text/html';
    language: string;
    /** [quote, position]; a note imported by position only, whose page was not opened since, has no quote. */
    selector: [TextQuoteSelector, TextPositionSelector] | [TextPositionSelector];
    'csto:title': string;
  };
  /** Absent for a plain highlight (the model wants no body rather than an empty one). */
  body?: JsonLdBody[];
  'csto:color': Color;
  'csto:entityIds': string[];
  'csto:hlc': string;
  'csto:device': string;
}

export interface JsonLdPage {
  '@context': typeof JSONLD_CONTEXT;
  id: string;
  type: 'AnnotationPage';
  partOf: { id: string; label: string; total: number };
  startIndex: 0;
  items: JsonLdAnnotation[];
}

export interface JsonLdCollection {
  '@context': typeof JSONLD_CONTEXT;
  id: string;
  type: 'AnnotationCollection';
  label: string;
  total: number;
  creator?: Agent;
  generator: typeof GENERATOR;
  generated: string;
  first: JsonLdPage;
  last: string;
}

const URN = 'urn:uuid:';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function toIri(id: string): string {
  return UUID.test(id) ? URN + id : id;
}

/**
 * BCP 47 language of a text by its letters: Cyrillic → ru, Latin → en, none or a tie → und
 * (undetermined). The extension reads English and Russian news; a note's language is not asked for.
 */
export function languageOf(text: string): string {
  const cyr = (text.match(/\p{Script=Cyrillic}/gu) ?? []).length;
  const lat = (text.match(/\p{Script=Latin}/gu) ?? []).length;
  return cyr > lat ? 'ru' : lat > cyr ? 'en' : 'und';
}

/** The reader on a device, as the W3C `creator` agent (no personal data: the device id only). */
export function readerAgent(device: string): Agent {
  return { id: `urn:csto-lens:device:${device}`, type: 'Person', name: `CSTO Lens reader (${device})`, nickname: device };
}

function motivationOf(a: Annotation): JsonLdAnnotation['motivation'] {
  if (a.body.some((b) => b.purpose === 'commenting')) return 'commenting';
  return a.body.length ? 'tagging' : 'highlighting';
}

export function toJsonLdItem(a: Annotation): JsonLdAnnotation {
  const [quote, position] = a.target.selector;
  const creator = readerAgent(a.device);
  // Exact when the note knows its code points (counted on the page, or read from a file); else
  // estimated from the prefix (notes made before code points were kept).
  const cp = a.target.codePoints ?? toCodePointOffsets(position.start, quote.prefix, quote.exact);
  const at: TextPositionSelector = { type: 'TextPositionSelector', start: cp.start, end: cp.end };
  const item: JsonLdAnnotation = {
    '@context': JSONLD_CONTEXT,
    id: toIri(a.id),
    type: 'Annotation',
    motivation: motivationOf(a),
    created: a.created,
    modified: a.modified,
    creator,
    generator: GENERATOR,
    target: {
      type: 'SpecificResource',
      source: a.target.source,
      format: 'text/html',
      language: languageOf(quote.exact),
      selector: quote.exact ? [{ type: 'TextQuoteSelector', exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix }, at] : [at],
      'csto:title': a.target.title,
    },
    'csto:color': a.color,
    'csto:entityIds': [...a.entityIds],
    'csto:hlc': a.hlc,
    'csto:device': a.device,
  };
  if (a.via) item.via = a.via;
  if (a.body.length) {
    item.body = a.body.map((b) => ({
      type: 'TextualBody',
      purpose: b.purpose,
      value: b.value,
      format: 'text/plain',
      language: languageOf(b.value),
      creator,
      created: a.modified,
      modified: a.modified,
    }));
  }
  return item;
}

export interface JsonLdOptions {
  label?: string;
  /** The collection's id (default: a fresh urn:uuid). */
  id?: string;
  /** Time of the export (default: now). */
  now?: number;
}

/** The live annotations as an AnnotationCollection with one embedded page (tombstones are left out). */
export function exportJsonLd(annotations: readonly Annotation[], opts: JsonLdOptions | string = {}): JsonLdCollection {
  const o = typeof opts === 'string' ? { label: opts } : opts;
  const label = o.label ?? 'CSTO Lens highlights';
  const id = o.id ?? `${URN}${crypto.randomUUID()}`;
  const items = annotations.filter((a) => !a.deleted).map(toJsonLdItem);
  const pageId = `${id}:page:1`;
  const devices = new Set(annotations.map((a) => a.device));
  const out: JsonLdCollection = {
    '@context': JSONLD_CONTEXT,
    id,
    type: 'AnnotationCollection',
    label,
    total: items.length,
    generator: GENERATOR,
    generated: new Date(o.now ?? Date.now()).toISOString(),
    first: { '@context': JSONLD_CONTEXT, id: pageId, type: 'AnnotationPage', partOf: { id, label, total: items.length }, startIndex: 0, items },
    last: pageId,
  };
  if (devices.size === 1) out.creator = readerAgent([...devices][0]!);
  return out;
}
