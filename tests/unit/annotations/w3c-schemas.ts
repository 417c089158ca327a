// The W3C annotation-model test assertions (tests/fixtures/w3c/web-annotation-tests, JSON Schema draft-04)
// compiled with ajv: each assertion is one schema; `check` says which pass for a document.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

const ROOT = join(__dirname, '../../fixtures/w3c/web-annotation-tests');

type Json = Record<string, unknown>;

/** Draft-04 → what ajv 8 reads: `id` → `$id` at the top, boolean exclusiveMinimum → a number, no `$schema`. */
function upgrade(node: unknown, top = false): unknown {
  if (Array.isArray(node)) return node.map((n) => upgrade(n));
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json)) {
    if (k === '$schema' && typeof v === 'string') continue;
    if (top && k === 'id' && typeof v === 'string') out.$id = v;
    else out[k] = upgrade(v);
  }
  if (out.exclusiveMinimum === true && typeof out.minimum === 'number') {
    out.exclusiveMinimum = out.minimum;
    delete out.minimum;
  } else if (out.exclusiveMinimum === false) delete out.exclusiveMinimum;
  return out;
}

const read = (rel: string): Json => JSON.parse(readFileSync(join(ROOT, rel), 'utf8')) as Json;

export interface Assertion {
  file: string;
  level: 'must' | 'should' | 'may';
  message: string;
  validate: ValidateFunction;
}

export type Suite = 'annotation' | 'collection' | 'page';

const LISTS: Record<Suite, string[]> = {
  annotation: ['annotations/annotationMusts.test', 'annotations/annotationOptionals.test', 'annotations/annotationsAgentOptionals.test'],
  collection: ['collections/collectionMusts.test', 'collections/collectionOptionals.test'],
  page: ['collections/pages/pageMusts.test', 'collections/pages/pageOptionals.test'],
};

let ajv: Ajv | null = null;

function compiler(): Ajv {
  if (ajv) return ajv;
  ajv = new Ajv({ strict: false, allErrors: false, validateSchema: false });
  addFormats(ajv);
  for (const f of ['annotations', 'bodyTarget', 'choiceSet', 'collections', 'id', 'otherProperties', 'specificResource']) {
    ajv.addSchema(upgrade(read(`definitions/${f}.json`), true) as Json);
  }
  return ajv;
}

const cache = new Map<Suite, Assertion[]>();

export function assertions(suite: Suite): Assertion[] {
  const hit = cache.get(suite);
  if (hit) return hit;
  const a = compiler();
  const out: Assertion[] = [];
  for (const list of LISTS[suite]) {
    for (const file of read(list).assertions as string[]) {
      const schema = read(file);
      // A unique id without a folder: references resolve against the definitions' ids ("annotations.json").
      const validate = a.compile({ ...(upgrade(schema, true) as Json), $id: `assertion-${file.replace(/\//g, '_')}` });
      out.push({ file, level: schema.assertionType as Assertion['level'], message: String(schema.errorMessage ?? ''), validate });
    }
  }
  cache.set(suite, out);
  return out;
}

export interface Outcome {
  passed: Assertion[];
  failed: Assertion[];
}

export function check(suite: Suite, doc: unknown, level: Assertion['level']): Outcome {
  const list = assertions(suite).filter((x) => x.level === level);
  const passed = list.filter((x) => x.validate(doc));
  return { passed, failed: list.filter((x) => !passed.includes(x)) };
}
