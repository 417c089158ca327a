import type { EntityType } from '../model/types';

/** One entity mention the matcher found: offsets in UTF-16 code units of the text it was given. */
export interface MatchedSpan {
  start: number;
  end: number;
  entityId: string;
  type: EntityType;
}

// The compact form of matched spans in a matchText reply. A big page yields thousands of
// spans; as objects ({start, end, entityId, type}) each repeats its id and type strings and
// every one is serialised and parsed again on the way. Packed, a reply is one flat array of
// small integers plus a table of the entities it names.

export interface PackedSpans {
  /**
   * Three integers per span, in order of start: the gap from the previous span's end (from 0
   * for the first), the span's length, and its entity's index in `entities`.
   */
  data: number[];
  /** The entity ids the spans name, each once. */
  entities: string[];
  /** types[k] is the type of entities[k]. */
  types: EntityType[];
}

/** Builds a PackedSpans from spans given in order of start, not overlapping. */
export class SpanPacker {
  private readonly data: number[] = [];
  private readonly entities: string[] = [];
  private readonly types: EntityType[] = [];
  private readonly slot = new Map<string, number>();
  private prev = 0;

  add(start: number, end: number, entityId: string, type: EntityType): void {
    let k = this.slot.get(entityId);
    if (k === undefined) {
      k = this.entities.length;
      this.slot.set(entityId, k);
      this.entities.push(entityId);
      this.types.push(type);
    }
    this.data.push(start - this.prev, end - start, k);
    this.prev = end;
  }

  finish(): PackedSpans {
    return { data: this.data, entities: this.entities, types: this.types };
  }
}

/** Packs spans sorted by start and not overlapping (what the matcher returns). */
export function packSpans(spans: Iterable<MatchedSpan>): PackedSpans {
  const packer = new SpanPacker();
  for (const s of spans) packer.add(s.start, s.end, s.entityId, s.type);
  return packer.finish();
}

/**
 * Visits every span of a packed reply in order, without making objects: `fn(start, end,
 * entity)` with `entity` an index into p.entities / p.types. Offsets are shifted by `offset`.
 */
export function forEachPacked(p: PackedSpans, fn: (start: number, end: number, entity: number) => void, offset = 0): void {
  const d = p.data;
  let at = offset;
  for (let i = 0; i + 2 < d.length; i += 3) {
    const start = at + (d[i] as number);
    const end = start + (d[i + 1] as number);
    fn(start, end, d[i + 2] as number);
    at = end;
  }
}

/** The spans of a packed reply as objects. */
export function unpackSpans(p: PackedSpans): MatchedSpan[] {
  const out: MatchedSpan[] = [];
  forEachPacked(p, (start, end, k) => out.push({ start, end, entityId: p.entities[k] as string, type: p.types[k] as EntityType }));
  return out;
}

/** True for the packed form (as opposed to a MatchedSpan[]). */
export function isPacked(x: PackedSpans | readonly MatchedSpan[]): x is PackedSpans {
  return !Array.isArray(x);
}
