import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { sessionAllowsSql, statusInSql, statusesMovingTo } from '@mockboard/schedule';
import { markRoundsNotReachedSql } from '../sessions/session-completion-sql';

/** A session changed by a sweep, with its start for the message about it. */
export interface SweptSession {
  id: string;
  startsAt: Date;
}

export interface SweptParticipant {
  sessionId: string;
  userId: string;
  displayName: string;
  joinedAt: Date | null;
}

/**
 * Sessions moved along by time and absence: the sweeper's steps and a rescue's no-show. Every
 * sweep is a conditional UPDATE … RETURNING, so several app instances may sweep at once and each
 * change happens once. Each is wrapped in `WITH … SELECT`: for a bare UPDATE … RETURNING the pg
 * driver answers [rows, count] but PGlite answers rows.
 */
@Injectable()
export class SessionSweepsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Peer sessions that started by `startedBy` with someone who never joined end as `no_show`, and
   * whoever did not join is marked a no-show.
   */
  async markNoShows(manager: EntityManager, startedBy: Date): Promise<SweptSession[]> {
    const swept: { id: string; starts_at: Date }[] = await manager.query(
      `WITH swept AS (
         UPDATE sessions s SET status = 'no_show'
         WHERE s.kind = 'peer' AND ${statusInSql('s', statusesMovingTo('no_show'))} AND s.starts_at <= $1
           AND EXISTS (SELECT 1 FROM session_participants p WHERE p.session_id = s.id AND p.joined_at IS NULL)
         RETURNING s.id, s.starts_at)
       SELECT * FROM swept`,
      [startedBy],
    );
    await this.markAbsentAsNoShows(
      manager,
      swept.map((row) => row.id),
    );
    return swept.map((row) => ({ id: row.id, startsAt: row.starts_at }));
  }

  /**
   * A rescued session ends as `no_show`; whoever did not join is marked a no-show. The rescue
   * checked the locked session is still open; the status condition keeps the UPDATE safe alone.
   */
  async endAsNoShow(manager: EntityManager, sessionId: string): Promise<void> {
    await this.markAbsentAsNoShows(manager, [sessionId]);
    await manager.query(
      `UPDATE sessions SET status = 'no_show' WHERE id = $1 AND ${statusInSql('sessions', statusesMovingTo('no_show'))}`,
      [sessionId],
    );
  }

  /** Flags the peer sessions starting in (from, to] whose starting-soon reminder is not sent yet. */
  async flagStartingSoon(manager: EntityManager, from: Date, to: Date): Promise<SweptSession[]> {
    const swept: { id: string; starts_at: Date }[] = await manager.query(
      `WITH swept AS (
         UPDATE sessions s SET starting_soon_notified = true
         WHERE s.kind = 'peer' AND ${sessionAllowsSql('s', 'remind')} AND NOT s.starting_soon_notified
           AND s.starts_at > $1 AND s.starts_at <= $2
         RETURNING s.id, s.starts_at)
       SELECT * FROM swept`,
      [from, to],
    );
    return swept.map((row) => ({ id: row.id, startsAt: row.starts_at }));
  }

  /**
   * Sessions that ended by `now` with everyone there are complete; returns how many. Only those the
   * clock closes (close_by_clock: never joined or still live); one waiting in scoring completes
   * when its feedback is in (scorecards.repository.ts), and a settled one stays as it is. A swap
   * whose time ran out in round 1 never had its round 2: that round is marked skipped, as when the
   * interview is ended from the room, so nobody is asked to score it.
   */
  async completeFinished(now: Date): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: { id: string }[] = await manager.query(
        `WITH swept AS (
           UPDATE sessions s SET status = 'completed'
           WHERE ${sessionAllowsSql('s', 'close_by_clock')} AND s.ends_at <= $1
             AND NOT EXISTS (SELECT 1 FROM session_participants p WHERE p.session_id = s.id AND p.joined_at IS NULL)
           RETURNING s.id)
         SELECT id FROM swept`,
        [now],
      );
      if (rows.length === 0) return 0;
      // A statement of its own, so it reads the rooms as they are once the sessions are locked
      // (LOCK_ORDER, room-state.repository.ts): a swap that committed meanwhile counts, and none
      // can start now that the sessions are closed.
      await manager.query(markRoundsNotReachedSql('SELECT unnest($1::uuid[])'), [rows.map((row) => row.id)]);
      return rows.length;
    });
  }

  /** The participants of the swept sessions, with their names for the messages. */
  async participants(manager: EntityManager, sessions: readonly SweptSession[]): Promise<SweptParticipant[]> {
    if (sessions.length === 0) return [];
    const rows: { session_id: string; user_id: string; display_name: string; joined_at: Date | null }[] =
      await manager.query(
        `SELECT p.session_id, p.user_id, u.display_name, p.joined_at
         FROM session_participants p JOIN users u ON u.id = p.user_id WHERE p.session_id = ANY($1::uuid[])`,
        [sessions.map((session) => session.id)],
      );
    return rows.map((row) => ({
      sessionId: row.session_id,
      userId: row.user_id,
      displayName: row.display_name,
      joinedAt: row.joined_at,
    }));
  }

  private async markAbsentAsNoShows(manager: EntityManager, sessionIds: readonly string[]): Promise<void> {
    await manager.query(
      `UPDATE session_participants SET no_show = true WHERE session_id = ANY($1::uuid[]) AND joined_at IS NULL`,
      [sessionIds],
    );
  }
}
