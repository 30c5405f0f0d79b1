import { ACCOUNT_ERROR_CODES } from '@mockboard/contracts';
import { DomainError } from '../common/domain-error';

/** 403 for what needs a verified address (see RequiresVerifiedEmail); says how to get there. */
export function emailUnverified(email: string): DomainError {
  return new DomainError(
    'forbidden',
    `Verify your email address first: open the link we sent to ${email}, ` +
      'or resend it from the banner at the top of the page.',
    { reason: ACCOUNT_ERROR_CODES.emailUnverified },
  );
}
