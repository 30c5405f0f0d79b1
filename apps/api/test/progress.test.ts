import { ProgressResponseSchema, type ProgressResponse, type PromptListResponse } from '@mockboard/contracts';
import { signUp, type SignedUpUser } from './support/factories';
import { asUser } from './support/scheduling-factories';
import {
  DAY,
  HOUR,
  aPastSession,
  aScorecard,
  aSelfAssessment,
  putScorecard,
  rate,
} from './support/scoring-factories';
import { startTestApp, type TestApp } from './support/test-app';

const DAYS = DAY / HOUR;

describe('progress', () => {
  let server: TestApp;
  let me: SignedUpUser;
  let partner: SignedUpUser;
  beforeAll(async () => {
    server = await startTestApp();
  });
  beforeEach(async () => {
    me = await signUp(server.url);
    partner = await signUp(server.url);
  });
  afterAll(() => server.close());

  const progressOf = async (user: SignedUpUser) =>
    ProgressResponseSchema.parse((await asUser(server, user).get('/api/me/progress').expect(200)).body);
  const dimension = (progress: ProgressResponse, id: string) =>
    progress.dimensions.find((entry) => entry.dimensionId === id)!;

  /**
   * A single session days ago in which the partner interviewed me and submitted `levels`; it ended
   * more than 24 hours ago, so the feedback is revealed to me.
   */
  const interviewedDaysAgo = async (
    days: number,
    levels: Parameters<typeof aScorecard>[0],
    prompt = 'url-shortener',
  ) => {
    const session = await aPastSession(server, {
      host: partner,
      guest: me,
      format: 'single',
      prompts: [prompt],
      startedHoursAgo: days * DAYS,
    });
    await putScorecard(server, partner, session.id, 1, aScorecard(levels));
    return session;
  };

  it("draws each dimension's trend from revealed feedback about me, oldest first", async () => {
    const newest = await interviewedDaysAgo(3, { requirements: 3 });
    const oldest = await interviewedDaysAgo(30, { requirements: 1 });
    const middle = await interviewedDaysAgo(10, { requirements: 2 });
    // Still hidden: it ends within the hour, and I have not rated my interviewer yet.
    await interviewedDaysAgo(0.1, { requirements: 4 });

    const requirements = dimension(await progressOf(me), 'requirements');
    expect(requirements.title).toBe('Requirements and scope');
    expect(requirements.points.map((point) => [point.sessionId, point.level])).toEqual([
      [oldest.id, 1],
      [middle.id, 2],
      [newest.id, 3],
    ]);
    const times = requirements.points.map((point) => Date.parse(point.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(requirements.partnerAverage).toBe(2);
    // My partner's progress is not made of the feedback they wrote.
    expect(dimension(await progressOf(partner), 'requirements').points).toEqual([]);
  });

  it("compares my self-assessments with my partners' scores: averages and the calibration gap", async () => {
    for (const [theirs, mine] of [
      [
        { requirements: 2, communication: 4 },
        { requirements: 4, communication: 3 },
      ],
      [
        { requirements: 3, communication: 4 },
        { requirements: 4, communication: 2 },
      ],
    ] as const) {
      const session = await aPastSession(server, {
        host: partner,
        guest: me,
        format: 'single',
        startedHoursAgo: 5 * DAYS,
      });
      // A self-assessment is written blind, before the partner's scores show.
      await putScorecard(server, me, session.id, 1, aSelfAssessment(mine));
      await putScorecard(server, partner, session.id, 1, aScorecard(theirs));
    }
    // An unsubmitted self-assessment does not count.
    const draft = await aPastSession(server, {
      host: partner,
      guest: me,
      format: 'single',
      startedHoursAgo: 4 * DAYS,
    });
    await putScorecard(server, me, draft.id, 1, { ...aSelfAssessment({ requirements: 1 }), submit: false });

    const progress = await progressOf(me);
    expect(dimension(progress, 'requirements')).toMatchObject({
      partnerAverage: 2.5,
      selfAverage: 4,
      calibrationGap: 1.5,
    });
    expect(dimension(progress, 'communication')).toMatchObject({
      partnerAverage: 4,
      selfAverage: 2.5,
      calibrationGap: -1.5,
    });
  });

  it('names my strongest and weakest dimensions by partner average, ties settled in rubric order', async () => {
    await interviewedDaysAgo(4, {
      requirements: 4,
      'high-level-design': 4,
      communication: 4,
      'api-and-data-model': 3,
      estimation: 2,
      'deep-dive': 2,
      tradeoffs: 2,
    });
    const progress = await progressOf(me);
    // Every dimension was scored in one round, so equal averages go to the first in the rubric:
    // 4s: requirements, high-level-design, (communication); 2s: estimation, deep-dive, (tradeoffs).
    expect(progress.strongest).toEqual(['requirements', 'high-level-design']);
    expect(progress.weakest).toEqual(['estimation', 'deep-dive']);
  });

  it('lists the prompts I answered as the candidate in sessions that took place, and the rest', async () => {
    // Candidate on url-shortener (round 1 of a swap I booked), interviewer on news-feed (round 2).
    await aPastSession(server, { host: partner, guest: me, prompts: ['url-shortener', 'news-feed'] });
    await aPastSession(server, {
      host: partner,
      guest: me,
      prompts: ['chat-app', null],
      status: 'cancelled',
    });
    await aPastSession(server, {
      host: partner,
      guest: me,
      prompts: ['whatsapp', null],
      status: 'scheduled',
      startedHoursAgo: -48,
    });

    const progress = await progressOf(me);
    const library = (await asUser(server, me).get('/api/prompts').expect(200)).body as PromptListResponse;
    expect(progress.promptsDone).toEqual([{ id: 'url-shortener', title: 'Design a URL shortener' }]);
    expect(progress.promptsNotDone.map((prompt) => prompt.id)).toEqual(
      library.prompts.map((prompt) => prompt.id).filter((id) => id !== 'url-shortener'),
    );
  });

  it('counts the streak of consecutive ISO weeks with a completed session', async () => {
    // This week (or, just after midnight on Monday, last week), and the two weeks before.
    for (const [weeksAgo, status] of [
      [0, 'completed'],
      [1, 'scoring'],
      [2, 'completed'],
      [3, 'cancelled'],
      [4, 'completed'],
    ] as const) {
      await aPastSession(server, {
        host: partner,
        guest: me,
        status,
        startedHoursAgo: 2 + weeksAgo * 7 * DAYS,
      });
    }
    expect((await progressOf(me)).streakWeeks).toBe(3);
    expect((await progressOf(await signUp(server.url))).streakWeeks).toBe(0);
  });

  it('lists past sessions newest first with their thumbnail, prompts and the score I may see', async () => {
    const older = await interviewedDaysAgo(6, {}, 'rate-limiter');
    const recent = await interviewedDaysAgo(0.1, {}, 'url-shortener'); // feedback still hidden
    await aPastSession(server, { host: partner, guest: me, status: 'cancelled', startedHoursAgo: 24 });
    await aPastSession(server, { host: partner, guest: me, status: 'scheduled', startedHoursAgo: -72 });

    const { history } = await progressOf(me);
    expect(history).toEqual([
      {
        sessionId: recent.id,
        startsAt: expect.any(String),
        status: 'completed',
        promptTitles: ['Design a URL shortener'],
        weightedScore: null,
        thumbnailUrl: `/api/sessions/${recent.id}/whiteboard.svg`,
      },
      {
        sessionId: older.id,
        startsAt: expect.any(String),
        status: 'completed',
        promptTitles: ['Design a distributed API rate limiter'],
        weightedScore: 3,
        thumbnailUrl: `/api/sessions/${older.id}/whiteboard.svg`,
      },
    ]);
  });

  it('counts a session held and ended before its scheduled start in every figure alike', async () => {
    // Booked for three hours from now, held at once and ended from the room: status `scoring`.
    const early = await aPastSession(server, {
      host: partner,
      guest: me,
      format: 'single',
      prompts: ['url-shortener'],
      status: 'scoring',
      startedHoursAgo: -3,
    });
    await putScorecard(server, partner, early.id, 1, aScorecard({ requirements: 4 }));
    await rate(server, me, early.id, 1); // my rating reveals the partner's scorecard about me
    // Past its start but never held: not a completed session, so it is in no figure.
    await aPastSession(server, { host: partner, guest: me, prompts: ['news-feed'], status: 'live' });

    const progress = await progressOf(me);
    expect(progress.history.map((entry) => entry.sessionId)).toEqual([early.id]);
    expect(progress.promptsDone.map((prompt) => prompt.id)).toEqual(['url-shortener']);
    expect(progress.streakWeeks).toBe(1); // held this week, whatever week it was booked for
    expect(dimension(progress, 'requirements').points.map((point) => point.sessionId)).toEqual([early.id]);
    expect(progress.history[0]!.weightedScore).not.toBeNull();
  });

  it('starts empty for a newcomer, with every prompt still to do', async () => {
    const progress = await progressOf(me);
    expect(progress.dimensions).toHaveLength(7);
    expect(
      progress.dimensions.every((entry) => entry.points.length === 0 && entry.partnerAverage === null),
    ).toBe(true);
    expect(progress).toMatchObject({
      strongest: [],
      weakest: [],
      promptsDone: [],
      streakWeeks: 0,
      history: [],
    });
    expect(progress.promptsNotDone.length).toBeGreaterThan(10);
  });
});
