import { BadRequestException, HttpException, HttpStatus } from '@nestjs/common';
import { ACCOUNT_ERROR_CODES } from '@mockboard/contracts';
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
): BadRequestException | null {
  const next = WHAT_TO_DO[purpose];
  if (!token) {
    return new BadRequestException({
      code: ACCOUNT_ERROR_CODES.tokenInvalid,
      message: `This link is not valid (it may be incomplete, or a newer one replaced it); ${next}`,
    });
  }
  if (token.usedAt) {
    return new BadRequestException({
      code: ACCOUNT_ERROR_CODES.tokenUsed,
      message: `This link was already used; ${next} if you still need one`,
    });
  }
  if (token.expiresAt.getTime() <= token.now.getTime()) {
    return new BadRequestException({
      code: ACCOUNT_ERROR_CODES.tokenExpired,
      message: `This link has expired; ${next}`,
    });
  }
  return null;
}

/** 400 when the new address of a change was taken by another account before its link was opened. */
export function emailTakenError(): BadRequestException {
  return new BadRequestException({
    code: ACCOUNT_ERROR_CODES.emailTaken,
    message: 'This address can no longer be used: another account uses it now. Your address is unchanged',
  });
}

/** 429 for too many verification emails in a short time; carries the wait for Retry-After. */
export class TooManyAccountMailsException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(
      `We sent you an email just now; check your inbox (and spam folder), or ask again in ${retryAfterSeconds} s`,
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
