import { randomUUID } from 'node:crypto';
import type {
  MatchRequest,
  MatchRequestCreate,
  MatchRequestListResponse,
  NotificationListResponse,
  SessionListResponse,
} from '@mockboard/contracts';
import { formatInZone } from '@mockboard/schedule';
import { SchedulingSweeper } from '../src/scheduling/scheduling-sweeper.service';
import { signUp, type SignedUpUser } from './support/factories';
import { aStart, asUser, getSession, signUpMany } from './support/scheduling-factories';
import { startTestApp, type TestApp } from './support/test-app';

const MINUTE = 60_000;

describe('matching', () => {
  let server: TestApp;
  beforeAll(async () => {
    server = await startTestApp();
  });
  afterAll(() => server.close());

  const as = (user: SignedUpUser) => asUser(server, user);
  // Waiting requests pair with any later compatible one, so every test gets its own start (and
  // every practice-now test its own duration) to keep the tests' queues apart.
  let days = 0;
  const nextStart = () => aStart({ daysAhead: ++days });

  const requestMatch = async (user: SignedUpUser, body: MatchRequestCreate): Promise<MatchRequest> =>
    (await as(user).post('/api/match-requests', body).expect(201)).body as MatchRequest;
  const requestsOf = async (user: SignedUpUser) =>
    ((await as(user).get('/api/match-requests').expect(200)).body as MatchRequestListResponse).requests;
  const notificationsOf = async (user: SignedUpUser) =>
    ((await as(user).get('/api/notifications').expect(200)).body as NotificationListResponse).notifications;
  const sessionsOf = async (user: SignedUpUser) =>
    (await as(user).get('/api/sessions').expect(200)).body as SessionListResponse;

  /**
   * Arrangement: several requests waiting for one start. Through the API the second of two
   * compatible requests pairs at once, so they are made an hour apart (in order, oldest first) and
   * then moved, with their calendar entries, to `startsAt`.
   */
  const waitingTogether = async (
    entries: { user: SignedUpUser; body?: Partial<MatchRequestCreate> }[],
    startsAt: string,
  ): Promise<MatchRequest[]> => {
    const requests: MatchRequest[] = [];
    for (const [index, { user, body }] of entries.entries()) {
      const apart = new Date(new Date(startsAt).getTime() + (index + 1) * 60 * MINUTE).toISOString();
      requests.push(await requestMatch(user, { startsAt: apart, ...body }));
    }
    const ids = requests.map((request) => request.id);
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
    return requests;
  };

  describe('scheduled', () => {
    it('pairs two requests for one start into one session that both see', async () => {
      const first = await signUp(server.url, { timezone: 'Asia/Kolkata' });
      const second = await signUp(server.url, { timezone: 'America/Los_Angeles' });
      const startsAt = nextStart();

      const waiting = await requestMatch(first, { startsAt, format: 'swap' });
      expect(waiting).toMatchObject({
        practiceNow: false,
        startsAt,
        durationMinutes: 90,
        format: 'swap',
        status: 'pending',
        sessionId: null,
        expiresAt: null,
      });
      const paired = await requestMatch(second, { startsAt, format: 'swap' });
      expect(paired).toMatchObject({ status: 'matched', sessionId: expect.any(String) });

      for (const user of [first, second]) {
        const { upcoming } = await sessionsOf(user);
        expect(upcoming.map((session) => session.id)).toEqual([paired.sessionId]);
      }
      const session = await getSession(server, first, paired.sessionId!);
      expect(session).toMatchObject({ kind: 'peer', format: 'swap', status: 'scheduled', startsAt });
      expect(session.participants.map((participant) => participant.id).sort()).toEqual(
        [first.user.id, second.user.id].sort(),
      );
      // The one who waited interviews first, then roles swap.
      expect(session.rounds.map((round) => round.interviewerId)).toEqual([first.user.id, second.user.id]);
      expect((await requestsOf(first))[0]).toMatchObject({ status: 'matched', sessionId: session.id });

      for (const [user, zone] of [
        [first, 'Asia/Kolkata'],
        [second, 'America/Los_Angeles'],
      ] as const) {
        const matched = (await notificationsOf(user)).filter((each) => each.type === 'matched');
        expect(matched).toHaveLength(1);
        expect(matched[0]!.sessionId).toBe(session.id);
        expect(matched[0]!.body).toContain(formatInZone(new Date(startsAt), zone));
      }
    });

    it('gives 50 simultaneous requests for one start exactly 25 sessions, nobody twice', async () => {
      const users = await signUpMany(server, 50);
      const startsAt = nextStart();

      await Promise.all(users.map((user) => requestMatch(user, { startsAt, format: 'single' })));

      const sessionIds = await Promise.all(
        users.map(async (user) => {
          const requests = await requestsOf(user);
          expect(requests).toHaveLength(1);
          expect(requests[0]!.status).toBe('matched');
          const { upcoming } = await sessionsOf(user);
          expect(upcoming).toHaveLength(1);
          return upcoming[0]!.id;
        }),
      );
      const perSession = new Map<string, number>();
      for (const id of sessionIds) perSession.set(id, (perSession.get(id) ?? 0) + 1);
      expect(perSession.size).toBe(25);
      expect([...perSession.values()].every((count) => count === 2)).toBe(true);
      const [row] = await server.dataSource.query(
        `SELECT count(*)::int AS count FROM sessions WHERE starts_at = $1`,
        [startsAt],
      );
      expect(row.count).toBe(25);
    });

    it('does not pair requests of different formats or durations', async () => {
      const [swap90, single90, swap60] = await signUpMany(server, 3);
      const startsAt = nextStart();
      await requestMatch(swap90!, { startsAt, format: 'swap', durationMinutes: 90 });
      await requestMatch(single90!, { startsAt, format: 'single', durationMinutes: 90 });
      await requestMatch(swap60!, { startsAt, format: 'swap', durationMinutes: 60 });

      for (const user of [swap90!, single90!, swap60!]) {
        expect((await requestsOf(user))[0]!.status).toBe('pending');
      }
    });

    it('prefers a partner at the same level: their request’s level, else their target level', async () => {
      const [juniorWaiter, seniorWaiter, arriving] = await signUpMany(server, 3);
      await as(seniorWaiter!).patch('/api/me', { targetLevel: 'senior' }).expect(200);
      const startsAt = nextStart();
      const [juniorRequest] = await waitingTogether(
        [{ user: juniorWaiter!, body: { level: 'junior' } }, { user: seniorWaiter! }],
        startsAt,
      );

      const paired = await requestMatch(arriving!, { startsAt, level: 'senior' });

      const session = await getSession(server, arriving!, paired.sessionId!);
      expect(session.participants.map((participant) => participant.id).sort()).toEqual(
        [seniorWaiter!.user.id, arriving!.user.id].sort(),
      );
      expect((await requestsOf(juniorWaiter!))[0]).toMatchObject({
        id: juniorRequest!.id,
        status: 'pending',
      });
    });

    it('does not pair the same partners twice within 14 days while someone else is waiting', async () => {
      const [first, second, other] = await signUpMany(server, 3);
      const earlier = nextStart();
      await requestMatch(first!, { startsAt: earlier });
      await requestMatch(second!, { startsAt: earlier });
      const startsAt = nextStart();
      await waitingTogether([{ user: first! }, { user: other! }], startsAt);

      const paired = await requestMatch(second!, { startsAt });

      const session = await getSession(server, second!, paired.sessionId!);
      expect(session.participants.map((participant) => participant.id)).toContain(other!.user.id);
      expect((await requestsOf(first!))[0]!.status).toBe('pending');
    });

    it('pairs the same partners again when nobody else is waiting', async () => {
      const [first, second] = await signUpMany(server, 2);
      const earlier = nextStart();
      await requestMatch(first!, { startsAt: earlier });
      await requestMatch(second!, { startsAt: earlier });
      const startsAt = nextStart();
      await requestMatch(first!, { startsAt });

      expect((await requestMatch(second!, { startsAt })).status).toBe('matched');
    });

    it('gives round 1 the first prompt both asked for', async () => {
      const [first, second] = await signUpMany(server, 2);
      const startsAt = nextStart();
      await requestMatch(first!, {
        startsAt,
        promptPreferences: { promptIds: ['rate-limiter', 'url-shortener'] },
      });
      const paired = await requestMatch(second!, {
        startsAt,
        promptPreferences: { promptIds: ['url-shortener'] },
      });

      const session = await getSession(server, first!, paired.sessionId!);
      expect(session.rounds.map((round) => round.promptId)).toEqual(['url-shortener', null]);
    });

    it('refuses a start off the quarter hour and an unknown prompt, naming the field', async () => {
      const user = await signUp(server.url);
      const offQuarter = await as(user)
        .post('/api/match-requests', { startsAt: aStart({ daysAhead: 2, minute: 10 }) })
        .expect(400);
      expect(offQuarter.body.fields).toEqual([
        { field: 'startsAt', message: 'must be on a quarter hour (:00, :15, :30 or :45)' },
      ]);
      const unknownPrompt = await as(user)
        .post('/api/match-requests', {
          startsAt: nextStart(),
          promptPreferences: { promptIds: ['no-such-prompt'] },
        })
        .expect(400);
      expect(unknownPrompt.body.fields[0].field).toBe('promptPreferences.promptIds.0');
    });

    it('refuses a request overlapping your own request or open slot with 409', async () => {
      const user = await signUp(server.url);
      const startsAt = nextStart();
      await requestMatch(user, { startsAt, format: 'swap' });
      const later = new Date(new Date(startsAt).getTime() + 30 * MINUTE).toISOString();

      const overlapping = await as(user).post('/api/match-requests', { startsAt: later }).expect(409);
      expect(overlapping.body.message).toMatch(/already have a session, open slot or match request/);
      await as(user).post('/api/slots', { startsAt: later }).expect(409);
      expect(await requestsOf(user)).toHaveLength(1);
    });
  });

  describe('practice now', () => {
    it('pairs two practice-now requests into a session starting now', async () => {
      const [first, second] = await signUpMany(server, 2);
      const before = Date.now();
      const waiting = await requestMatch(first!, { startsAt: 'now', durationMinutes: 45 });
      expect(waiting).toMatchObject({ practiceNow: true, status: 'pending', durationMinutes: 45 });
      expect(new Date(waiting.startsAt).getTime()).toBe(Math.floor(before / MINUTE) * MINUTE);
      const expiresIn = new Date(waiting.expiresAt!).getTime() - before;
      expect(expiresIn).toBeGreaterThanOrEqual(5 * MINUTE);
      expect(expiresIn).toBeLessThan(6 * MINUTE);

      const paired = await requestMatch(second!, { startsAt: 'now', durationMinutes: 45 });

      expect(paired.status).toBe('matched');
      const session = await getSession(server, second!, paired.sessionId!);
      expect(new Date(session.startsAt).getTime()).toBeLessThanOrEqual(Date.now());
      expect(session.durationMinutes).toBe(45);
      expect((await sessionsOf(first!)).upcoming.map((each) => each.id)).toEqual([session.id]);
      // The time is said once, in the person's zone, without brackets inside brackets.
      const [told] = (await notificationsOf(first!)).filter((each) => each.type === 'matched');
      expect(told!.body).toMatch(/^.+ is your partner for a \w+ session starting now, .+ \([^()]+\)\.$/);
    });

    it('expires an unpaired practice-now request after 5 minutes and frees its time', async () => {
      const user = await signUp(server.url);
      const waiting = await requestMatch(user, { startsAt: 'now', durationMinutes: 75 });
      await as(user).post('/api/match-requests', { startsAt: 'now', durationMinutes: 75 }).expect(409);

      const sweeper = server.app.get(SchedulingSweeper);
      await sweeper.sweep(new Date(Date.now() + 6 * MINUTE));

      expect((await requestsOf(user))[0]).toMatchObject({ id: waiting.id, status: 'expired' });
      await requestMatch(user, { startsAt: 'now', durationMinutes: 75 });
    });

    it('never pairs with an expired practice-now request, even before the sweeper ran', async () => {
      const [first, second] = await signUpMany(server, 2);
      const waiting = await requestMatch(first!, { startsAt: 'now', durationMinutes: 105 });
      await server.dataSource.query(`UPDATE match_requests SET expires_at = $2 WHERE id = $1`, [
        waiting.id,
        new Date(Date.now() - 1000),
      ]);

      expect((await requestMatch(second!, { startsAt: 'now', durationMinutes: 105 })).status).toBe('pending');
    });
  });

  describe('your requests', () => {
    it('lists your own requests, newest first', async () => {
      const [user, other] = await signUpMany(server, 2);
      const older = await requestMatch(user!, { startsAt: nextStart() });
      const newer = await requestMatch(user!, { startsAt: nextStart() });
      await requestMatch(other!, { startsAt: nextStart() });

      expect((await requestsOf(user!)).map((request) => request.id)).toEqual([newer.id, older.id]);
    });

    it('withdraws your pending request and frees its time; others’ are 404, withdrawn ones 409', async () => {
      const [user, stranger] = await signUpMany(server, 2);
      const startsAt = nextStart();
      const request = await requestMatch(user!, { startsAt });

      await as(stranger!).delete(`/api/match-requests/${request.id}`).expect(404);
      await as(user!).delete(`/api/match-requests/${randomUUID()}`).expect(404);
      await as(user!).delete('/api/match-requests/not-a-uuid').expect(404);
      await as(user!).delete(`/api/match-requests/${request.id}`).expect(204);
      const again = await as(user!).delete(`/api/match-requests/${request.id}`).expect(409);
      expect(again.body.message).toBe('This request is already cancelled');

      expect((await requestsOf(user!))[0]).toMatchObject({ id: request.id, status: 'cancelled' });
      await requestMatch(user!, { startsAt });
    });
  });
});
