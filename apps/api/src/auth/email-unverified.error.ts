import { ForbiddenException } from '@nestjs/common';
import { ACCOUNT_ERROR_CODES } from '@mockboard/contracts';

/** 403 for what needs a verified address (see RequiresVerifiedEmail); says how to get there. */
export class EmailUnverifiedException extends ForbiddenException {
  constructor(email: string) {
    super({
      code: ACCOUNT_ERROR_CODES.emailUnverified,
      message:
        `Verify your email address first: open the link we sent to ${email}, ` +
        'or resend it from the banner at the top of the page.',
    });
  }
}
