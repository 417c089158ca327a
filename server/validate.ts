// Request validation at the edge with @hono/zod-validator, in the server's error format:
// a body that is not JSON → 400 malformed_json; one that fails the schema → 400 invalid_request with the
// path (`body.changes.3.hlc: …`) and every issue. The body-size limit (app.ts) runs before any of this.
import { zValidator } from '@hono/zod-validator';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { z } from 'zod';
import { ApiError, validationError } from './errors.ts';

const JSON_MEDIA = /^application\/([\w.-]+\+)?json$/i;

/**
 * Validates the JSON body against `schema`; the handler reads it with `c.req.valid('json')`.
 * `emptyAs`: what an empty body stands for (POST /v1/accounts takes an optional body).
 */
export function jsonBody<S extends z.ZodTypeAny>(schema: S, { emptyAs }: { emptyAs?: z.input<S> } = {}) {
  // The hook runs only once the body has parsed as JSON: a 400 thrown before it is the parser's.
  const parsedJson = new WeakSet<Context>();
  const validate = zValidator('json', schema, (result, c) => {
    parsedJson.add(c);
    if (!result.success) throw validationError(result.error, 'body');
  });
  const mw: typeof validate = async (c, next) => {
    const text = await c.req.text(); // cached: the validator parses this same text
    if (text.trim() === '' && emptyAs !== undefined) {
      const parsed = schema.safeParse(emptyAs);
      if (!parsed.success) throw validationError(parsed.error, 'body');
      c.req.addValidatedData('json', parsed.data);
      return next();
    }
    // The validator reads a body of any other media type as {}: say what is wrong instead.
    const media = (c.req.header('content-type') ?? '').split(';')[0]!.trim();
    if (!JSON_MEDIA.test(media)) throw new ApiError(400, 'malformed_json', `request body must be JSON (Content-Type: application/json), not ${media || 'untyped'}`);
    try {
      return await validate(c, next);
    } catch (err) {
      if (err instanceof HTTPException && err.status === 400 && !parsedJson.has(c)) throw new ApiError(400, 'malformed_json', `request body is not valid JSON: ${jsonError(text)}`);
      throw err;
    }
  };
  return mw;
}

/** Validates the query string against `schema`; the handler reads it with `c.req.valid('query')`. */
export function queryParams<S extends z.ZodTypeAny>(schema: S) {
  return zValidator('query', schema, (result) => {
    if (!result.success) throw validationError(result.error, 'query');
  });
}

function jsonError(text: string): string {
  try {
    JSON.parse(text);
    return 'unreadable';
  } catch (err) {
    return (err as Error).message;
  }
}
