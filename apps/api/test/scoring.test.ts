import {
  AdminCalibrationResponseSchema,
  RoundFeedbackSchema,
  ScorecardHistoryResponseSchema,
  ScorecardSchema,
  type Scorecard,
  type Session,
} from '@mockboard/contracts';
import request from 'supertest';
import { signUp, type SignedUpUser } from './support/factories';
import { call, connect } from './support/room-client';
import { asUser, sqlStateOf } from './support/scheduling-factories';
import {
  aPastSession,
  aScorecard,
  aSelfAssessment,
  endSessionHoursAgo,
  putScorecard,
  rate,
  scorecardPath,
  type PastSession,
} from './support/scoring-factories';
import { startTestApp, type TestApp } from './support/test-app';
import { RoundsNeverReached1766800000000 } from '../src/database/migrations/1766800000000-rounds-never-reached';
import { SchedulingSweeper } from '../src/scheduling/scheduling-sweeper.service';

const ADMIN_EMAIL = 'scoring-admin@example.test';

describe('scorecards', () => {
  let server: TestApp;
  let admin: SignedUpUser;
  beforeAll(async () => {
    server = await startTestApp({ ADMIN_EMAILS: ADMIN_EMAIL });
    admin = await signUp(server.url, { email: ADMIN_EMAIL });
  });
  afterAll(() => server.close());

  const as = (user: SignedUpUser) => asUser(server, user);
  const feedbackOf = async (user: SignedUpUser, sessionId: string, round: number) =>
    RoundFeedbackSchema.parse((await as(user).get(scorecardPath(sessionId, round)).expect(200)).body);

  /**
   * A practise-now session both joined, ended from the room in round 1 by the host (whoever waited
   * interviews first), after `beforeEnd` ran while it was live.
   */
  function anInterviewEndedFromTheRoom(
    format: 'single' | 'swap',
    beforeEnd?: (host: SignedUpUser, sessionId: string) => Promise<void>,
  ) {
    return anInterviewInRoundOne(format, 'from the room', beforeEnd);
  }

  /** As above, but ended by `ending`: the host's End in the room, or its time running out. */
  async function anInterviewInRoundOne(
    format: 'single' | 'swap',
    ending: 'from the room' | 'by the clock',
    beforeEnd?: (host: SignedUpUser, sessionId: string) => Promise<void>,
  ) {
    const [host, guest] = [await signUp(server.url), await signUp(server.url)];
    const now = { startsAt: 'now', format };
    await as(host).post('/api/match-requests').send(now).expect(201);
    const paired = await as(guest).post('/api/match-requests').send(now).expect(201);
    const id = (paired.body as { sessionId: string }).sessionId;
    const sockets = [await connect(server.url, host), await connect(server.url, guest)];
    try {
      for (const socket of sockets)
        expect(await call(socket, 'session:join', { sessionId: id })).toMatchObject({ ok: true });
      await beforeEnd?.(host, id);
      if (ending === 'from the room')
        expect(await call(sockets[0]!, 'session:end', { sessionId: id })).toMatchObject({ ok: true });
    } finally {
      sockets.forEach((socket) => socket.disconnect());
    }
    // Its booked time over, the sweeper closes the session the room never ended.
    if (ending === 'by the clock') await endedByTheClock(id);
    return { id, host, guest };
  }

  /** Moves the session's booked time into the past and lets the sweeper close it. */
  async function endedByTheClock(sessionId: string) {
    await endSessionHoursAgo(server, sessionId, 1);
    await server.app.get(SchedulingSweeper).sweep(new Date());
  }

  describe('writing', () => {
    let session: PastSession;
    beforeEach(async () => {
      session = await aPastSession(server);
    });

    it('computes the weighted score on the server from the rubric weights', async () => {
      // 15·4 + 10·2 + 15·3 + 20·3 + 20·2 + 10·3 + 10·4 = 60 + 20 + 45 + 60 + 40 + 30 + 40 = 295 → 2.95
      const levels = { requirements: 4, estimation: 2, 'deep-dive': 2, communication: 4 } as const;
      const saved = ScorecardSchema.parse(
        (await putScorecard(server, session.host, session.id, 1, aScorecard(levels, { submit: false }))).body,
      );
      expect(saved).toMatchObject({
        kind: 'interviewer',
        authorId: session.host.user.id,
        subjectId: session.guest.user.id,
        weightedScore: 2.95,
        status: 'draft',
        submittedAt: null,
        revealedAt: null,
      });
      expect(saved.dimensions.map((dimension) => dimension.dimensionId)).toEqual([
        'requirements',
        'estimation',
        'api-and-data-model',
        'high-level-design',
        'deep-dive',
        'tradeoffs',
        'communication',
      ]);
    });

    it('scores a partial draft over the dimensions scored so far, and never takes a score from the client', async () => {
      // Only requirements (15) at 4 and deep-dive (20) at 2: (60 + 40) / 35 = 2.857… → 2.86
      const draft = aScorecard({}, { submit: false, recommendation: null, performedAtLevel: null });
      draft.dimensions = [
        { dimensionId: 'deep-dive', level: 2, evidence: '' },
        { dimensionId: 'requirements', level: 4, evidence: '' },
      ];
      const saved = (await putScorecard(server, session.host, session.id, 1, draft)).body as Scorecard;
      expect(saved.weightedScore).toBe(2.86);
      expect(saved.dimensions.find((d) => d.dimensionId === 'estimation')).toEqual({
        dimensionId: 'estimation',
        level: null,
        evidence: '',
      });
      const forged = await putScorecard(
        server,
        session.host,
        session.id,
        1,
        { ...draft, weightedScore: 4 } as typeof draft,
        400,
      );
      expect(forged.body.fields).toEqual([{ field: 'weightedScore', message: 'is not an accepted field' }]);
    });

    it('refuses to submit an incomplete scorecard and names every missing field', async () => {
      const incomplete = aScorecard({ estimation: null }, { recommendation: null, performedAtLevel: null });
      incomplete.dimensions = incomplete.dimensions.filter((d) => d.dimensionId !== 'tradeoffs');
      const response = await putScorecard(server, session.host, session.id, 1, incomplete, 400);
      expect(response.body.fields.map((field: { field: string }) => field.field)).toEqual([
        'dimensions.1.level',
        'dimensions',
        'recommendation',
        'performedAtLevel',
      ]);
      expect(response.body.message).toContain('missing tradeoffs');
      // Nothing was stored.
      expect((await feedbackOf(session.host, session.id, 1)).interviewer).toBeNull();
    });

    it("names dimension ids that are not the rubric's and recommendations it does not offer", async () => {
      const body = aScorecard({}, { recommendation: 'maybe' });
      body.dimensions[3] = { dimensionId: 'charisma', level: 4, evidence: '' };
      const response = await putScorecard(server, session.host, session.id, 1, body, 400);
      expect(response.body.fields.map((field: { field: string }) => field.field)).toEqual([
        'dimensions.3.dimensionId',
        'recommendation',
      ]);
    });

    it("lets only the round's interviewer write its scorecard and only its candidate the self-assessment", async () => {
      await putScorecard(server, session.guest, session.id, 1, aScorecard(), 403);
      await putScorecard(server, session.host, session.id, 1, aSelfAssessment(), 403);
      await putScorecard(server, admin, session.id, 1, aScorecard(), 403);
      await putScorecard(server, session.host, session.id, 3, aScorecard(), 404);
      const self = (await putScorecard(server, session.guest, session.id, 1, aSelfAssessment()))
        .body as Scorecard;
      expect(self).toMatchObject({
        kind: 'self',
        authorId: session.guest.user.id,
        subjectId: session.guest.user.id,
      });
    });

    it('keeps a submitted scorecard submitted and editable until it is revealed', async () => {
      await putScorecard(server, session.host, session.id, 1, aScorecard());
      const edited = (
        await putScorecard(
          server,
          session.host,
          session.id,
          1,
          aScorecard({ requirements: 4 }, { submit: false }),
        )
      ).body as Scorecard;
      expect(edited.status).toBe('submitted');
      expect(edited.dimensions[0]!.level).toBe(4);
      await putScorecard(
        server,
        session.host,
        session.id,
        1,
        aScorecard({ requirements: null }, { submit: false }),
        400,
      );
    });

    it('refuses feedback on a session that was cancelled or has not started', async () => {
      const cancelled = await aPastSession(server, { status: 'cancelled' });
      expect(
        (await putScorecard(server, cancelled.host, cancelled.id, 1, aScorecard(), 409)).body.message,
      ).toContain('cancelled');
      const future = await aPastSession(server, { startedHoursAgo: -5, status: 'scheduled' });
      expect(
        (await putScorecard(server, future.host, future.id, 1, aScorecard(), 409)).body.message,
      ).toContain('Feedback opens when the session starts');
    });

    it('takes feedback at once when the interview was ended early in the room', async () => {
      const endedEarly = await aPastSession(server, { startedHoursAgo: -0.25, status: 'scoring' });
      await putScorecard(server, endedEarly.host, endedEarly.id, 1, aScorecard({}, { submit: false }));
    });
  });

  describe('the reveal rule', () => {
    it('hides the feedback about you until you submit yours about your partner (swap)', async () => {
      const { id, host, guest } = await aPastSession(server);
      await putScorecard(server, host, id, 1, aScorecard());

      const beforeGuest = await feedbackOf(guest, id, 1);
      expect(beforeGuest.interviewer).toBeNull();
      const [session] = (await server.dataSource.query(`SELECT ends_at FROM sessions WHERE id = $1`, [
        id,
      ])) as {
        ends_at: Date;
      }[];
      expect(beforeGuest.hiddenUntil).toBe(
        new Date(session!.ends_at.getTime() + 24 * 3_600_000).toISOString(),
      );
      // A draft of the guest's own is not enough.
      await putScorecard(server, guest, id, 2, aScorecard({}, { submit: false }));
      expect((await feedbackOf(guest, id, 1)).interviewer).toBeNull();

      await putScorecard(server, guest, id, 2, aScorecard());
      const afterGuest = await feedbackOf(guest, id, 1);
      expect(afterGuest.interviewer).toMatchObject({ authorId: host.user.id, status: 'submitted' });
      expect(afterGuest.interviewer!.revealedAt).not.toBeNull();
      expect(afterGuest.hiddenUntil).toBeNull();
      // …and the host, who submitted first, now sees the guest's feedback too.
      expect((await feedbackOf(host, id, 2)).interviewer).toMatchObject({ authorId: guest.user.id });
    });

    it("reveals a single session's scorecard once the candidate has rated the interviewer", async () => {
      const { id, host, guest } = await aPastSession(server, {
        format: 'single',
        prompts: ['url-shortener'],
      });
      await putScorecard(server, host, id, 1, aScorecard());
      expect((await feedbackOf(guest, id, 1)).interviewer).toBeNull();
      await rate(server, guest, id);
      expect((await feedbackOf(guest, id, 1)).interviewer?.revealedAt).not.toBeNull();
    });

    it('in a swap ended in round 1, waits for no round 2: the candidate’s rating reveals round 1', async () => {
      const { id, host, guest } = await anInterviewEndedFromTheRoom('swap');
      // Round 2 is marked skipped; round 1 reads as rounds always have (no `skipped` at all).
      const session = (await as(guest).get(`/api/sessions/${id}`).expect(200)).body as Session;
      expect(session.rounds.map((round) => [round.number, round.skipped])).toEqual([
        [1, undefined],
        [2, true],
      ]);

      // The host ended it, so the host interviewed round 1: its scorecard is all the session waits for.
      await putScorecard(server, host, id, 1, aScorecard());
      expect(((await as(guest).get(`/api/sessions/${id}`).expect(200)).body as Session).status).toBe(
        'completed',
      );
      // Hidden until its candidate gives feedback: with no round to interview in, their rating.
      expect((await feedbackOf(guest, id, 1)).interviewer).toBeNull();
      await rate(server, guest, id, 1);
      expect((await feedbackOf(guest, id, 1)).interviewer?.revealedAt).not.toBeNull();
    });

    it('in a swap whose time ran out in round 1, marks round 2 skipped: nobody is asked to score it', async () => {
      const { id, guest } = await anInterviewInRoundOne('swap', 'by the clock');
      const session = (await as(guest).get(`/api/sessions/${id}`).expect(200)).body as Session;
      expect(session.status).toBe('completed');
      expect(session.rounds.map((round) => [round.number, round.skipped])).toEqual([
        [1, undefined],
        [2, true],
      ]);
      // A session both checked in to but whose room was never opened keeps both rounds.
      const unopened = await aPastSession(server, { status: 'live' });
      await server.dataSource.query(
        `UPDATE session_participants SET joined_at = now() WHERE session_id = $1`,
        [unopened.id],
      );
      await endedByTheClock(unopened.id);
      const untouched = (await as(unopened.guest).get(`/api/sessions/${unopened.id}`).expect(200))
        .body as Session;
      expect(untouched.status).toBe('completed');
      expect(untouched.rounds.map((round) => round.skipped)).toEqual([undefined, undefined]);
    });

    it('marks, once, the rounds that sessions ended before the marks never reached', async () => {
      // Two swaps ended in round 1, as they were stored before: no marks.
      const [untold, scored] = [
        await anInterviewInRoundOne('swap', 'by the clock'),
        await anInterviewEndedFromTheRoom('swap'),
      ];
      await server.dataSource.query(`UPDATE session_rounds SET skipped = false WHERE session_id = ANY($1)`, [
        [untold.id, scored.id],
      ]);
      // The second's pair held round 2 anyway, as far as they are concerned: its feedback is in.
      await putScorecard(server, scored.guest, scored.id, 2, aScorecard());

      const runner = server.dataSource.createQueryRunner();
      try {
        await new RoundsNeverReached1766800000000().up(runner);
      } finally {
        await runner.release();
      }
      const marks = async (sessionId: string) =>
        (
          (await server.dataSource.query(
            `SELECT skipped FROM session_rounds WHERE session_id = $1 ORDER BY number`,
            [sessionId],
          )) as { skipped: boolean }[]
        ).map((row) => row.skipped);
      expect(await marks(untold.id)).toEqual([false, true]);
      expect(await marks(scored.id)).toEqual([false, false]);
    });

    it('completes a session at its end when its feedback was all written during the interview', async () => {
      const { id, guest } = await anInterviewEndedFromTheRoom('single', async (host, sessionId) => {
        await putScorecard(server, host, sessionId, 1, aScorecard());
        expect(((await as(host).get(`/api/sessions/${sessionId}`).expect(200)).body as Session).status).toBe(
          'live',
        );
      });
      expect(((await as(guest).get(`/api/sessions/${id}`).expect(200)).body as Session).status).toBe(
        'completed',
      );
    });

    it('never reveals a draft, and reveals submitted feedback to both 24 hours after the session ends', async () => {
      const { id, host, guest } = await aPastSession(server);
      await putScorecard(server, host, id, 1, aScorecard());
      await putScorecard(server, guest, id, 2, aScorecard({}, { submit: false }));
      expect((await feedbackOf(guest, id, 1)).interviewer).toBeNull();

      await endSessionHoursAgo(server, id, 25);
      expect((await feedbackOf(guest, id, 1)).interviewer?.revealedAt).not.toBeNull();
      expect((await feedbackOf(host, id, 2)).interviewer).toBeNull(); // still a draft
    });
  });

  describe('integrity', () => {
    let revealed: PastSession;
    beforeEach(async () => {
      revealed = await aPastSession(server);
      await putScorecard(server, revealed.guest, revealed.id, 1, aSelfAssessment());
      await putScorecard(server, revealed.host, revealed.id, 1, aScorecard());
      await putScorecard(server, revealed.guest, revealed.id, 2, aScorecard());
    });

    it('freezes a scorecard once it is revealed (409) and closes the self-assessment with it', async () => {
      const edit = await putScorecard(
        server,
        revealed.host,
        revealed.id,
        1,
        aScorecard({ requirements: 1 }),
        409,
      );
      expect(edit.body.message).toMatch(/revealed to the candidate at .* can no longer be changed/);
      const self = await putScorecard(
        server,
        revealed.guest,
        revealed.id,
        1,
        aSelfAssessment({ requirements: 4 }),
        409,
      );
      expect(self.body.message).toContain('self-assessment closed');
      await rate(server, revealed.guest, revealed.id, 1, 409);
    });

    it('has the database itself refuse to change a revealed scorecard', async () => {
      const attempt = server.dataSource.query(
        `UPDATE scorecards SET strengths = 'rewritten' WHERE session_id = $1 AND round = 1 AND kind = 'interviewer'`,
        [revealed.id],
      );
      await expect(attempt).rejects.toThrow(/revealed and is immutable/);
      expect(sqlStateOf(await attempt.catch((error: unknown) => error))).toBe('55000');
    });

    it('keeps every save as a revision, in order, with who and a full snapshot', async () => {
      const { id, host, guest } = await aPastSession(server);
      await putScorecard(server, host, id, 1, aScorecard({ requirements: 1 }, { submit: false }));
      await putScorecard(server, host, id, 1, aScorecard({ requirements: 2 }, { submit: false }));
      await putScorecard(server, host, id, 1, aScorecard({ requirements: 3 }));
      const history = ScorecardHistoryResponseSchema.parse(
        (
          await as(host)
            .get(`${scorecardPath(id, 1)}/history?kind=interviewer`)
            .expect(200)
        ).body,
      );
      expect(history.revisions.map((revision) => revision.revision)).toEqual([1, 2, 3]);
      expect(history.revisions.every((revision) => revision.editedBy === host.user.id)).toBe(true);
      expect(history.revisions.map((revision) => revision.snapshot.dimensions[0]!.level)).toEqual([1, 2, 3]);
      expect(history.revisions.map((revision) => revision.snapshot.status)).toEqual([
        'draft',
        'draft',
        'submitted',
      ]);
      const times = history.revisions.map((revision) => Date.parse(revision.editedAt));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(history.revisions[2]!.snapshot).toMatchObject({ sessionId: id, round: 1, kind: 'interviewer' });

      await as(guest)
        .get(`${scorecardPath(id, 1)}/history?kind=interviewer`)
        .expect(403);
      const asAdmin = ScorecardHistoryResponseSchema.parse(
        (
          await as(admin)
            .get(`${scorecardPath(id, 1)}/history?kind=interviewer`)
            .expect(200)
        ).body,
      );
      expect(asAdmin.revisions).toHaveLength(3);
      await as(host)
        .get(`${scorecardPath(id, 1)}/history?kind=sideways`)
        .expect(400);
    });

    it("keeps the candidate's rating from the interviewer, and shows it to admins", async () => {
      const { id, host, guest } = await aPastSession(server, {
        format: 'single',
        prompts: ['url-shortener'],
      });
      await rate(server, host, id, 1, 403);
      await rate(server, guest, id);
      expect((await feedbackOf(host, id, 1)).rating).toBeNull();
      expect((await feedbackOf(guest, id, 1)).rating).toMatchObject({ clarity: 4, helpfulness: 5 });
      expect((await feedbackOf(admin, id, 1)).rating).toMatchObject({ clarity: 4, helpfulness: 5 });
      await as(guest).put(`/api/sessions/${id}/rounds/1/rating`, { clarity: 6, helpfulness: 0 }).expect(400);
    });

    it('completes a session ended from the room once every round has its submitted scorecard', async () => {
      const { id, host, guest } = await aPastSession(server, { status: 'scoring' });
      await putScorecard(server, host, id, 1, aScorecard());
      expect((await as(host).get(`/api/sessions/${id}`).expect(200)).body.status).toBe('scoring');
      await putScorecard(server, guest, id, 2, aScorecard());
      expect((await as(host).get(`/api/sessions/${id}`).expect(200)).body.status).toBe('completed');
    });
  });

  describe('authorization', () => {
    it('tells a third user nothing: 404 on every scoring and portfolio route of the session', async () => {
      const { id, host, guest } = await aPastSession(server);
      await putScorecard(server, host, id, 1, aScorecard());
      await putScorecard(server, guest, id, 2, aScorecard());
      await as(host).post(`/api/sessions/${id}/share`).expect(200);
      const stranger = as(await signUp(server.url));
      const responses = await Promise.all([
        stranger.get(scorecardPath(id, 1)),
        stranger.put(scorecardPath(id, 1), aScorecard()),
        stranger.get(`${scorecardPath(id, 1)}/history?kind=interviewer`),
        stranger.put(`/api/sessions/${id}/rounds/1/rating`, { clarity: 1, helpfulness: 1 }),
        stranger.get(`/api/sessions/${id}/whiteboard.svg`),
        stranger.get(`/api/sessions/${id}/case-study.md`),
        stranger.post(`/api/sessions/${id}/share`),
        stranger.delete(`/api/sessions/${id}/share`),
      ]);
      for (const response of responses) {
        expect(response.status).toBe(404);
        expect(response.headers['content-type']).toMatch(/^application\/json/);
        expect(response.body.message).toBe('No session with this id');
      }
    });

    it('asks for sign-in first', async () => {
      const { id } = await aPastSession(server);
      await request(server.url).get(scorecardPath(id, 1)).expect(401);
      await request(server.url).get('/api/me/progress').expect(401);
    });

    it("gives the round's interviewer their own notes from the room, and nobody else anyone's", async () => {
      const { id, host, guest } = await aPastSession(server);
      const keep = (author: SignedUpUser, round: number, text: string) =>
        server.dataSource.query(
          `INSERT INTO interviewer_notes (session_id, round, author_id, text) VALUES ($1, $2, $3, $4)`,
          [id, round, author.user.id, text],
        );
      await keep(host, 1, 'Round 1: strong on the API.');
      await keep(guest, 2, 'Round 2: missed the cache.');
      // A row by someone else for the same round (left from an earlier interviewer) stays theirs.
      await keep(guest, 1, "Guest's own aside on round 1.");
      expect((await feedbackOf(host, id, 1)).myNotes).toBe('Round 1: strong on the API.');
      expect((await feedbackOf(guest, id, 2)).myNotes).toBe('Round 2: missed the cache.');
      // The candidate of each round, and an admin, get none: the notes are about them, or not theirs.
      expect((await feedbackOf(guest, id, 1)).myNotes).toBeNull();
      expect((await feedbackOf(host, id, 2)).myNotes).toBeNull();
      expect((await feedbackOf(admin, id, 1)).myNotes).toBeNull();
    });

    it('lets an admin read every scorecard of a round, hidden or not', async () => {
      const { id, host, guest } = await aPastSession(server);
      await putScorecard(server, host, id, 1, aScorecard());
      await putScorecard(server, guest, id, 1, aSelfAssessment());
      const view = await feedbackOf(admin, id, 1);
      expect(view.interviewer?.revealedAt).toBeNull();
      expect(view.self).not.toBeNull();
      expect((await feedbackOf(host, id, 1)).self).toBeNull(); // the candidate's self-assessment is theirs
    });
  });

  describe('admin calibration', () => {
    it('averages submitted interviewer scorecards per prompt and per dimension', async () => {
      const first = await aPastSession(server, { prompts: ['raft-kv-store', 'news-feed'] });
      // raft-kv-store: one scorecard all 2s (score 2) and one all 4s but deep-dive 1.
      await putScorecard(server, first.host, first.id, 1, aScorecard({}, {}, 2));
      const second = await aPastSession(server, { format: 'single', prompts: ['raft-kv-store'] });
      await putScorecard(server, second.host, second.id, 1, aScorecard({ 'deep-dive': 1 }, {}, 4));
      await rate(server, second.guest, second.id);
      // Drafts do not count.
      const third = await aPastSession(server, { prompts: ['raft-kv-store'] });
      await putScorecard(server, third.host, third.id, 1, aScorecard({}, { submit: false }, 1));

      const member = await signUp(server.url);
      await as(member).get('/api/admin/calibration').expect(403);
      const { prompts } = AdminCalibrationResponseSchema.parse(
        (await as(admin).get('/api/admin/calibration').expect(200)).body,
      );
      const raft = prompts.find((prompt) => prompt.promptId === 'raft-kv-store')!;
      // Second card: (100 − 20)·4 + 20·1 = 340 → 3.4; average of 2 and 3.4 = 2.7.
      expect(raft).toMatchObject({ sessions: 2, averageScore: 2.7 });
      expect(raft.dimensions.find((d) => d.dimensionId === 'deep-dive')).toEqual({
        dimensionId: 'deep-dive',
        scored: 2,
        average: 1.5,
      });
      expect(raft.dimensions.find((d) => d.dimensionId === 'requirements')).toEqual({
        dimensionId: 'requirements',
        scored: 2,
        average: 3,
      });
      expect(raft.interviewerRatings).toEqual({ rated: 1, clarity: 4, helpfulness: 5 });
      expect(JSON.stringify(raft)).not.toContain(second.host.user.id);
      expect(prompts.find((prompt) => prompt.promptId === 'news-feed')).toMatchObject({
        sessions: 0,
        averageScore: null,
      });
    });
  });
});
