import { randomUUID } from 'node:crypto';
import type {
  NotificationListResponse,
  PromptListResponse,
  Session,
  SessionListResponse,
} from '@mockboard/contracts';
import { signUp, type SignedUpUser } from './support/factories';
import {
  PARTICIPANT_FIELDS,
  aBookedSession,
  aStart,
  aStartIn,
  asUser,
  bookSlot,
  expectNoEmails,
  getSession,
  offerSlot,
  plusMinutes,
  signUpMany,
} from './support/scheduling-factories';
import { startTestApp, type TestApp } from './support/test-app';

const MINUTE = 60_000;

describe('sessions', () => {
  let server: TestApp;
  beforeAll(async () => {
    server = await startTestApp();
  });
  afterAll(() => server.close());

  const as = (user: SignedUpUser) => asUser(server, user);
  const notificationsOf = async (user: SignedUpUser) =>
    ((await as(user).get('/api/notifications').expect(200)).body as NotificationListResponse).notifications;
  const sessionsOf = async (user: SignedUpUser) =>
    (await as(user).get('/api/sessions').expect(200)).body as SessionListResponse;
  const participant = (session: Session, user: SignedUpUser) =>
    session.participants.find((each) => each.id === user.user.id)!;
  /** Arrangement only: moves a session in time (and sets its status) without going through the API. */
  const setSessionTimes = (sessionId: string, startsAt: Date, endsAt: Date, status = 'scheduled') =>
    server.dataSource.query(`UPDATE sessions SET starts_at = $2, ends_at = $3, status = $4 WHERE id = $1`, [
      sessionId,
      startsAt,
      endsAt,
      status,
    ]);
  const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * MINUTE);

  describe('reading', () => {
    it('shows the session to both participants', async () => {
      const { host, guest, session } = await aBookedSession(server);
      expect(await getSession(server, host, session.id)).toEqual(session);
      expect(await getSession(server, guest, session.id)).toEqual(session);
    });

    it('answers a third user with the same 404 as a session that does not exist, whatever the route', async () => {
      const { session } = await aBookedSession(server);
      const stranger = await signUp(server.url);
      const missing = await as(stranger).get(`/api/sessions/${randomUUID()}`).expect(404);
      expect(missing.body).toEqual({
        statusCode: 404,
        error: 'Not Found',
        message: 'No session with this id',
      });

      const attempts = [
        as(stranger).get(`/api/sessions/${session.id}`),
        as(stranger).get('/api/sessions/not-a-uuid'),
        as(stranger).post(`/api/sessions/${session.id}/cancel`, { reason: 'mischief' }),
        as(stranger).post(`/api/sessions/${session.id}/reschedule`, { startsAt: aStart({ daysAhead: 9 }) }),
        as(stranger).post(`/api/sessions/${session.id}/reschedule/respond`, { accept: true }),
        as(stranger).post(`/api/sessions/${session.id}/join`),
        as(stranger).put(`/api/sessions/${session.id}/rounds/1/prompt`, { promptId: 'uber' }),
        as(stranger).put(`/api/sessions/${session.id}/contact-sharing`, { share: true }),
      ];
      for (const response of await Promise.all(attempts)) {
        expect(response.status).toBe(404);
        expect(response.body).toEqual(missing.body);
      }
      expect(await sessionsOf(stranger)).toEqual({ upcoming: [], past: [] });
    });

    it('lists upcoming sessions soonest first and moves cancelled ones to past', async () => {
      const [host, guest] = await signUpMany(server, 2);
      const later = await aBookedSession(server, {
        host,
        guest,
        slot: { startsAt: aStart({ daysAhead: 3 }) },
      });
      const sooner = await aBookedSession(server, {
        host,
        guest,
        slot: { startsAt: aStart({ daysAhead: 2 }) },
      });
      expect((await sessionsOf(guest)).upcoming.map((session) => session.id)).toEqual([
        sooner.session.id,
        later.session.id,
      ]);

      await as(host).post(`/api/sessions/${later.session.id}/cancel`, { reason: 'Conference' }).expect(200);
      const { upcoming, past } = await sessionsOf(guest);
      expect(upcoming.map((session) => session.id)).toEqual([sooner.session.id]);
      expect(past.map((session) => session.id)).toEqual([later.session.id]);
    });
  });

  it("shows partners each other's name, level and reliability, never the email", async () => {
    const [host, guest] = await signUpMany(server, 2);
    await as(host).patch('/api/me', { targetLevel: 'staff' }).expect(200);
    // A session the two completed earlier counts towards both reliabilities.
    const earlier = await aBookedSession(server, {
      host,
      guest,
      slot: { startsAt: aStart({ daysAhead: 5 }) },
    });
    await setSessionTimes(earlier.session.id, minutesFromNow(-200), minutesFromNow(-110), 'completed');
    const booked = await aBookedSession(server, { host, guest });
    expectNoEmails(booked.session, host, guest);

    for (const viewer of [host, guest]) {
      const response = await as(viewer).get(`/api/sessions/${booked.session.id}`).expect(200);
      for (const each of (response.body as Session).participants) {
        expect(Object.keys(each).sort()).toEqual(PARTICIPANT_FIELDS);
        expect(each.email).toBeNull();
      }
      expect(participant(response.body, host)).toMatchObject({
        displayName: host.user.displayName,
        targetLevel: 'staff',
        reliability: { sessionsCompleted: 1, lateCancellations: 0, noShows: 0 },
      });
      expectNoEmails(response.body, host, guest);
      expectNoEmails((await as(viewer).get('/api/sessions').expect(200)).body, host, guest);
    }
  });

  describe('solo practice', () => {
    it('starts now with one participant, one round and the chosen prompt', async () => {
      const user = await signUp(server.url);
      const before = Date.now();
      const response = await as(user).post('/api/sessions/solo', { promptId: 'url-shortener' }).expect(201);
      const session = response.body as Session;
      expect(session).toMatchObject({
        kind: 'solo',
        format: 'single',
        status: 'scheduled',
        durationMinutes: 60,
        participants: [expect.objectContaining({ id: user.user.id })],
        rounds: [
          {
            number: 1,
            interviewerId: user.user.id,
            candidateId: user.user.id,
            promptId: 'url-shortener',
            promptTitle: 'Design a URL shortener',
          },
        ],
      });
      expect(session.participants).toHaveLength(1);
      const startsAt = new Date(session.startsAt).getTime();
      expect(startsAt).toBeLessThanOrEqual(Date.now());
      expect(startsAt).toBeGreaterThan(before - MINUTE);
      expect((await sessionsOf(user)).upcoming.map((each) => each.id)).toEqual([session.id]);
    });

    it('occupies the calendar for its hour and has nobody to reschedule with', async () => {
      const user = await signUp(server.url);
      const session = (await as(user).post('/api/sessions/solo', { promptId: 'uber' }).expect(201))
        .body as Session;
      await as(user)
        .post('/api/slots', { startsAt: aStartIn(10) })
        .expect(409);
      const response = await as(user)
        .post(`/api/sessions/${session.id}/reschedule`, { startsAt: aStart() })
        .expect(409);
      expect(response.body.message).toBe('A solo session has nobody to agree a new time with');
    });

    it('ends a solo practice early without a late cancellation, freeing the hour', async () => {
      const user = await signUp(server.url);
      const session = (await as(user).post('/api/sessions/solo', { promptId: 'uber' }).expect(201))
        .body as Session;
      const ended = await as(user)
        .post(`/api/sessions/${session.id}/cancel`, { reason: 'Done for today' })
        .expect(200);
      expect(ended.body.cancellation).toMatchObject({ cancelledBy: user.user.id, late: false });
      expect(participant(ended.body, user).reliability.lateCancellations).toBe(0);
      await offerSlot(server, user, { startsAt: aStartIn(10) });
    });

    it('refuses a prompt that is not in the library with 400 naming promptId', async () => {
      const user = await signUp(server.url);
      const response = await as(user).post('/api/sessions/solo', { promptId: 'no-such-prompt' }).expect(400);
      expect(response.body.fields).toEqual([
        { field: 'promptId', message: '"no-such-prompt" is not a prompt in the library' },
      ]);
    });
  });

  describe('cancelling', () => {
    it('cancels with a reason, tells the partner, and frees both calendars', async () => {
      const { host, guest, session } = await aBookedSession(server, {
        slot: { startsAt: aStart({ daysAhead: 1, hour: 12 }) },
      });
      const response = await as(guest)
        .post(`/api/sessions/${session.id}/cancel`, { reason: 'Moving house' })
        .expect(200);
      expect(response.body).toMatchObject({
        status: 'cancelled',
        cancellation: { cancelledBy: guest.user.id, reason: 'Moving house', late: false },
      });
      expect((await getSession(server, host, session.id)).status).toBe('cancelled');
      expect((await notificationsOf(host))[0]).toMatchObject({
        type: 'cancelled',
        sessionId: session.id,
        body: expect.stringContaining('Moving house'),
      });
      expect(await notificationsOf(guest)).toEqual([]);

      const again = await offerSlot(server, host, { startsAt: session.startsAt });
      const rebooked = await bookSlot(server, guest, again.id);
      expect(rebooked.startsAt).toBe(session.startsAt);
    });

    it('counts a cancellation less than 2 hours before the start as late, in the canceller’s reliability', async () => {
      const { host, guest, session } = await aBookedSession(server, { slot: { startsAt: aStartIn(20) } });
      const response = await as(host)
        .post(`/api/sessions/${session.id}/cancel`, { reason: 'Sick' })
        .expect(200);
      expect(response.body.cancellation).toMatchObject({ cancelledBy: host.user.id, late: true });
      const seenByGuest = await getSession(server, guest, session.id);
      expect(participant(seenByGuest, host).reliability.lateCancellations).toBe(1);
      expect(participant(seenByGuest, guest).reliability.lateCancellations).toBe(0);
    });

    it('refuses to cancel twice with 409, and a blank reason with 400', async () => {
      const { host, guest, session } = await aBookedSession(server);
      const blank = await as(host).post(`/api/sessions/${session.id}/cancel`, { reason: '   ' }).expect(400);
      expect(blank.body.fields).toEqual([{ field: 'reason', message: 'tell your partner why' }]);
      await as(host).post(`/api/sessions/${session.id}/cancel`, { reason: 'Busy' }).expect(200);
      const twice = await as(guest)
        .post(`/api/sessions/${session.id}/cancel`, { reason: 'Me too' })
        .expect(409);
      expect(twice.body.message).toBe('The session is cancelled and can no longer be cancelled');
      expect((await getSession(server, guest, session.id)).cancellation?.cancelledBy).toBe(host.user.id);
    });

    it('lets exactly one of two partners cancelling at once succeed', async () => {
      const { host, guest, session } = await aBookedSession(server);
      const responses = await Promise.all(
        [host, guest].map((user) => as(user).post(`/api/sessions/${session.id}/cancel`, { reason: 'Clash' })),
      );
      expect(responses.map((response) => response.status).sort()).toEqual([200, 409]);
    });
  });

  describe('rescheduling', () => {
    const propose = (user: SignedUpUser, sessionId: string, startsAt: string) =>
      as(user).post(`/api/sessions/${sessionId}/reschedule`, { startsAt });
    const respond = (user: SignedUpUser, sessionId: string, accept: boolean) =>
      as(user).post(`/api/sessions/${sessionId}/reschedule/respond`, { accept });
    const calendarStarts = async (sessionId: string): Promise<string[]> =>
      (
        (await server.dataSource.query(
          `SELECT lower(period) AS start FROM calendar_entries WHERE session_id = $1`,
          [sessionId],
        )) as { start: Date }[]
      ).map((row) => new Date(row.start).toISOString());

    it('moves the session and both calendars when the partner accepts the proposed time', async () => {
      const { host, guest, session } = await aBookedSession(server, {
        slot: { startsAt: aStart({ daysAhead: 2, hour: 10 }) },
      });
      const newStart = aStart({ daysAhead: 3, hour: 15 });
      const proposed = (await propose(host, session.id, newStart).expect(200)).body as Session;
      expect(proposed.startsAt).toBe(session.startsAt);
      expect(proposed.pendingReschedule).toMatchObject({
        proposedBy: host.user.id,
        startsAt: newStart,
        status: 'pending',
      });
      expect((await notificationsOf(guest))[0]).toMatchObject({
        type: 'reschedule_proposed',
        sessionId: session.id,
      });

      const accepted = (await respond(guest, session.id, true).expect(200)).body as Session;
      expect(accepted).toMatchObject({
        startsAt: newStart,
        endsAt: plusMinutes(newStart, 90),
        pendingReschedule: null,
      });
      expect((await getSession(server, host, session.id)).startsAt).toBe(newStart);
      expect((await notificationsOf(host))[0]).toMatchObject({ type: 'rescheduled', title: 'Session moved' });

      expect(await calendarStarts(session.id)).toEqual([newStart, newStart]);
      for (const user of [host, guest]) {
        await as(user).post('/api/slots', { startsAt: newStart }).expect(409);
        await offerSlot(server, user, { startsAt: session.startsAt });
      }
    });

    it('moves a session to a time overlapping its own old time', async () => {
      const { host, guest, session } = await aBookedSession(server);
      const newStart = plusMinutes(session.startsAt, 30);
      await propose(guest, session.id, newStart).expect(200);
      expect(((await respond(host, session.id, true).expect(200)).body as Session).startsAt).toBe(newStart);
    });

    it('leaves the session as it was when the partner declines', async () => {
      const { host, guest, session } = await aBookedSession(server);
      const newStart = aStart({ daysAhead: 4 });
      await propose(host, session.id, newStart).expect(200);
      const declined = (await respond(guest, session.id, false).expect(200)).body as Session;
      expect(declined).toMatchObject({
        startsAt: session.startsAt,
        endsAt: session.endsAt,
        pendingReschedule: null,
      });
      expect((await notificationsOf(host))[0]).toMatchObject({
        type: 'rescheduled',
        title: 'New time declined',
      });
      expect(await calendarStarts(session.id)).toEqual([session.startsAt, session.startsAt]);
      await respond(guest, session.id, true).expect(409);
    });

    it('lets only the partner answer a proposal, and allows one pending proposal at a time', async () => {
      const { host, guest, session } = await aBookedSession(server);
      await propose(host, session.id, aStart({ daysAhead: 4 })).expect(200);
      const own = await respond(host, session.id, true).expect(403);
      expect(own.body.message).toBe('Your partner answers your proposal, not you');
      const second = await propose(guest, session.id, aStart({ daysAhead: 5 })).expect(409);
      expect(second.body.message).toMatch(/already proposed/);
      expect((await getSession(server, guest, session.id)).pendingReschedule?.proposedBy).toBe(host.user.id);
    });

    it('refuses to move into a time when the partner is busy, changing nothing', async () => {
      const { host, guest, session } = await aBookedSession(server);
      const newStart = aStart({ daysAhead: 6, hour: 9 });
      const busy = await offerSlot(server, guest, { startsAt: plusMinutes(newStart, 60) });
      await propose(host, session.id, newStart).expect(200);

      const refused = await respond(guest, session.id, true).expect(409);
      expect(refused.body.message).toBe(
        'One of you already has a session, open slot or match request at the proposed time',
      );
      const unchanged = await getSession(server, host, session.id);
      expect(unchanged).toMatchObject({ startsAt: session.startsAt, endsAt: session.endsAt });
      expect(unchanged.pendingReschedule).toMatchObject({ startsAt: newStart, status: 'pending' });
      expect(await calendarStarts(session.id)).toEqual([session.startsAt, session.startsAt]);

      // Once the partner frees that time, the same proposal can be accepted.
      await as(guest).delete(`/api/slots/${busy.id}`).expect(204);
      expect(((await respond(guest, session.id, true).expect(200)).body as Session).startsAt).toBe(newStart);
    });

    it('refuses a new time off the quarter hour with 400 naming startsAt, and moving a cancelled session with 409', async () => {
      const { host, session } = await aBookedSession(server);
      const offQuarter = await propose(host, session.id, aStart({ minute: 7 })).expect(400);
      expect(offQuarter.body.fields).toEqual([
        { field: 'startsAt', message: expect.stringMatching(/quarter hour/) },
      ]);
      await as(host).post(`/api/sessions/${session.id}/cancel`, { reason: 'Busy' }).expect(200);
      await propose(host, session.id, aStart({ daysAhead: 4 })).expect(409);
    });

    it('refuses to accept a proposed time that has passed in the meantime', async () => {
      const { host, guest, session } = await aBookedSession(server);
      await propose(host, session.id, aStart({ daysAhead: 4 })).expect(200);
      await server.dataSource.query(
        `UPDATE reschedule_proposals SET starts_at = $2 WHERE session_id = $1 AND status = 'pending'`,
        [session.id, minutesFromNow(-60)],
      );
      const refused = await respond(guest, session.id, true).expect(409);
      expect(refused.body.message).toMatch(/proposed time has passed/);
      expect((await getSession(server, guest, session.id)).startsAt).toBe(session.startsAt);
      // Declining still clears the way for a new proposal.
      await respond(guest, session.id, false).expect(200);
      await propose(guest, session.id, aStart({ daysAhead: 5 })).expect(200);
    });

    it('refuses to accept a new time once the session is no longer scheduled', async () => {
      const { host, guest, session } = await aBookedSession(server);
      await propose(host, session.id, aStart({ daysAhead: 4 })).expect(200);
      await setSessionTimes(session.id, minutesFromNow(-5), minutesFromNow(85), 'live');
      const refused = await respond(guest, session.id, true).expect(409);
      expect(refused.body.message).toBe('The session is live and can no longer be moved');
      expect((await getSession(server, host, session.id)).status).toBe('live');
    });
  });

  describe("choosing a round's prompt", () => {
    const choose = (user: SignedUpUser, sessionId: string, round: number | string, promptId: string) =>
      as(user).put(`/api/sessions/${sessionId}/rounds/${round}/prompt`, { promptId });

    it("lets only the round's interviewer choose its prompt", async () => {
      const { host, guest, session } = await aBookedSession(server);
      const chosen = (await choose(host, session.id, 1, 'chat-app').expect(200)).body as Session;
      expect(chosen.rounds[0]).toMatchObject({ promptId: 'chat-app', promptTitle: expect.any(String) });

      const notTheirs = await choose(guest, session.id, 1, 'youtube').expect(403);
      expect(notTheirs.body.message).toBe("Only this round's interviewer chooses its prompt");
      await choose(host, session.id, 2, 'youtube').expect(403);
      const second = (await choose(guest, session.id, 2, 'youtube').expect(200)).body as Session;
      expect(second.rounds.map((round) => round.promptId)).toEqual(['chat-app', 'youtube']);

      expect((await choose(host, session.id, 3, 'uber').expect(404)).body.message).toBe(
        'This session has no round 3',
      );
      await choose(host, session.id, 'first', 'uber').expect(400);
      const unknown = await choose(host, session.id, 1, 'no-such-prompt').expect(400);
      expect(unknown.body.fields[0].field).toBe('promptId');
    });

    it('refuses a prompt the candidate was already asked in an earlier session with 409', async () => {
      const [candidate, firstInterviewer, secondInterviewer] = await signUpMany(server, 3);
      const earlier = await aBookedSession(server, {
        host: firstInterviewer,
        guest: candidate,
        slot: { format: 'single', startsAt: aStart({ daysAhead: 1 }) },
      });
      await choose(firstInterviewer, earlier.session.id, 1, 'url-shortener').expect(200);

      const later = await aBookedSession(server, {
        host: secondInterviewer,
        guest: candidate,
        slot: { format: 'single', startsAt: aStart({ daysAhead: 2 }), promptId: 'url-shortener' },
      });
      // The slot asked for it, but the booker had already been asked it: left for the interviewer.
      expect(later.session.rounds[0]!.promptId).toBeNull();
      const refused = await choose(secondInterviewer, later.session.id, 1, 'url-shortener').expect(409);
      expect(refused.body.message).toMatch(/already been asked this prompt/);

      // A cancelled session asked nothing.
      await as(candidate).post(`/api/sessions/${earlier.session.id}/cancel`, { reason: 'Clash' }).expect(200);
      await choose(secondInterviewer, later.session.id, 1, 'url-shortener').expect(200);
      // …and its own prompts are settled for good.
      const settled = await choose(firstInterviewer, earlier.session.id, 1, 'uber').expect(409);
      expect(settled.body.message).toBe('The session is cancelled; its prompts can no longer change');
    });

    it('never picks a "surprise" prompt the candidate was asked before', async () => {
      const [candidate, interviewer] = await signUpMany(server, 2);
      const library = ((await as(candidate).get('/api/prompts').expect(200)).body as PromptListResponse)
        .prompts;
      const [spared, ...asked] = library.map((prompt) => prompt.id);
      const singleSession = async (daysAhead: number) =>
        (
          await aBookedSession(server, {
            host: interviewer,
            guest: candidate,
            slot: { format: 'single', startsAt: aStart({ daysAhead }) },
          })
        ).session;
      for (const [i, promptId] of asked.entries()) {
        await choose(interviewer, (await singleSession(i + 1)).id, 1, promptId).expect(200);
      }

      const session = await singleSession(asked.length + 1);
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const surprise = (await choose(interviewer, session.id, 1, 'surprise').expect(200)).body as Session;
        expect(surprise.rounds[0]!.promptId).toBe(spared);
      }
      const exhausted = await choose(
        interviewer,
        (await singleSession(asked.length + 2)).id,
        1,
        'surprise',
      ).expect(409);
      expect(exhausted.body.message).toBe(
        'Your candidate has already been asked every prompt in the library',
      );
    });
  });

  describe('sharing contact details', () => {
    const share = (user: SignedUpUser, sessionId: string, shares: boolean) =>
      as(user).put(`/api/sessions/${sessionId}/contact-sharing`, { share: shares });
    const emails = (session: Session) => session.participants.map((each) => each.email);

    it('shows emails only once both partners opted in after the session', async () => {
      const { host, guest, session } = await aBookedSession(server);
      const early = await share(host, session.id, true).expect(409);
      expect(early.body.message).toBe('Contact details can be shared once the session is over');

      await setSessionTimes(session.id, minutesFromNow(-200), minutesFromNow(-110), 'completed');
      const oneSide = (await share(host, session.id, true).expect(200)).body as Session;
      expect(participant(oneSide, host).sharesContact).toBe(true);
      expect(emails(oneSide)).toEqual([null, null]);
      expect(emails(await getSession(server, guest, session.id))).toEqual([null, null]);

      const bothSides = (await share(guest, session.id, true).expect(200)).body as Session;
      expect(participant(bothSides, host).email).toBe(host.user.email);
      expect(participant(bothSides, guest).email).toBe(guest.user.email);
      expect(participant(await getSession(server, host, session.id), guest).email).toBe(guest.user.email);

      const optedOut = (await share(guest, session.id, false).expect(200)).body as Session;
      expect(emails(optedOut)).toEqual([null, null]);
    });
  });

  describe('joining the room', () => {
    const join = (user: SignedUpUser, sessionId: string) => as(user).post(`/api/sessions/${sessionId}/join`);

    it('refuses to open the room earlier than 30 minutes before the start, naming when it opens', async () => {
      const { host, session } = await aBookedSession(server);
      const response = await join(host, session.id).expect(409);
      expect(response.body.message).toBe(
        `The room opens at ${plusMinutes(session.startsAt, -30)}, 30 minutes before the start`,
      );
      expect(participant(await getSession(server, host, session.id), host).joinedAt).toBeNull();
    });

    it('records who joined inside the window, goes live at the start, and closes after the end', async () => {
      const { host, guest, session } = await aBookedSession(server);
      await setSessionTimes(session.id, minutesFromNow(10), minutesFromNow(100));
      const early = (await join(host, session.id).expect(200)).body as Session;
      expect(early.status).toBe('scheduled');
      const hostJoinedAt = participant(early, host).joinedAt;
      expect(hostJoinedAt).not.toBeNull();
      expect(participant(early, guest).joinedAt).toBeNull();

      await setSessionTimes(session.id, minutesFromNow(-5), minutesFromNow(85));
      const started = (await join(guest, session.id).expect(200)).body as Session;
      expect(started.status).toBe('live');
      expect(participant(started, guest).joinedAt).not.toBeNull();
      expect(participant((await join(host, session.id).expect(200)).body, host).joinedAt).toBe(hostJoinedAt);

      await setSessionTimes(session.id, minutesFromNow(-300), minutesFromNow(-210), 'live');
      expect((await join(host, session.id).expect(409)).body.message).toBe('The room has closed');
    });

    it('keeps the room of a cancelled session shut', async () => {
      const { host, guest, session } = await aBookedSession(server);
      await as(host).post(`/api/sessions/${session.id}/cancel`, { reason: 'Busy' }).expect(200);
      expect((await join(guest, session.id).expect(409)).body.message).toBe('The session is cancelled');
    });
  });
});
