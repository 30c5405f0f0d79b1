import { useCallback, useRef, useState } from 'react';
import { type FormMessages } from './field-messages';

/**
 * Holds a form's error messages and moves focus to the first invalid field (in `order`) whenever
 * new messages arrive, so keyboard and screen-reader users land on what needs fixing.
 */
export function useFormMessages<F extends string>(order: readonly F[]) {
  const formRef = useRef<HTMLFormElement>(null);
  const [messages, setMessages] = useState<FormMessages<F>>({ fields: {} });

  const show = useCallback(
    (next: FormMessages<F>) => {
      setMessages(next);
      const first = order.find((field) => next.fields[field] !== undefined);
      const form = formRef.current;
      if (first === undefined || !form) return;
      // Radio groups share a name: focus the checked option, as arrow-key navigation expects.
      const target =
        form.querySelector<HTMLElement>(`[name="${first}"]:checked`) ??
        form.querySelector<HTMLElement>(`[name="${first}"]`);
      if (!target) return;
      target.focus({ preventScroll: true });
      // Scroll the whole field (label and message too), not just the input, into view.
      (target.closest('.field') ?? target).scrollIntoView({ block: 'nearest' });
    },
    [order],
  );

  const clearField = useCallback((field: F) => {
    setMessages((current) =>
      current.fields[field] === undefined
        ? current
        : { ...current, fields: { ...current.fields, [field]: undefined } },
    );
  }, []);

  const clear = useCallback(() => setMessages({ fields: {} }), []);

  return { formRef, messages, show, clear, clearField };
}
