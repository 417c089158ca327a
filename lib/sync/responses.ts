// The sync server's answers, validated before the client believes them: a server (or anything between)
// may send anything. Built from the protocol's own schemas. A pull page's changes are checked one by one
// later (pull.ts), so that one bad change is set aside instead of failing the page.

import { z } from 'zod';
import { cursorSchema, recordIdSchema, SYNC_LIMITS, tokenSchema } from './protocol';

export const pullResponseSchema = z.object({
  changes: z.array(z.unknown()).max(SYNC_LIMITS.maxPullLimit, `a pull page holds at most ${SYNC_LIMITS.maxPullLimit} changes`),
  cursor: cursorSchema,
  more: z.boolean(),
});
export type RawPullResponse = z.infer<typeof pullResponseSchema>;

export const pushResponseSchema = z.object({
  accepted: z.number().int().nonnegative(),
  applied: z.number().int().nonnegative(),
  cursor: cursorSchema,
});

export const createAccountResponseSchema = z.object({
  accountId: recordIdSchema,
  token: tokenSchema,
});

export const okResponseSchema = z.object({ ok: z.literal(true) });

const issueSchema = z.object({ path: z.array(z.union([z.string(), z.number()])).max(16), message: z.string().max(500) });
export const errorBodySchema = z.object({
  error: z.object({ code: z.string().max(64).optional(), message: z.string().max(500).optional(), issues: z.array(issueSchema).max(1000).optional() }),
});

/** "changes: Expected array" — the first problem of a failed parse. */
export function firstIssue(err: z.ZodError): string {
  const i = err.issues[0]!;
  return `${i.path.join('.') || '(root)'}: ${i.message}`;
}
