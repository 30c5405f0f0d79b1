import { ACCOUNT_ERROR_CODES } from '@mockboard/contracts';
import { DomainError, invalid } from '../common/domain-error';
import type { AccountTokenPurpose } from './account-token';
import type { AccountTokenRow } from './account-tokens.repository';

const WHAT_TO_DO: Record<AccountTokenPurpose, string> = {
  verify_email: 'sign in and ask for a new verification email',
  password_reset: 'ask for a new password reset link',
};

/** Why a link token cannot be used (unknown, already used, expired), as a 400 with its code; null when it can. */
export function unusableTokenError(
  token: AccountTokenRow | null,
  purpose: AccountTokenPurpose,
): DomainError | null {
  const next = WHAT_TO_DO[purpose];
  if (!token) {
    return invalid(`This link is not valid (it may be incomplete, or a newer one replaced it); ${next}`, {
      reason: ACCOUNT_ERROR_CODES.tokenInvalid,
    });
  }
  if (token.usedAt) {
    return invalid(`This link was already used; ${next} if you still need one`, {
      reason: ACCOUNT_ERROR_CODES.tokenUsed,
    });
  }
  if (token.expiresAt.getTime() <= token.now.getTime()) {
    return invalid(`This link has expired; ${next}`, { reason: ACCOUNT_ERROR_CODES.tokenExpired });
  }
  return null;
}

/** 400 when the new address of a change was taken by another account before its link was opened. */
export function emailTakenError(): DomainError {
  return invalid(
    'This address can no longer be used: another account uses it now. Your address is unchanged',
    { reason: ACCOUNT_ERROR_CODES.emailTaken },
  );
}

/** 429 for too many verification emails in a short time; carries the wait for Retry-After. */
export function tooManyAccountMails(retryAfterSeconds: number): DomainError {
  return new DomainError(
    'rate_limited',
    `We sent you an email just now; check your inbox (and spam folder), or ask again in ${retryAfterSeconds} s`,
    { retryAfterSeconds },
  );
}
