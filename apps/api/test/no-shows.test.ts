import { randomUUID } from 'node:crypto';
import type {
  MatchRequest,
  MatchRequestCreate,
  MatchRequestListResponse,
  NotificationListResponse,
  RescueResponse,
  Session,
} from '@mockboard/contracts';
import { SchedulingSweeper } from '../src/scheduling/scheduling-sweeper.service';
import { signUp, type SignedUpUser } from './support/factories';
import { aStart, asUser, getSession, signUpMany } from './support/scheduling-factories';
import { startTestApp, type TestApp } from './support/test-app';

const MINUTE = 60_000;

describe('no-shows, rescue and the sweeper', () => {
  let server: TestApp;
  let sweeper: SchedulingSweeper;
  beforeAll(async () => {
    server = await startTestApp();
    sweeper = server.app.get(SchedulingSweeper);
  });
  afterAll(() => server.close());

  const as = (user: SignedUpUser) => asUser(server, user);
  // Each test pairs at its own start (and practises now with its own duration) so that a request
  // left waiting by one test never pairs with the next test's.
  let days = 0;
  const nextStart = () => aStart({ daysAhead: ++days });
  const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * MINUTE);

  const requestMatch = async (user: SignedUpUser, body: MatchRequestCreate): Promise<MatchRequest> =>
    (await as(user).post('/api/match-requests', body).expect(201)).body as MatchRequest;
  const requestsOf = async (user: SignedUpUser) =>
    ((await as(user).get('/api/match-requests').expect(200)).body as MatchRequestListResponse).requests;
  const notificationsOf = async (user: SignedUpUser, type: string) =>
    (
      (await as(user).get('/api/notifications').expect(200)).body as NotificationListResponse
    ).notifications.filter((notification) => notification.type === type);
  const participant = (session: Session, user: SignedUpUser) =>
    session.participants.find((each) => each.id === user.user.id)!;
  const join = (user: SignedUpUser, sessionId: string) =>
    as(user).post(`/api/sessions/${sessionId}/join`).expect(200);
  const rescue = (user: SignedUpUser, sessionId: string) =>
    as(user).post(`/api/sessions/${sessionId}/rescue`);

  /** Two new users whose match requests paired into a session. */
  const aMatchedSession = async (body: Partial<MatchRequestCreate> = {}) => {
    const [first, second] = await signUpMany(server, 2);
    const startsAt = nextStart();
    await requestMatch(first!, { startsAt, ...body });
    const paired = await requestMatch(second!, { startsAt, ...body });
    return { first: first!, second: second!, sessionId: paired.sessionId! };
  };

  /** Arrangement only: moves a session in time, keeping its length. */
  const startSessionAt = async (sessionId: string, startsAt: Date) => {
    await server.dataSource.query(
      `UPDATE sessions SET starts_at = $2, ends_at = $2::timestamptz + (ends_at - starts_at) WHERE id = $1`,
      [sessionId, startsAt],
    );
  };

  describe('no-shows', () => {
    it('marks whoever has not joined 10 minutes after the start, once, and counts it in their reliability', async () => {
      const { first, second, sessionId } = await aMatchedSession();
      await startSessionAt(sessionId, minutesFromNow(-9));
      await join(first, sessionId);

      await sweeper.sweep();
      expect((await getSession(server, first, sessionId)).status).toBe('live');

      // Several app instances may sweep at the same moment; each change still happens once.
      await Promise.all([sweeper.sweep(minutesFromNow(2)), sweeper.sweep(minutesFromNow(2))]);
      await sweeper.sweep(minutesFromNow(3));

      const session = await getSession(server, first, sessionId);
      expect(session.status).toBe('no_show');
      expect(participant(session, second)).toMatchObject({ noShow: true, reliability: { noShows: 1 } });
      expect(participant(session, first)).toMatchObject({ noShow: false, reliability: { noShows: 0 } });
      const told = await notificationsOf(first, 'no_show');
      expect(told).toHaveLength(1);
      expect(told[0]).toMatchObject({ sessionId, body: expect.stringContaining(second.user.displayName) });
      expect(await notificationsOf(second, 'no_show')).toHaveLength(0);
    });

    it('completes a finished session that everyone joined', async () => {
      const { first, second, sessionId } = await aMatchedSession({ format: 'single' });
      await startSessionAt(sessionId, minutesFromNow(-70));
      await join(first, sessionId);
      await join(second, sessionId);

      await sweeper.sweep();

      const session = await getSession(server, second, sessionId);
      expect(session.status).toBe('completed');
      expect(participant(session, first).reliability.sessionsCompleted).toBe(1);
    });

    it('sends the starting-soon reminder once, 10 minutes before the start', async () => {
      const { first, second, sessionId } = await aMatchedSession();
      await startSessionAt(sessionId, minutesFromNow(30));
      await sweeper.sweep();
      expect(await notificationsOf(first, 'starting_soon')).toHaveLength(0);

      await startSessionAt(sessionId, minutesFromNow(8));
      await sweeper.sweep();
      await sweeper.sweep();

      for (const [user, partner] of [
        [first, second],
        [second, first],
      ] as const) {
        const reminders = await notificationsOf(user, 'starting_soon');
        expect(reminders).toHaveLength(1);
        expect(reminders[0]).toMatchObject({
          sessionId,
          body: expect.stringContaining(partner.user.displayName),
        });
      }
    });

    it('pairs a newcomer with the more reliable of two waiting partners', async () => {
      const { first: present, second: flaky, sessionId } = await aMatchedSession();
      await startSessionAt(sessionId, minutesFromNow(-15));
      await join(present, sessionId);
      await sweeper.sweep();
      const [reliable, arriving] = await signUpMany(server, 2);

      // Arrangement: both wait for one start (the flaky one longer), which the API alone never
      // allows, since the second compatible request would pair with the first at once.
      const startsAt = nextStart();
      const waiting = [
        await requestMatch(flaky, { startsAt: aStart({ daysAhead: days, hour: 14 }) }),
        await requestMatch(reliable!, { startsAt: aStart({ daysAhead: days, hour: 16 }) }),
      ];
      const ids = waiting.map((request) => request.id);
      await server.dataSource.query(
        `UPDATE match_requests SET starts_at = $2, ends_at = $2::timestamptz + (ends_at - starts_at)
         WHERE id = ANY($1::uuid[])`,
        [ids, startsAt],
      );
      await server.dataSource.query(
        `UPDATE calendar_entries SET period = tstzrange($2, $2::timestamptz + (upper(period) - lower(period)))
         WHERE match_request_id = ANY($1::uuid[])`,
        [ids, startsAt],
      );

      const paired = await requestMatch(arriving!, { startsAt });

      const session = await getSession(server, arriving!, paired.sessionId!);
      expect(session.participants.map((each) => each.id)).toContain(reliable!.user.id);
      expect((await requestsOf(flaky))[0]!.status).toBe('pending');
    });
  });

  describe('rescue', () => {
    it('pairs the waiting participant with someone who practises now', async () => {
      const { first, second, sessionId } = await aMatchedSession({ format: 'swap', durationMinutes: 60 });
      await startSessionAt(sessionId, minutesFromNow(-6));
      await join(first, sessionId);
      const waiter = await signUp(server.url);
      const waiting = await requestMatch(waiter, { startsAt: 'now', format: 'swap', durationMinutes: 60 });

      const response = await rescue(first, sessionId).expect(200);

      const body = response.body as RescueResponse;
      expect(body.matchRequest).toBeNull();
      const rescued = body.session!;
      expect(rescued).toMatchObject({ format: 'swap', durationMinutes: 60, status: 'scheduled' });
      expect(new Date(rescued.startsAt).getTime()).toBeLessThanOrEqual(Date.now());
      expect(rescued.participants.map((each) => each.id).sort()).toEqual(
        [first.user.id, waiter.user.id].sort(),
      );
      const [row] = await server.dataSource.query(`SELECT rescued_from FROM sessions WHERE id = $1`, [
        rescued.id,
      ]);
      expect(row.rescued_from).toBe(sessionId);

      const original = await getSession(server, first, sessionId);
      expect(original.status).toBe('no_show');
      expect(participant(original, second)).toMatchObject({ noShow: true, reliability: { noShows: 1 } });
      expect((await requestsOf(waiter))[0]).toMatchObject({
        id: waiting.id,
        status: 'matched',
        sessionId: rescued.id,
      });
      for (const user of [first, waiter]) {
        expect((await notificationsOf(user, 'matched')).map((each) => each.sessionId)).toContain(rescued.id);
      }
    });

    it('queues the waiting participant to practise now when nobody is waiting', async () => {
      const { first, sessionId } = await aMatchedSession({ format: 'single', durationMinutes: 75 });
      await startSessionAt(sessionId, minutesFromNow(-7));
      await join(first, sessionId);

      const body = (await rescue(first, sessionId).expect(200)).body as RescueResponse;

      expect(body.session).toBeNull();
      expect(body.matchRequest).toMatchObject({
        practiceNow: true,
        format: 'single',
        durationMinutes: 75,
        status: 'pending',
      });
      expect((await getSession(server, first, sessionId)).status).toBe('no_show');
      const next = await signUp(server.url);
      const paired = await requestMatch(next, { startsAt: 'now', format: 'single', durationMinutes: 75 });
      expect(
        (await getSession(server, next, paired.sessionId!)).participants.map((each) => each.id),
      ).toContain(first.user.id);
    });

    it('refuses a rescue before joining, before 5 minutes, when the partner came, and to strangers', async () => {
      const { first, second, sessionId } = await aMatchedSession({ durationMinutes: 120 });
      await startSessionAt(sessionId, minutesFromNow(-3));

      const notJoined = await rescue(first, sessionId).expect(409);
      expect(notJoined.body.message).toMatch(/Join the room first/);
      await join(first, sessionId);
      const tooEarly = await rescue(first, sessionId).expect(409);
      expect(tooEarly.body.message).toMatch(/5 minutes after the start/);

      await startSessionAt(sessionId, minutesFromNow(-6));
      await join(second, sessionId);
      const partnerCame = await rescue(first, sessionId).expect(409);
      expect(partnerCame.body.message).toMatch(/already in the room/);

      const stranger = await signUp(server.url);
      await rescue(stranger, sessionId).expect(404);
      await rescue(first, randomUUID()).expect(404);
      expect((await getSession(server, first, sessionId)).status).toBe('live');
    });
  });
});
