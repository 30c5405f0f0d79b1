import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Server-side sign-ins, so a token can be revoked (logout, "sign out everywhere", password change):
 * every token carries its row's id and every request reads that row by primary key.
 * login_throttles holds the per-account backoff for failed logins, keyed by lower(email) whether
 * or not such an account exists (so the limit tells nothing about who has an account); it lives in
 * the database so that every app instance sees the same count.
 */
export class SignInSessions1764600000000 implements MigrationInterface {
  name = 'SignInSessions1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE sign_in_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        user_agent text CHECK (length(user_agent) <= 200),
        ip text CHECK (length(ip) <= 64)
      )
    `);
    // Listing and revoking a user's sign-ins, and pruning their ended ones at each new sign-in.
    await queryRunner.query(`CREATE INDEX sign_in_sessions_by_user ON sign_in_sessions (user_id)`);
    await queryRunner.query(`
      CREATE TABLE login_throttles (
        email_key text PRIMARY KEY CHECK (length(email_key) <= 254),
        failures integer NOT NULL CHECK (failures > 0),
        blocked_until timestamptz,
        last_failure_at timestamptz NOT NULL DEFAULT now()
      )
    `);
    // Pruning counts that are forgotten anyway (a day without failures), e.g. guessed unknown emails.
    await queryRunner.query(
      `CREATE INDEX login_throttles_by_last_failure ON login_throttles (last_failure_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE login_throttles`);
    await queryRunner.query(`DROP TABLE sign_in_sessions`);
  }
}
