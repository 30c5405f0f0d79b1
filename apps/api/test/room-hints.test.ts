import type { Socket } from 'socket.io-client';
import request from 'supertest';
import type {
  ErrorAck,
  HintReveal,
  HintRevealAck,
  JoinAck,
  ReplayResponse,
  RoundFeedback,
  Session,
} from '@mockboard/contracts';
import { PromptsService } from '../src/prompts/prompts.service';
import { signUp, type SignedUpUser } from './support/factories';
import { FIXTURE_HINTS, HINTED_PROMPT_ID, promptsWithFixture } from './support/hinted-prompts';
import { aLiveSession, call, connect, next } from './support/room-client';
import { startTestApp, type TestApp } from './support/test-app';

type RevealAck = HintRevealAck | ErrorAck;
const ADMIN_EMAIL = 'hints-admin@example.test';

/** Issue 17: the round's interviewer reveals a prompt's staged hints to the candidate. */
describe('staged hints in the room', () => {
  let server: TestApp;
  let host: SignedUpUser;
  let guest: SignedUpUser;
  let sessionId: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    server = await startTestApp({ PROMPTS_DIR: promptsWithFixture(), ADMIN_EMAILS: ADMIN_EMAIL });
  });
  beforeEach(async () => {
    host = await signUp(server.url);
    guest = await signUp(server.url);
    sessionId = (await aLiveSession(server.url, host, guest, { promptId: HINTED_PROMPT_ID })).id;
  });
  afterEach(() => sockets.splice(0).forEach((socket) => socket.disconnect()));
  afterAll(() => server?.close());

  async function joined(user: SignedUpUser): Promise<{ socket: Socket; ack: JoinAck }> {
    const socket = await connect(server.url, user);
    sockets.push(socket);
    const ack = await call<JoinAck>(socket, 'session:join', { sessionId });
    expect(ack).toMatchObject({ ok: true });
    return { socket, ack };
  }
  const reveal = (socket: Socket, phase: string, stage: number, round = 1) =>
    call<RevealAck>(socket, 'hint:reveal', { sessionId, round, phase, stage });
  const storedReveals = async () =>
    (await server.dataSource.query(
      `SELECT phase, stage, text FROM hint_reveals WHERE session_id = $1 ORDER BY seq`,
      [sessionId],
    )) as { phase: string; stage: number; text: string }[];

  /** Every hint:revealed the socket receives from now on. */
  function overheard(socket: Socket): HintReveal[] {
    const heard: HintReveal[] = [];
    socket.on('hint:revealed', (reveal: HintReveal) => heard.push(reveal));
    return heard;
  }

  it('reveals a hint to the candidate: acked, stored with its text, broadcast to the room', async () => {
    const { socket: interviewer } = await joined(host);
    const { socket: candidate } = await joined(guest);
    const arrives = next<HintReveal>(candidate, 'hint:revealed');

    const ack = await reveal(interviewer, 'deep-dive', 1);

    const expected = {
      sessionId,
      round: 1,
      phase: 'deep-dive',
      stage: 1,
      text: FIXTURE_HINTS['deep-dive'][0],
      revealedBy: host.user.id,
      revealedAt: expect.any(String),
    };
    expect(ack).toEqual({ ok: true, reveal: expected });
    expect(await arrives).toEqual(expected);
    expect(await storedReveals()).toEqual([
      { phase: 'deep-dive', stage: 1, text: FIXTURE_HINTS['deep-dive'][0] },
    ]);
  });

  it('refuses the candidate and an observing admin with forbidden, and stores nothing', async () => {
    const admin = await signUp(server.url, { email: ADMIN_EMAIL });
    await joined(host);
    const { socket: candidate } = await joined(guest);
    const { socket: observer } = await joined(admin);
    const stranger = await connect(server.url, await signUp(server.url));
    sockets.push(stranger);

    expect(await reveal(candidate, 'requirements', 1)).toEqual({
      ok: false,
      error: { code: 'forbidden', message: "Only the round's interviewer reveals hints to the candidate" },
    });
    expect(await reveal(observer, 'requirements', 1)).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'Observers cannot reveal hints' },
    });
    expect(await reveal(stranger, 'requirements', 1)).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'Join the session first (session:join)' },
    });
    expect(await storedReveals()).toEqual([]);
  });

  it("refuses a round the session does not have with bad_request, not as someone else's round", async () => {
    // New people: the hour's slot of beforeEach's pair is taken by their swap session.
    const [ada, ben] = [await signUp(server.url), await signUp(server.url)];
    sessionId = (await aLiveSession(server.url, ada, ben, { promptId: HINTED_PROMPT_ID, format: 'single' }))
      .id;
    const { socket: interviewer } = await joined(ada);

    expect(await reveal(interviewer, 'requirements', 1, 2)).toEqual({
      ok: false,
      error: { code: 'bad_request', message: 'This session has no round 2' },
    });
    expect(await storedReveals()).toEqual([]);
    expect(await reveal(interviewer, 'requirements', 1, 1)).toMatchObject({ ok: true });
  });

  it('has the table itself refuse a reveal for a round the session lacks or a phase the interview lacks', async () => {
    const [ada, ben] = [await signUp(server.url), await signUp(server.url)];
    sessionId = (await aLiveSession(server.url, ada, ben, { promptId: HINTED_PROMPT_ID, format: 'single' }))
      .id;
    const insert = (round: number, phase: string) =>
      server.dataSource
        .query(
          `INSERT INTO hint_reveals (session_id, round, phase, stage, text, revealed_by)
           VALUES ($1, $2, $3, 1, 'A hint', $4)`,
          [sessionId, round, phase, ada.user.id],
        )
        .then(
          () => 'stored',
          (error: { code?: string; driverError?: { code?: string } }) =>
            error.driverError?.code ?? error.code,
        );

    expect(await insert(2, 'requirements')).toBe('23503'); // foreign_key_violation: no round 2
    expect(await insert(1, 'small-talk')).toBe('23514'); // check_violation: no such phase
    expect(await storedReveals()).toEqual([]);
    expect(await insert(1, 'requirements')).toBe('stored');
  });

  it('reveals the stages of a phase in order only', async () => {
    const { socket: interviewer } = await joined(host);

    expect(await reveal(interviewer, 'requirements', 2)).toEqual({
      ok: false,
      error: { code: 'bad_request', message: 'stage: reveal hint 1 of the Requirements phase first' },
    });
    expect(await reveal(interviewer, 'requirements', 1)).toMatchObject({ ok: true });
    // Another phase's stages are its own: stage 2 of estimation still needs estimation's stage 1.
    expect(await reveal(interviewer, 'estimation', 2)).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
    expect(await reveal(interviewer, 'requirements', 2)).toMatchObject({ ok: true });
    expect(await reveal(interviewer, 'requirements', 3)).toMatchObject({ ok: true });
    expect((await storedReveals()).map((row) => `${row.phase} ${row.stage}`)).toEqual([
      'requirements 1',
      'requirements 2',
      'requirements 3',
    ]);
  });

  it('refuses a phase or stage the prompt has no hint for with bad_request', async () => {
    const { socket: interviewer } = await joined(host);
    const refusal = (message: string) => ({ ok: false, error: { code: 'bad_request', message } });

    expect(await reveal(interviewer, 'wrap-up', 1)).toEqual(
      refusal('phase: this prompt has no hints for the Wrap-up phase'),
    );
    await reveal(interviewer, 'estimation', 1);
    await reveal(interviewer, 'estimation', 2);
    expect(await reveal(interviewer, 'estimation', 3)).toEqual(
      refusal('stage: the Estimation phase has 2 hints, not 3'),
    );
    expect(await storedReveals()).toHaveLength(2);
  });

  it('refuses a malformed reveal with bad_request, naming the field', async () => {
    const { socket: interviewer } = await joined(host);
    const refusal = (message: string) => ({ ok: false, error: { code: 'bad_request', message } });

    expect(await reveal(interviewer, 'estimation', 4)).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
    expect(await reveal(interviewer, 'brainstorm', 1)).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
    expect(
      await call<RevealAck>(interviewer, 'hint:reveal', {
        sessionId,
        round: 1,
        phase: 'estimation',
        stage: 1,
        x: 1,
      }),
    ).toEqual(refusal('x: not an accepted field'));
    expect(await storedReveals()).toEqual([]);
  });

  it('answers a retried reveal with the stored one, and tells the room only once', async () => {
    const { socket: interviewer } = await joined(host);
    const { socket: candidate } = await joined(guest);
    const heard = overheard(candidate);

    const first = await reveal(interviewer, 'high-level-design', 1);
    const again = await reveal(interviewer, 'high-level-design', 1);
    const both = await Promise.all([
      reveal(interviewer, 'deep-dive', 1),
      reveal(interviewer, 'deep-dive', 1),
    ]);

    expect(again).toEqual(first);
    expect(both[1]).toEqual(both[0]);
    // An ack comes after every event already on its way: the candidate has heard all it will.
    await reveal(candidate, 'deep-dive', 1);
    expect(heard.map((hint) => `${hint.phase} ${hint.stage}`)).toEqual([
      'high-level-design 1',
      'deep-dive 1',
    ]);
    expect(await storedReveals()).toHaveLength(2);
  });

  it('hands the hints revealed so far to a joining or reconnecting tab, oldest first', async () => {
    const { socket: interviewer, ack: before } = await joined(host);
    expect(before.hints).toEqual([]);
    const { socket: candidate } = await joined(guest);
    candidate.disconnect();
    await reveal(interviewer, 'requirements', 1);
    await reveal(interviewer, 'estimation', 1);

    const { ack: back } = await joined(guest);
    expect(back.hints.map((hint) => [hint.phase, hint.stage, hint.text])).toEqual([
      ['requirements', 1, FIXTURE_HINTS.requirements[0]],
      ['estimation', 1, FIXTURE_HINTS.estimation[0]],
    ]);
    // The interviewer's own guide carries every hint to choose from; the candidate's carries none.
    const { ack: interviewerAgain } = await joined(host);
    expect(interviewerAgain.prompt?.guide?.hints.map((phase) => phase.phase)).toEqual(
      Object.keys(FIXTURE_HINTS),
    );
    expect(back.prompt?.guide).toBeNull();
  });

  it('puts each reveal in the replay, among the board changes and phases, by time', async () => {
    const { socket: interviewer } = await joined(host);
    await joined(guest);
    await call(interviewer, 'session:phase', { sessionId, phase: 'estimation' });
    await reveal(interviewer, 'estimation', 1);
    await call(interviewer, 'session:phase', { sessionId, phase: 'deep-dive' });

    const replay = (
      await request(server.url).get(`/api/sessions/${sessionId}/replay`).set(guest.bearer).expect(200)
    ).body as ReplayResponse;

    expect(replay.entries.map((entry) => entry.kind)).toEqual(['phase', 'hint', 'phase']);
    const hint = replay.entries[1]!;
    expect(hint).toMatchObject({
      kind: 'hint',
      phase: 'estimation',
      round: 1,
      hint: { sessionId, round: 1, phase: 'estimation', stage: 1, text: FIXTURE_HINTS.estimation[0] },
    });
    expect(hint.hint!.revealedAt).toBe(hint.at);
    expect(replay.total).toBe(3);
  });

  it('refuses a reveal once the interview has ended, with conflict', async () => {
    const { socket: interviewer } = await joined(host);
    await joined(guest);
    expect(await call(interviewer, 'session:end', { sessionId })).toMatchObject({ ok: true });

    expect(await reveal(interviewer, 'requirements', 1)).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'The session is scoring; hints can no longer be revealed' },
    });
  });

  it("refuses a reveal for a round that is over, and lets round 2's interviewer reveal", async () => {
    // Round 2's interviewer (the guest) picks its prompt before the swap.
    await request(server.url)
      .put(`/api/sessions/${sessionId}/rounds/2/prompt`)
      .set(guest.bearer)
      .send({ promptId: HINTED_PROMPT_ID })
      .expect(200);
    const { socket: first } = await joined(host);
    const { socket: second } = await joined(guest);
    expect(await call(first, 'session:swap', { sessionId })).toMatchObject({ ok: true });

    expect(await reveal(first, 'requirements', 1, 1)).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'Round 1 is over; reveal hints for round 2' },
    });
    expect(await reveal(first, 'requirements', 1, 2)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await reveal(second, 'requirements', 1, 2)).toMatchObject({
      ok: true,
      reveal: { round: 2, revealedBy: guest.user.id },
    });
    // Round 1's reveal stays with round 1: round 2 starts with none of its own.
    expect((await joined(host)).ack.hints.map((hint) => hint.round)).toEqual([2]);
  });

  it("keeps the round's prompt once a hint of it was revealed: another prompt's hints would collide", async () => {
    const { socket: interviewer } = await joined(host);
    await request(server.url)
      .put(`/api/sessions/${sessionId}/rounds/1/prompt`)
      .set(host.bearer)
      .send({ promptId: 'url-shortener' })
      .expect(200);
    await request(server.url)
      .put(`/api/sessions/${sessionId}/rounds/1/prompt`)
      .set(host.bearer)
      .send({ promptId: HINTED_PROMPT_ID })
      .expect(200);
    await reveal(interviewer, 'requirements', 1);

    const refused = await request(server.url)
      .put(`/api/sessions/${sessionId}/rounds/1/prompt`)
      .set(host.bearer)
      .send({ promptId: 'url-shortener' })
      .expect(409);
    expect(refused.body.message).toBe(
      "Hints of this round's prompt have been revealed, so the round keeps its prompt",
    );
  });

  it('lists the hints used on the scorecard, for both sides, with the cap the rubric puts on each dimension', async () => {
    const { socket: interviewer } = await joined(host);
    await joined(guest);
    await reveal(interviewer, 'deep-dive', 1);
    await reveal(interviewer, 'deep-dive', 2);
    await reveal(interviewer, 'estimation', 1);
    expect(await call(interviewer, 'session:end', { sessionId })).toMatchObject({ ok: true });

    const feedbackOf = async (user: SignedUpUser) =>
      (
        await request(server.url)
          .get(`/api/sessions/${sessionId}/rounds/1/scorecard`)
          .set(user.bearer)
          .expect(200)
      ).body as RoundFeedback;
    const mine = await feedbackOf(host);
    const theirs = await feedbackOf(guest);

    // What each stage weighs is the rubric's word (prompts/rubric.yaml, hints.stages).
    const stages = server.app.get(PromptsService).rubric().hints.stages;
    const weight = (stage: 1 | 2 | 3) => ({
      stageLabel: stages[stage - 1]!.label,
      maxLevel: stages[stage - 1]!.maxLevel,
      effect: stages[stage - 1]!.effect,
    });
    expect(mine.hints.used).toEqual([
      {
        round: 1,
        phase: 'deep-dive',
        stage: 1,
        text: FIXTURE_HINTS['deep-dive'][0],
        revealedBy: host.user.id,
        revealedAt: expect.any(String),
        dimensionId: 'deep-dive',
        ...weight(1),
      },
      expect.objectContaining({ phase: 'deep-dive', stage: 2, dimensionId: 'deep-dive', ...weight(2) }),
      expect.objectContaining({ phase: 'estimation', stage: 1, dimensionId: 'estimation', ...weight(1) }),
    ]);
    // Today's rubric: a nudge leaves the score alone, a pointer caps the dimension at Solid (3).
    expect(weight(1).maxLevel).toBeNull();
    expect(mine.hints.caps).toEqual([
      {
        dimensionId: 'deep-dive',
        maxLevel: weight(2).maxLevel,
        reasons: [expect.stringContaining('Deep dive')],
      },
    ]);
    expect(theirs.hints).toEqual(mine.hints);
  });

  it('lets a solo practitioner reveal hints to themselves, in the same order', async () => {
    const solo = await signUp(server.url);
    const practice = (
      await request(server.url)
        .post('/api/sessions/solo')
        .set(solo.bearer)
        .send({ promptId: HINTED_PROMPT_ID })
        .expect(201)
    ).body as Session;
    const socket = await connect(server.url, solo);
    sockets.push(socket);
    expect(await call(socket, 'session:join', { sessionId: practice.id })).toMatchObject({ ok: true });
    const ask = (stage: number) =>
      call<RevealAck>(socket, 'hint:reveal', {
        sessionId: practice.id,
        round: 1,
        phase: 'estimation',
        stage,
      });

    expect(await ask(2)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await ask(1)).toMatchObject({ ok: true, reveal: { stage: 1, revealedBy: solo.user.id } });
    expect(await ask(2)).toMatchObject({ ok: true, reveal: { stage: 2 } });
    // The last one was the last: the web app learns it from this answer.
    expect(await ask(3)).toEqual({
      ok: false,
      error: { code: 'bad_request', message: 'stage: the Estimation phase has 2 hints, not 3' },
    });
  });
});
