import { useAuth } from '../auth/AuthContext';
import { ResendVerification } from './ResendVerification';

/**
 * Above every page for a signed-in user whose address still needs its link opened, where this
 * server requires it (booking, offering and matching are refused until then); and while a new
 * address waits for its link.
 */
export function VerifyEmailBanner() {
  const { user, emailStatus } = useAuth();
  if (!user || !emailStatus) return null;
  if (emailStatus.verificationRequired && !user.emailVerified) {
    return (
      <div className="container verify-banner">
        <div className="warning">
          <p>
            <strong>Check your inbox to verify {user.email}.</strong> Until then you can practise solo and
            browse, but not book, offer a slot or be matched with a partner.
          </p>
          <ResendVerification />
        </div>
      </div>
    );
  }
  if (emailStatus.pendingEmail) {
    return (
      <div className="container verify-banner">
        <div className="notice">
          <p>
            We sent a link to <strong>{emailStatus.pendingEmail}</strong>. Your address changes to it when you
            open the link; until then it stays {user.email}.
          </p>
          <ResendVerification />
        </div>
      </div>
    );
  }
  return null;
}
