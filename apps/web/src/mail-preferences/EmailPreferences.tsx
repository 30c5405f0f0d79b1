import {
  MAIL_KIND_LABELS,
  OPTIONAL_MAIL_KINDS,
  type MailPreferences,
  type OptionalMailKind,
} from '@mockboard/contracts';
import { useEffect, useId, useRef, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { getMailPreferences, updateMailPreferences } from '../api/mail-preferences';
import { ApiRequestError, toApiRequestError } from '../api/client';
import { ActionFeedback } from '../components/ActionFeedback';
import { ErrorState, LoadingState } from '../components/StatusViews';
import { useResource } from '../hooks/useResource';

/** The anchor every mail's footer links to (PUBLIC_URL/profile#email). */
export const EMAIL_SECTION_ID = 'email';

/**
 * The profile's "Email" section: one checkbox per kind of mail a reader may turn off, saved as
 * soon as it changes (there is no Save button to forget).
 */
export function EmailPreferences() {
  const loaded = useResource('mail-preferences', (signal) => getMailPreferences(signal));
  const [changed, setChanged] = useState<Partial<MailPreferences>>({});
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<ApiRequestError | null>(null);
  const sectionRef = useRef<HTMLElement>(null);
  const { hash } = useLocation();
  const id = useId();

  // The page renders after the sign-in check, too late for the browser's own jump to #email.
  const ready = loaded.status !== 'loading';
  useEffect(() => {
    if (ready && hash === `#${EMAIL_SECTION_ID}`) sectionRef.current?.scrollIntoView();
  }, [ready, hash]);

  // Saves run one after another, so a quick off-then-on reaches the server in that order.
  const queue = useRef<Promise<void>>(Promise.resolve());
  function save(kind: OptionalMailKind, wanted: boolean) {
    setChanged((current) => ({ ...current, [kind]: wanted }));
    setStatus('Saving…');
    setError(null);
    queue.current = queue.current.then(async () => {
      try {
        const saved = await updateMailPreferences({ [kind]: wanted });
        setStatus(`Saved. ${MAIL_KIND_LABELS[kind]}: ${saved[kind] ? 'on' : 'off'}.`);
      } catch (caught) {
        const failure = toApiRequestError(caught);
        setChanged((current) => ({ ...current, [kind]: !wanted }));
        setStatus(null);
        setError(new ApiRequestError(failure.status, `Not saved: ${failure.message}`));
      }
    });
  }

  return (
    <section
      ref={sectionRef}
      id={EMAIL_SECTION_ID}
      className="panel profile-section"
      aria-labelledby={`${id}-title`}
    >
      <h2 id={`${id}-title`}>Email</h2>
      <p className="section-lead">
        Choose which emails Mockboard sends you. Address verification and password reset emails always go out:
        you asked for them.
      </p>
      {loaded.status === 'error' ? (
        <ErrorState
          title="Could not load your email preferences"
          error={loaded.error}
          onRetry={loaded.retry}
        />
      ) : loaded.status === 'loading' ? (
        <LoadingState label="Loading your email preferences…" />
      ) : (
        <fieldset className="mail-preferences">
          <legend className="visually-hidden">Emails you get</legend>
          {OPTIONAL_MAIL_KINDS.map((kind) => (
            <label key={kind} className="switch">
              <input
                type="checkbox"
                name={kind}
                checked={changed[kind] ?? loaded.data[kind]}
                // Never disabled while saving: that would take the keyboard focus away.
                onChange={(event) => save(kind, event.target.checked)}
              />
              <span className="switch__track" aria-hidden="true" />
              <span>{MAIL_KIND_LABELS[kind]}</span>
            </label>
          ))}
        </fieldset>
      )}
      <ActionFeedback status={status} error={error} />
    </section>
  );
}
