import type { z } from 'zod';
import { DomainError, invalid } from './domain-error';
import { unstorableText } from './unstorable-text';

/**
 * Socket payloads are parsed here for every gateway (room, call, chat): a wrong payload becomes an
 * `invalid` refusal (ack code `bad_request`) whose message names the first wrong field, so the client learns what to fix.
 */

/** Checks the payload's text for what PostgreSQL cannot store, then its shape (see parseContract). */
export function parsePayload<T extends z.ZodType>(schema: T, payload: unknown): z.infer<T> {
  const unstorable = unstorableText(payload);
  if (unstorable) throw invalid(unstorable);
  return parseContract(schema, payload);
}

/** The payload parsed with its contract, or a bad_request naming the first wrong field. */
export function parseContract<T extends z.ZodType>(schema: T, payload: unknown): z.infer<T> {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.map(String).join('.') || 'payload';
  const message =
    issue?.code === 'unrecognized_keys'
      ? `${issue.keys.join(', ')}: not an accepted field`
      : `${field}: ${issue?.message}`;
  throw invalid(message);
}

/**
 * As parseContract, but a text over its cap (an SDP or a candidate) is `too_large`, so a client
 * tells "too big" from "malformed". For payloads relayed, never stored (the call's signals): no
 * unstorable-text check.
 */
export function parseRelayed<T extends z.ZodType>(schema: T, payload: unknown): z.infer<T> {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return parsed.data;
  const oversized = parsed.error.issues.find(
    (issue) => issue.code === 'too_big' && issue.origin === 'string',
  );
  if (oversized) throw new DomainError('too_large', `${oversized.path.join('.')}: ${oversized.message}`);
  return parseContract(schema, payload);
}
