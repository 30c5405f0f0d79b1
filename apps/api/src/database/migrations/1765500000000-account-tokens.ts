import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Email verification, password reset and change of address (issue 15).
 * users.email_verified_at: null until the owner proves they read the address. Accounts made before
 * verification existed are marked verified now, so an upgrade locks nobody out of booking.
 * account_tokens: one row per link sent. Only a SHA-256 hash of the token is stored, so a leaked
 * table cannot be replayed; used_at makes each link single-use; `email` is the address a verify_email
 * token proves (the new one, for a change of address).
 */
export class AccountTokens1765500000000 implements MigrationInterface {
  name = 'AccountTokens1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE users ADD COLUMN email_verified_at timestamptz`);
    await queryRunner.query(`UPDATE users SET email_verified_at = now()`);
    await queryRunner.query(`
      CREATE TABLE account_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('verify_email', 'password_reset')),
        token_hash text NOT NULL UNIQUE,
        email text NOT NULL CHECK (length(email) <= 254),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )
    `);
    // A user's unused tokens of one purpose: invalidated by a newer reset, the pending change of
    // address shown on /api/me, the resend rate limit.
    await queryRunner.query(
      `CREATE INDEX account_tokens_by_user ON account_tokens (user_id, purpose, created_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE account_tokens`);
    await queryRunner.query(`ALTER TABLE users DROP COLUMN email_verified_at`);
  }
}
