// Every error leaves the server as {error: {code, message, issues?}} with a matching status.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import type { ErrorCode, ErrorIssue, ErrorResponse } from '../lib/sync/protocol.ts';

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly issues?: ErrorIssue[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export function errorResponse(c: Context, err: ApiError): Response {
  const body: ErrorResponse = { error: { code: err.code, message: err.message } };
  if (err.issues) body.error.issues = err.issues;
  return c.json(body, err.status, err.headers);
}

export function validationError(err: ZodError, where: string): ApiError {
  const issues = err.issues.map((i) => ({ path: i.path, message: i.message }));
  const first = issues[0];
  const at = first && first.path.length ? `${where}.${first.path.join('.')}` : where;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return new ApiError(400, 'invalid_request', `${at}: ${first?.message ?? 'invalid'}${more}`, issues);
}

export const unauthorized = (message: string) => new ApiError(401, 'unauthorized', message, undefined, { 'WWW-Authenticate': 'Bearer' });
export const tooLarge = (maxBytes: number) => new ApiError(413, 'payload_too_large', `request body larger than ${maxBytes} bytes`);
