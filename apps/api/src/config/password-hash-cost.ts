/** argon2id's memory (KiB), iterations and lanes for new password hashes. */
export interface PasswordHashCost {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

/**
 * OWASP's recommended minimum for argon2id (19 MiB, 2 iterations, 1 lane): what every server uses.
 * Frozen, since every loaded config shares it.
 */
export const OWASP_PASSWORD_HASH_COST: Readonly<PasswordHashCost> = Object.freeze({
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
});
