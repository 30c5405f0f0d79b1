import { useState, type FormEvent, type RefObject } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { z } from 'zod';
import { toApiRequestError, type ApiRequestError } from '../api/client';
import { messagesFromApi, messagesFromZod, type FormMessages } from '../forms/field-messages';
import { useFormMessages } from '../forms/useFormMessages';
import { useAuth } from './AuthContext';
import { safeNextPath } from './redirect';

interface AuthFormOptions<F extends string, D> {
  /** The fields in focus order: the first invalid one gets focus. */
  order: readonly F[];
  labels: Record<F, string>;
  initialValues: Record<F, string>;
  schema: z.ZodType<D>;
  /** Signs the user in (or up) with the validated values; throws on failure. */
  send: (data: D) => Promise<unknown>;
  /** Where the server's error goes; by default its `fields` beside the inputs, the rest on the form. */
  messagesFromError?: (error: ApiRequestError) => FormMessages<F>;
  /** Where to go when the link names no `next` path. */
  landing?: string;
}

/** What `AuthForm` needs to render the form; the page also reads `redirectTo` and `rawNext`. */
export interface AuthFormState<F extends string> {
  values: Record<F, string>;
  update: (field: F, value: string) => void;
  submit: (event: FormEvent) => Promise<void>;
  pending: boolean;
  formRef: RefObject<HTMLFormElement | null>;
  messages: FormMessages<F>;
}

/**
 * Sign in and sign up submit the same way: validate with the contract, send, then go to the safe
 * `next` path, or show the messages and let the user try again. One hook so both pages keep the same
 * pending state, focus handling and redirect.
 */
export function useAuthForm<F extends string, D>({
  order,
  labels,
  initialValues,
  schema,
  send,
  messagesFromError = (error) => messagesFromApi(error, labels),
  landing,
}: AuthFormOptions<F, D>): AuthFormState<F> & { redirectTo: string | undefined; rawNext: string | null } {
  const { user } = useAuth();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const rawNext = searchParams.get('next');
  const next = safeNextPath(rawNext, landing);
  const [values, setValues] = useState(initialValues);
  const [pending, setPending] = useState(false);
  const { formRef, messages, show, clear, clearField } = useFormMessages(order);

  function update(field: F, value: string) {
    setValues((current) => ({ ...current, [field]: value }));
    clearField(field);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = schema.safeParse(values);
    if (!parsed.success) return show(messagesFromZod(parsed.error, labels));
    clear();
    setPending(true);
    try {
      await send(parsed.data);
      navigate(next, { replace: true });
    } catch (error) {
      show(messagesFromError(toApiRequestError(error)));
      setPending(false);
    }
  }

  return {
    /** Set when someone already signed in opens the page: send them on instead of showing the form. */
    redirectTo: user && !pending ? next : undefined,
    rawNext,
    values,
    update,
    submit,
    pending,
    formRef,
    messages,
  };
}
