import type { QueryRunner } from 'typeorm';
import { ReliabilityOnUserRow1766200000000 } from '../src/database/migrations/1766200000000-reliability-on-user-row';
import { AccountWithdrawalRepository } from '../src/moderation/account-withdrawal.repository';
import { RoomStateRepository } from '../src/room/room-state.repository';
import { ScorecardsRepository } from '../src/scoring/scorecards.repository';
import { SessionSweepsRepository } from '../src/scheduling/session-sweeps.repository';
import { SessionsRepository } from '../src/sessions/sessions.repository';
import { aBookedSession, type BookedSession } from './support/scheduling-factories';
import { startTestApp, type TestApp } from './support/test-app';

const MINUTE = 60_000;

interface Counts {
  id: string;
  completed: number;
  late: number;
  no_shows: number;
}

/**
 * The reliability counts kept on the user row (migration 1766200000000) against the same counts
 * taken from the sessions, as the search used to count them on every read: after each statement
 * that completes, cancels or marks a no-show, through the repositories that send it.
 */
describe('reliability counts on the user row', () => {
  let server: TestApp;
  beforeAll(async () => {
    server = await startTestApp();
  });
  afterAll(() => server.close());

  const stored = async (): Promise<Counts[]> =>
    server.dataSource.query(
      `SELECT id, sessions_completed AS completed, late_cancellations AS late, no_shows FROM users ORDER BY id`,
    );
  const counted = async (): Promise<Counts[]> =>
    server.dataSource.query(
      `SELECT u.id,
         (SELECT count(*)::int FROM session_participants p JOIN sessions s ON s.id = p.session_id
          WHERE p.user_id = u.id AND s.status IN ('scoring', 'completed') AND NOT p.no_show) AS completed,
         (SELECT count(*)::int FROM sessions s WHERE s.cancelled_by = u.id AND s.late_cancellation) AS late,
         (SELECT count(*)::int FROM session_participants p WHERE p.user_id = u.id AND p.no_show) AS no_shows
       FROM users u ORDER BY u.id`,
    );
  const countsOf = async (user: { user: { id: string } }): Promise<Omit<Counts, 'id'>> => {
    const row = (await stored()).find((each) => each.id === user.user.id)!;
    return { completed: row.completed, late: row.late, no_shows: row.no_shows };
  };
  const expectCountsKept = async () => expect(await stored()).toEqual(await counted());

  /** Arrangement only: a booked session that started `minutes` ago, with whoever joined. */
  const aStartedSession = async (minutes: number, joined: 'both' | 'host'): Promise<BookedSession> => {
    const booked = await aBookedSession(server);
    const startsAt = new Date(Date.now() - minutes * MINUTE);
    await server.dataSource.query(
      `UPDATE sessions SET starts_at = $2, ends_at = $2::timestamptz + interval '60 minutes' WHERE id = $1`,
      [booked.session.id, startsAt],
    );
    await server.dataSource.query(
      `UPDATE session_participants SET joined_at = $3 WHERE session_id = $1 AND ($2 OR user_id = $4)`,
      [booked.session.id, joined === 'both', startsAt, booked.host.user.id],
    );
    return booked;
  };

  it('counts an interview ended in the room, and the scorecards closing it, once', async () => {
    const { host, guest, session } = await aStartedSession(10, 'both');
    await server.dataSource.query(`UPDATE sessions SET status = 'live' WHERE id = $1`, [session.id]);

    await server.app.get(RoomStateRepository).endInterview(session.id);
    expect(await countsOf(host)).toEqual({ completed: 1, late: 0, no_shows: 0 });
    expect(await countsOf(guest)).toEqual({ completed: 1, late: 0, no_shows: 0 });

    // Scoring → completed: still one session completed each.
    await server.dataSource.query(`DELETE FROM session_rounds WHERE session_id = $1`, [session.id]);
    await server.dataSource.transaction((manager) =>
      server.app.get(ScorecardsRepository).completeWhenScored(manager, session.id),
    );
    const [{ status }] = (await server.dataSource.query(`SELECT status FROM sessions WHERE id = $1`, [
      session.id,
    ])) as [{ status: string }];
    expect(status).toBe('completed');
    expect(await countsOf(host)).toEqual({ completed: 1, late: 0, no_shows: 0 });
    await expectCountsKept();
  });

  it('counts the sweeper closing a finished session for everyone who came', async () => {
    const { host, guest } = await aStartedSession(70, 'both');
    expect(await server.app.get(SessionSweepsRepository).completeFinished(new Date())).toBeGreaterThan(0);
    expect((await countsOf(host)).completed).toBeGreaterThanOrEqual(1);
    expect((await countsOf(guest)).completed).toBe(1);
    await expectCountsKept();
  });

  it('counts a no-show marked by the sweeper, and a session a rescue ends, against the absent only', async () => {
    const sweeps = server.app.get(SessionSweepsRepository);
    const missed = await aStartedSession(11, 'host');
    await server.dataSource.transaction((manager) =>
      sweeps.markNoShows(manager, new Date(Date.now() - 10 * MINUTE)),
    );
    expect(await countsOf(missed.guest)).toEqual({ completed: 0, late: 0, no_shows: 1 });
    expect(await countsOf(missed.host)).toEqual({ completed: 0, late: 0, no_shows: 0 });

    const rescued = await aStartedSession(5, 'host');
    await server.dataSource.transaction((manager) => sweeps.endAsNoShow(manager, rescued.session.id));
    expect(await countsOf(rescued.guest)).toEqual({ completed: 0, late: 0, no_shows: 1 });
    await expectCountsKept();
  });

  it("counts a late cancellation against the canceller, and not a moderator's cancellation", async () => {
    const late = await aBookedSession(server);
    await server.dataSource.transaction((manager) =>
      server.app.get(SessionsRepository).markCancelled(manager, late.session.id, {
        by: late.host.user.id,
        reason: 'Ill',
        at: new Date(),
        late: true,
      }),
    );
    expect(await countsOf(late.host)).toEqual({ completed: 0, late: 1, no_shows: 0 });
    expect(await countsOf(late.guest)).toEqual({ completed: 0, late: 0, no_shows: 0 });

    const moderated = await aBookedSession(server);
    await server.dataSource.transaction((manager) =>
      server.app.get(AccountWithdrawalRepository).cancelSession(manager, moderated.session.id, 'Withdrawn'),
    );
    expect(await countsOf(moderated.host)).toEqual({ completed: 0, late: 0, no_shows: 0 });
    await expectCountsKept();
  });

  it('takes back what a corrected status or no-show undoes', async () => {
    const { host, guest, session } = await aStartedSession(70, 'both');
    await server.dataSource.query(`UPDATE sessions SET status = 'completed' WHERE id = $1`, [session.id]);
    await server.dataSource.query(
      `UPDATE session_participants SET no_show = true WHERE session_id = $1 AND user_id = $2`,
      [session.id, guest.user.id],
    );
    expect(await countsOf(guest)).toEqual({ completed: 0, late: 0, no_shows: 1 });
    await server.dataSource.query(`UPDATE session_participants SET no_show = false WHERE session_id = $1`, [
      session.id,
    ]);
    expect(await countsOf(guest)).toEqual({ completed: 1, late: 0, no_shows: 0 });
    await server.dataSource.query(`UPDATE sessions SET status = 'no_show' WHERE id = $1`, [session.id]);
    expect(await countsOf(host)).toEqual({ completed: 0, late: 0, no_shows: 0 });
    await expectCountsKept();
  });

  it('backfills the counts of existing sessions when the migration runs', async () => {
    const migration = new ReliabilityOnUserRow1766200000000();
    const runner: QueryRunner = server.dataSource.createQueryRunner();
    try {
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    const all = await stored();
    expect(all.some((row) => row.completed > 0 && row.late + row.no_shows === 0)).toBe(true);
    expect(all.some((row) => row.late > 0)).toBe(true);
    expect(all.some((row) => row.no_shows > 0)).toBe(true);
    await expectCountsKept();
  });
});
