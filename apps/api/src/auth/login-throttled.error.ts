import { DomainError } from '../common/domain-error';
import { describeWait } from './login-backoff';

/** 429 for an email with too many wrong passwords lately (see login-backoff.ts), with Retry-After. */
export function loginThrottled(retryAfterSeconds: number): DomainError {
  return new DomainError(
    'rate_limited',
    `Too many wrong passwords for this email; try again ${describeWait(retryAfterSeconds)}`,
    { retryAfterSeconds },
  );
}
