import { Injectable } from '@nestjs/common';
import type { User } from '@mockboard/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { prepared, queryPrepared } from '../database/prepared-statement';

export interface SignInSessionRow {
  id: string;
  userId: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  userAgent: string | null;
  ip: string | null;
}

export interface NewSignInSession {
  userId: string;
  ttlSeconds: number;
  userAgent: string | null;
  ip: string | null;
}

/** A sign-in that may be used now, with its user. */
export interface UsableSignIn {
  sessionId: string;
  lastSeenAt: Date;
  user: User;
}

const COLUMNS = `id, user_id AS "userId", created_at AS "createdAt", last_seen_at AS "lastSeenAt",
  expires_at AS "expiresAt", user_agent AS "userAgent", ip`;

/**
 * Every query on sign_in_sessions. A session is live while it is neither revoked nor expired;
 * revoking statements are written as `WITH ... UPDATE ... RETURNING` so that both drivers return
 * the revoked ids the same way (the socket rooms to empty).
 */
@Injectable()
export class SignInSessionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts a session, first dropping the user's ended ones (their rows serve no one). Runs in the
   * caller's transaction, the one that checked the account may sign in.
   */
  async insert(manager: EntityManager, session: NewSignInSession): Promise<SignInSessionRow> {
    await manager.query(
      `DELETE FROM sign_in_sessions
       WHERE user_id = $1 AND (expires_at < now() OR revoked_at < now() - interval '1 day')`,
      [session.userId],
    );
    const [row] = (await manager.query(
      `INSERT INTO sign_in_sessions (user_id, expires_at, user_agent, ip)
       VALUES ($1, now() + make_interval(secs => $2), $3, $4)
       RETURNING ${COLUMNS}`,
      [session.userId, session.ttlSeconds, session.userAgent, session.ip],
    )) as SignInSessionRow[];
    return row!;
  }

  /** The live session with this id (a primary-key lookup: this runs on every request). */
  async findLive(id: string): Promise<SignInSessionRow | null> {
    const [row] = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM sign_in_sessions
       WHERE id = $1 AND revoked_at IS NULL AND expires_at > now()`,
      [id],
    )) as SignInSessionRow[];
    return row ?? null;
  }

  /**
   * The session with this id, if it is live, belongs to `userId` and its account is not suspended
   * or banned, with its user as requests see them: one statement, on every request and handshake.
   * The restriction is checked here too (one probe of account_restrictions' primary key), so a
   * sign-in that outlived its account's suspension (a revocation that failed, a sign-in racing the
   * suspension) is refused all the same.
   */
  async findUsable(id: string, userId: string): Promise<UsableSignIn | null> {
    const [row] = (await queryPrepared(
      this.dataSource,
      prepared(`SELECT s.id AS "sessionId", s.last_seen_at AS "lastSeenAt",
              u.id, u.email, u.display_name AS "displayName", u.timezone, u.target_level AS "targetLevel",
              u.role, u.created_at AS "createdAt", u.date_time_locale AS "dateTimeLocale",
              u.email_verified_at IS NOT NULL AS "emailVerified"
       FROM sign_in_sessions s JOIN users u ON u.id = s.user_id
       WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > now()
         AND NOT EXISTS (SELECT 1 FROM account_restrictions r
                         WHERE r.user_id = s.user_id AND (r.state = 'banned' OR r.until > now()))`),
      [id, userId],
    )) as (Omit<User, 'createdAt'> & { sessionId: string; lastSeenAt: Date; createdAt: Date })[];
    if (!row) return null;
    const { sessionId, lastSeenAt, createdAt, ...user } = row;
    return { sessionId, lastSeenAt, user: { ...user, createdAt: createdAt.toISOString() } };
  }

  /** Records activity; the condition keeps concurrent requests from rewriting the row each time. */
  async touch(id: string, minIntervalSeconds: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE sign_in_sessions SET last_seen_at = now()
       WHERE id = $1 AND last_seen_at < now() - make_interval(secs => $2)`,
      [id, minIntervalSeconds],
    );
  }

  /** The user's live sessions, most recently used first. */
  listLive(userId: string): Promise<SignInSessionRow[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM sign_in_sessions
       WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now()
       ORDER BY last_seen_at DESC, created_at DESC`,
      [userId],
    ) as Promise<SignInSessionRow[]>;
  }

  /** Revokes one live session of this user; returns its id, or null if there is none such. */
  async revoke(userId: string, id: string): Promise<string | null> {
    const [row] = (await this.dataSource.query(
      `WITH revoked AS (
         UPDATE sign_in_sessions SET revoked_at = now()
         WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL AND expires_at > now()
         RETURNING id
       ) SELECT id FROM revoked`,
      [id, userId],
    )) as { id: string }[];
    return row?.id ?? null;
  }

  /**
   * Revokes every live session of the user except `keep` (null: all); returns the revoked ids. In
   * the caller's transaction when given one (a suspension revokes in its own).
   */
  async revokeAll(
    userId: string,
    keep: string | null,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string[]> {
    const rows = (await manager.query(
      `WITH revoked AS (
         UPDATE sign_in_sessions SET revoked_at = now()
         WHERE user_id = $1 AND revoked_at IS NULL AND ($2::uuid IS NULL OR id <> $2::uuid)
         RETURNING id
       ) SELECT id FROM revoked`,
      [userId, keep],
    )) as { id: string }[];
    return rows.map((row) => row.id);
  }
}
