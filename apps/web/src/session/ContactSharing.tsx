import type { Participant, Session, User } from '@mockboard/contracts';
import { setContactSharing } from '../api/sessions';
import { me } from './session-facts';
import { useSessionAction } from './useSessionAction';

interface ContactSharingProps {
  session: Session;
  user: User;
  partner: Participant;
  onChange: (session: Session) => void;
}

/** After the session, each partner may opt in; emails show only once both have. */
export function ContactSharing({ session, user, partner, onChange }: ContactSharingProps) {
  const sharing = me(session, user.id)?.sharesContact ?? false;
  const { run, pending, error } = useSessionAction(onChange);

  return (
    <section className="session-section" aria-labelledby="contact-title">
      <h2 id="contact-title">Stay in touch</h2>
      <label className="switch">
        <input
          type="checkbox"
          role="switch"
          checked={sharing}
          disabled={pending}
          onChange={(event) => {
            const share = event.target.checked;
            void run(() => setContactSharing(session.id, share));
          }}
        />
        <span className="switch__track" aria-hidden="true" />
        <span>Share my email with my partner</span>
      </label>
      <p className="session-section__note" role="status">
        {partner.email
          ? `You both chose to share. ${partner.displayName}’s email: ${partner.email}`
          : sharing
            ? `${partner.displayName} sees your email only if they share theirs too.`
            : 'Emails are shown only when both of you choose to share them.'}
      </p>
      {error && (
        <p className="field__error" role="alert">
          {error.message}
        </p>
      )}
    </section>
  );
}
