import { createHash, randomBytes } from 'node:crypto';

/** What a link token is for; the purpose column of account_tokens. */
export type AccountTokenPurpose = 'verify_email' | 'password_reset';

/** How long a link works: a verification may wait for a weekend, a reset is asked for and used at once. */
export const ACCOUNT_TOKEN_TTL_MS: Record<AccountTokenPurpose, number> = {
  verify_email: 48 * 3600_000,
  password_reset: 3600_000,
};

/** A new link token: 32 random bytes (base64url, 43 characters) and the hash that is stored. */
export function newAccountToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashAccountToken(token) };
}

/**
 * SHA-256, unsalted: the token is 256 random bits, so there is nothing to brute-force and a look-up
 * by hash stays one index probe. A copy of the table cannot be turned back into working links.
 */
export function hashAccountToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
