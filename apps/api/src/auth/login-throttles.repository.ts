import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  LOGIN_BACKOFF,
  decideLoginAttempt,
  type LoginAttemptDecision,
  type LoginThrottleState,
} from './login-backoff';

/** Every query on login_throttles: the per-account count of failed logins, shared by all instances. */
@Injectable()
export class LoginThrottlesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Decides and records one attempt for the email in a transaction holding the row's lock, so
   * parallel attempts on any instance are counted one after another.
   */
  attempt(email: string): Promise<LoginAttemptDecision> {
    const key = email.toLowerCase();
    return this.dataSource.transaction(async (manager) => {
      const [row] = (await manager.query(
        `SELECT failures, blocked_until AS "blockedUntil", last_failure_at AS "lastFailureAt", now() AS now
         FROM login_throttles WHERE email_key = $1 FOR UPDATE`,
        [key],
      )) as (LoginThrottleState & { now: Date })[];
      const now = row?.now ?? new Date();
      const decision = decideLoginAttempt(row ?? null, now);
      if (!decision.allowed) return decision;
      const { failures, blockedUntil, lastFailureAt } = decision.next;
      // ON CONFLICT: a parallel first attempt inserted the row after our SELECT found none.
      await manager.query(
        `INSERT INTO login_throttles (email_key, failures, blocked_until, last_failure_at)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (email_key) DO UPDATE SET
           failures = login_throttles.failures + 1,
           blocked_until = GREATEST(login_throttles.blocked_until, EXCLUDED.blocked_until),
           last_failure_at = EXCLUDED.last_failure_at`,
        [key, failures, blockedUntil, lastFailureAt],
      );
      return decision;
    });
  }

  /**
   * A successful login wipes the email's count, and counts that are forgotten anyway (see
   * LOGIN_BACKOFF.forgetAfterSeconds) go too, so guesses at unknown emails do not pile up.
   */
  async clear(email: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM login_throttles
       WHERE email_key = $1 OR last_failure_at < now() - make_interval(secs => $2)`,
      [email.toLowerCase(), LOGIN_BACKOFF.forgetAfterSeconds],
    );
  }
}
