import { ACCOUNT_RESTRICTION_CODES } from '@mockboard/contracts';
import { DomainError } from '../common/domain-error';
import type { AccountRestriction } from './account-restrictions.repository';

/**
 * A suspended or banned account: 403 (`forbidden`) when it tries to sign in, 401
 * (`unauthenticated`, so the web app goes to Sign in, where the message is shown) when a token it
 * held before is refused. The message says until when.
 */
export function accountRestricted(
  restriction: AccountRestriction,
  kind: 'forbidden' | 'unauthenticated',
): DomainError {
  return new DomainError(kind, restrictionMessage(restriction), {
    reason: ACCOUNT_RESTRICTION_CODES[restriction.state],
    until: restriction.until ?? undefined,
  });
}

export function restrictionMessage(restriction: AccountRestriction): string {
  if (restriction.state === 'banned' || !restriction.until) {
    return 'Your account has been banned by a moderator; you can no longer sign in';
  }
  // UTC, spelled out: the server does not know the reader's zone before they sign in.
  const until = restriction.until.toISOString().slice(0, 16).replace('T', ' ');
  return `Your account is suspended by a moderator until ${until} UTC; you can sign in again then`;
}
