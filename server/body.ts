// Request parsing at the edge: JSON (400 malformed_json) then zod (400 invalid_request with the path).
import type { Context } from 'hono';
import type { z } from 'zod';
import { ApiError, validationError } from './errors.ts';

export async function readJson<S extends z.ZodTypeAny>(c: Context, schema: S, { emptyAs }: { emptyAs?: unknown } = {}): Promise<z.output<S>> {
  const text = await c.req.text();
  let value: unknown;
  if (text.trim() === '' && emptyAs !== undefined) value = emptyAs;
  else {
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw new ApiError(400, 'malformed_json', `request body is not valid JSON: ${(err as Error).message}`);
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationError(parsed.error, 'body');
  return parsed.data;
}

export function readQuery<S extends z.ZodTypeAny>(c: Context, schema: S): z.output<S> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw validationError(parsed.error, 'query');
  return parsed.data;
}
