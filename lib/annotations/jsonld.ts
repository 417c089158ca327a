// W3C Web Annotation JSON-LD (https://www.w3.org/TR/annotation-model/): an
// AnnotationCollection with one AnnotationPage. Fields the W3C vocabulary lacks (page title,
// colour, entities, HLC stamp, device) go under the csto: namespace, declared in the
// context, so that export → import restores every field of a live annotation.

import type { TextPositionSelector, TextQuoteSelector } from '../anchoring/types';
import type { Annotation, AnnotationBody, Color } from './model';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** Namespace of the extension's own terms. */
export const CSTO_NS = 'urn:csto-lens:terms#';
export const JSONLD_CONTEXT = [ANNO_CONTEXT, { csto: CSTO_NS }] as const;

export interface JsonLdAnnotation {
  /** `urn:uuid:<id>` */
  id: string;
  type: 'Annotation';
  created: string;
  modified: string;
  target: {
    source: string;
    selector: [TextQuoteSelector, TextPositionSelector];
    'csto:title': string;
  };
  body: AnnotationBody[];
  'csto:color': Color;
  'csto:entityIds': string[];
  'csto:hlc': string;
  'csto:device': string;
}

export interface JsonLdCollection {
  '@context': typeof JSONLD_CONTEXT;
  type: 'AnnotationCollection';
  label: string;
  total: number;
  first: { type: 'AnnotationPage'; startIndex: 0; items: JsonLdAnnotation[] };
}

const URN = 'urn:uuid:';

export function toIri(id: string): string {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) ? URN + id : id;
}

export function fromIri(iri: string): string {
  return iri.toLowerCase().startsWith(URN) ? iri.slice(URN.length) : iri;
}

export function toJsonLdItem(a: Annotation): JsonLdAnnotation {
  const [quote, position] = a.target.selector;
  return {
    id: toIri(a.id),
    type: 'Annotation',
    created: a.created,
    modified: a.modified,
    target: { source: a.target.source, selector: [{ ...quote }, { ...position }], 'csto:title': a.target.title },
    body: a.body.map((b) => ({ ...b })),
    'csto:color': a.color,
    'csto:entityIds': [...a.entityIds],
    'csto:hlc': a.hlc,
    'csto:device': a.device,
  };
}

/** The live annotations as an AnnotationCollection (tombstones are left out). */
export function exportJsonLd(annotations: readonly Annotation[], label = 'CSTO Lens highlights'): JsonLdCollection {
  const items = annotations.filter((a) => !a.deleted).map(toJsonLdItem);
  return {
    '@context': JSONLD_CONTEXT,
    type: 'AnnotationCollection',
    label,
    total: items.length,
    first: { type: 'AnnotationPage', startIndex: 0, items },
  };
}
