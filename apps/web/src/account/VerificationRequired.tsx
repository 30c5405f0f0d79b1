import { ACCOUNT_ERROR_CODES } from '@mockboard/contracts';
import { useCallback } from 'react';
import type { ApiRequestError } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { ResendVerification } from './ResendVerification';

/**
 * Whether this server refuses the user's booking, offering and matching until the address is
 * verified (the API would answer 403 email_unverified): the buttons for them are shown disabled.
 */
export function useNeedsVerification(): boolean {
  const { user, emailStatus } = useAuth();
  return Boolean(user && emailStatus?.verificationRequired && !user.emailVerified);
}

/**
 * For an action's failure: a 403 email_unverified means this page's idea of the account is stale
 * (e.g. the server began requiring verification); reading GET /api/me again brings the banner and
 * the disabled buttons with their reason.
 */
export function useRecheckVerification(): (error: ApiRequestError) => void {
  const { refreshMe } = useAuth();
  return useCallback(
    (error: ApiRequestError) => {
      if (error.code === ACCOUNT_ERROR_CODES.emailUnverified) refreshMe().catch(() => undefined);
    },
    [refreshMe],
  );
}

/**
 * Beside a disabled action: why it is disabled, and the banner's Resend. `id` is what the disabled
 * buttons point at with aria-describedby, so a screen reader says the reason with the button.
 * Renders nothing for a user who may act.
 */
export function VerificationRequired({ id, action }: { id: string; action: string }) {
  const { user } = useAuth();
  if (!useNeedsVerification() || !user) return null;
  return (
    <div className="verification-required notice">
      <p id={id}>
        Verify your email address to {action}: open the link we sent to {user.email}.
      </p>
      <ResendVerification />
    </div>
  );
}
