import type { z } from 'zod';
import type { ApiRequestError } from '../api/client';

/** What a form shows after a failed submit: one message per field, and one for the form itself. */
export interface FormMessages<F extends string> {
  fields: Partial<Record<F, string>>;
  form?: string;
}

/**
 * The contracts word field messages as predicates ("must be at least 10 characters"), so they read
 * as sentences once the field's label is put in front. Messages that already start with a capital
 * are complete sentences from the server and are shown as they are.
 */
export function fieldSentence(label: string, message: string): string {
  const first = message.charAt(0);
  return first === first.toLowerCase() && first !== first.toUpperCase() ? `${label} ${message}` : message;
}

function knownField<F extends string>(path: string, labels: Record<F, string>): F | undefined {
  const head = path.split('.')[0] ?? '';
  return Object.hasOwn(labels, head) ? (head as F) : undefined;
}

/** Client-side validation with the contract's schema, before anything is sent. */
export function messagesFromZod<F extends string>(
  error: z.ZodError,
  labels: Record<F, string>,
): FormMessages<F> {
  const result: FormMessages<F> = { fields: {} };
  for (const issue of error.issues) {
    const field = knownField(issue.path.map(String).join('.'), labels);
    if (field === undefined) result.form ??= issue.message.charAt(0).toUpperCase() + issue.message.slice(1);
    else result.fields[field] ??= fieldSentence(labels[field], issue.message);
  }
  return result;
}

/** The server's answer: its `fields` go beside the inputs; anything else is a form-level message. */
export function messagesFromApi<F extends string>(
  error: ApiRequestError,
  labels: Record<F, string>,
): FormMessages<F> {
  const result: FormMessages<F> = { fields: {} };
  for (const { field: path, message } of error.fields) {
    const field = knownField(path, labels);
    if (field === undefined) result.form ??= message;
    else result.fields[field] ??= fieldSentence(labels[field], message);
  }
  if (Object.keys(result.fields).length === 0) result.form ??= error.message;
  return result;
}
