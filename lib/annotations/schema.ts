// zod schema of an imported JSON-LD AnnotationCollection (see jsonld.ts), producing Annotation
// records. Lenient where the W3C model is (a single body object, missing extension fields),
// strict about what anchoring and sync rely on (both selectors, dates, HLC stamps).

import { z } from 'zod';
import type { TextPositionSelector, TextQuoteSelector } from '../anchoring/types';
import { encode, decode, isEncodedStamp, isValidDevice } from './hlc';
import { fromIri } from './jsonld';
import { COLORS, type Annotation, type AnnotationBody } from './model';

export const MAX_ITEMS = 100_000;
const MAX_TEXT = 100_000;
const ANNO_CONTEXTS = ['http://www.w3.org/ns/anno.jsonld', 'https://www.w3.org/ns/anno.jsonld'];

const isoDate = z.string().datetime({ offset: true, message: 'expected an ISO 8601 date-time' });

const quoteSelector = z.object({
  type: z.literal('TextQuoteSelector'),
  exact: z.string().min(1, 'expected a non-empty quote').max(MAX_TEXT),
  prefix: z.string().max(MAX_TEXT).default(''),
  suffix: z.string().max(MAX_TEXT).default(''),
});

const positionSelector = z
  .object({
    type: z.literal('TextPositionSelector'),
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
  })
  .refine((s) => s.end > s.start, { message: 'expected end > start', path: ['end'] });

/** A selector list holding one TextQuoteSelector and one TextPositionSelector, in any order. */
const selectorPair = z.unknown().transform((v, ctx): [TextQuoteSelector, TextPositionSelector] => {
  const list: unknown[] = Array.isArray(v) ? v : [v];
  const typeOf = (x: unknown) => (x && typeof x === 'object' ? (x as { type?: unknown }).type : undefined);
  const find = <T>(type: string, schema: z.ZodType<T, z.ZodTypeDef, unknown>): T | null => {
    const i = list.findIndex((x) => typeOf(x) === type);
    if (i < 0) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `expected a ${type}` });
      return null;
    }
    const r = schema.safeParse(list[i]);
    if (r.success) return r.data;
    for (const issue of r.error.issues) ctx.addIssue({ ...issue, path: Array.isArray(v) ? [i, ...issue.path] : issue.path });
    return null;
  };
  const quote = find('TextQuoteSelector', quoteSelector);
  const position = find('TextPositionSelector', positionSelector);
  if (!quote || !position) return z.NEVER;
  return [{ ...quote, type: 'TextQuoteSelector' }, { ...position, type: 'TextPositionSelector' }];
});

const body = z.object({
  type: z.literal('TextualBody'),
  purpose: z.enum(['commenting', 'tagging']),
  value: z.string().max(MAX_TEXT),
});

/** A list of bodies, or one body object (the W3C model allows both); none when absent. */
const bodies = z.preprocess(
  (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
  z.array(body).transform((b): AnnotationBody[] => b.map((x) => ({ type: 'TextualBody', purpose: x.purpose, value: x.value }) as AnnotationBody)),
);

export const itemSchema = z
  .object({
    id: z.string().min(1).max(300),
    type: z.literal('Annotation'),
    created: isoDate,
    modified: isoDate,
    target: z.object({
      source: z.string().url('expected an absolute URL'),
      selector: selectorPair,
      'csto:title': z.string().max(MAX_TEXT).default(''),
    }),
    body: bodies,
    'csto:color': z.enum(COLORS).default('yellow'),
    'csto:entityIds': z.array(z.string().min(1).max(300)).default([]),
    'csto:hlc': z.string().refine(isEncodedStamp, 'expected an HLC stamp "wall-counter-device"').optional(),
    'csto:device': z.string().refine(isValidDevice, 'expected a device id of letters, digits, _ or -').optional(),
  })
  .transform((x): Annotation => {
    // Plain W3C annotations (no sync fields): stamped from their modification time.
    const device = x['csto:device'] ?? (x['csto:hlc'] ? decode(x['csto:hlc']).device : 'import');
    const hlc = x['csto:hlc'] ?? encode({ wall: Date.parse(x.modified), counter: 0, device });
    return {
      id: fromIri(x.id),
      type: 'Annotation',
      created: x.created,
      modified: x.modified,
      target: { source: x.target.source, title: x.target['csto:title'], selector: x.target.selector },
      body: x.body,
      color: x['csto:color'],
      entityIds: x['csto:entityIds'],
      hlc,
      device,
      deleted: false,
    };
  });

const context = z.unknown().refine(
  (c) => (Array.isArray(c) ? c : [c]).some((x) => typeof x === 'string' && ANNO_CONTEXTS.includes(x)),
  `expected the W3C annotation context ${ANNO_CONTEXTS[0]}`,
);

export const collectionSchema = z
  .object({
    '@context': context,
    type: z.literal('AnnotationCollection'),
    total: z.number().int().nonnegative().optional(),
    first: z.object({
      type: z.literal('AnnotationPage').optional(),
      items: z.array(itemSchema).max(MAX_ITEMS, `expected at most ${MAX_ITEMS} items`),
    }),
  })
  .superRefine((c, ctx) => {
    if (c.total !== undefined && c.total !== c.first.items.length) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['total'], message: `expected ${c.first.items.length} (the number of items), got ${c.total}` });
    }
  });
